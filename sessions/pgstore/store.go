// Package pgstore keeps sessions in Postgres. A change to a session's room is
// written with its room event in one transaction (hub/pglog) and announced
// through the Publisher only after that transaction has committed.
package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
)

// Publisher announces committed events (the hub).
type Publisher = pglog.Publisher

// Store is the sessions.Store on Postgres.
type Store struct {
	db  *pgdb.DB
	pub Publisher
}

var _ sessions.Store = (*Store)(nil)

// New returns a Store that announces through pub.
func New(db *pgdb.DB, pub Publisher) *Store { return &Store{db: db, pub: pub} }

// commitThenPublish runs fn in a transaction and publishes the events it
// produced once the transaction has committed, never before.
func (s *Store) commitThenPublish(ctx context.Context, fn func(pgx.Tx) ([]hub.Event, error)) error {
	return pglog.CommitThenPublish(ctx, s.db, s.pub, fn)
}
