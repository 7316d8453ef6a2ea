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
// appended once the transaction has committed, never before.
func (s *Store) commitThenPublish(ctx context.Context, fn func(*roomTx) error) error {
	return pglog.CommitThenPublish(ctx, s.db, s.pub, func(tx pgx.Tx) ([]hub.Event, error) {
		rt := &roomTx{Tx: tx}
		err := fn(rt)
		return rt.events, err
	})
}

// roomTx is the transaction of a change to rooms: it keeps the events
// appended to their logs, in order, for commitThenPublish to publish after
// the commit, so that the helpers that announce need not hand them back.
type roomTx struct {
	pgx.Tx
	events []hub.Event
}

// announce appends an event to the session's room, last in the
// transaction so far.
func (t *roomTx) announce(ctx context.Context, sessionID int64, kind string, data any) error {
	return t.announceIn(ctx, sessions.RoomName(sessionID), kind, data)
}

// announceIn appends an event to room, last in the transaction so far.
func (t *roomTx) announceIn(ctx context.Context, room, kind string, data any) error {
	return t.add(pglog.Append(ctx, t.Tx, room, kind, data))
}

// add keeps ev, appended to its room's log in this transaction, for
// publishing; it passes err on (the transaction then rolls back).
func (t *roomTx) add(ev hub.Event, err error) error {
	if err != nil {
		return err
	}
	t.events = append(t.events, ev)
	return nil
}
