// Package pgstore keeps delegate verification requests in Postgres.
package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/delegates"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ delegates.Store = (*Store)(nil)

// Store is the Postgres store of verification requests.
type Store struct{ db *pgdb.DB }

// New returns a Store over db.
func New(db *pgdb.DB) *Store { return &Store{db: db} }

const requestColumns = `r.id, r.account_id, a.display_name, r.verify_as, r.note, r.asked_at, r.state,
	coalesce(r.decided_by, 0), r.decided_at, r.reason
	FROM verification_requests r JOIN accounts a ON a.id = r.account_id`

func scanRequest(row pgx.Row) (delegates.Request, error) {
	var r delegates.Request
	var decidedAt *time.Time
	err := row.Scan(&r.ID, &r.AccountID, &r.AccountName, &r.VerifyAs, &r.Note, &r.AskedAt, &r.State, &r.DecidedBy, &decidedAt, &r.Reason)
	if decidedAt != nil {
		r.DecidedAt = *decidedAt
	}
	return r, err
}

// Ask records a pending request; the partial unique index refuses a second
// pending one (a conflict).
func (s *Store) Ask(ctx context.Context, accountID int64, as tracks.Verification, note string) (delegates.Request, error) {
	var r delegates.Request
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO verification_requests (account_id, verify_as, note) VALUES ($1, $2, $3) RETURNING id`,
			accountID, as, note).Scan(&id); err != nil {
			return pgdb.Wrap(err, "delegates: insert request")
		}
		var err error
		r, err = scanRequest(tx.QueryRow(ctx, `SELECT `+requestColumns+` WHERE r.id = $1`, id))
		return pgdb.Wrap(err, "delegates: read request %d", id)
	})
	return r, err
}

// Requests lists requests, newest first.
func (s *Store) Requests(ctx context.Context, state delegates.State) ([]delegates.Request, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT `+requestColumns+` WHERE $1 = '' OR r.state = $1 ORDER BY r.id DESC`, state)
	if err != nil {
		return nil, pgdb.Wrap(err, "delegates: list requests")
	}
	rs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (delegates.Request, error) { return scanRequest(row) })
	return rs, pgdb.Wrap(err, "delegates: list requests")
}

// Decide records the decision under the request's row lock, so that two
// secretariat members cannot both decide it. Accepting sets
// accounts.verified_as without bumping the token version: tokens do not
// carry the verification (the participation check reads it from the
// database on every action), so live sockets need not reconnect.
func (s *Store) Decide(ctx context.Context, id, by int64, accept bool, reason string) (delegates.Request, error) {
	var r delegates.Request
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var state delegates.State
		var account int64
		var as tracks.Verification
		err := tx.QueryRow(ctx, `SELECT state, account_id, verify_as FROM verification_requests WHERE id = $1 FOR UPDATE`, id).Scan(&state, &account, &as)
		if err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The verification request"), "delegates: lock request %d", id)
		}
		if state != delegates.Pending {
			return igfplus.Errorf(igfplus.EConflict, "The request was already %s.", igfplus.Text(state))
		}
		to := delegates.Declined
		if accept {
			to = delegates.Accepted
			if _, err := tx.Exec(ctx, `UPDATE accounts SET verified_as = $2 WHERE id = $1`, account, as); err != nil {
				return pgdb.Wrap(err, "delegates: verify account %d", account)
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE verification_requests SET state = $2, decided_by = $3, decided_at = now(), reason = $4 WHERE id = $1`,
			id, to, by, reason); err != nil {
			return pgdb.Wrap(err, "delegates: decide request %d", id)
		}
		r, err = scanRequest(tx.QueryRow(ctx, `SELECT `+requestColumns+` WHERE r.id = $1`, id))
		return pgdb.Wrap(err, "delegates: read request %d", id)
	})
	return r, err
}
