// Package pgstore keeps finding's data in Postgres: the full-text search
// (stored vectors of migration 0025, each document stemmed in its
// language and word for word), follows and hashed calendar tokens.
package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	sessionstore "github.com/igfplus/igfplus/sessions/pgstore"
	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Store is finding.Store on Postgres.
type Store struct{ db *pgdb.DB }

var _ finding.Store = (*Store)(nil)

// New returns the Store over db.
func New(db *pgdb.DB) *Store { return &Store{db: db} }

// Follow adds a follow; following twice changes nothing.
func (s *Store) Follow(ctx context.Context, accountID, sessionID int64) error {
	_, err := s.db.Pool.Exec(ctx, `INSERT INTO session_follows (account_id, session_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, accountID, sessionID)
	if pgdb.Violates(err, "session_follows_session_id_fkey") {
		return &igfplus.Error{Code: igfplus.ENotFound, Message: "The session was not found.", Err: err}
	}
	return pgdb.Wrap(err, "finding: follow %d", sessionID)
}

// Unfollow removes a follow, if any.
func (s *Store) Unfollow(ctx context.Context, accountID, sessionID int64) error {
	_, err := s.db.Pool.Exec(ctx, `DELETE FROM session_follows WHERE account_id = $1 AND session_id = $2`, accountID, sessionID)
	return pgdb.Wrap(err, "finding: unfollow %d", sessionID)
}

// Following reports whether the account follows the session.
func (s *Store) Following(ctx context.Context, accountID, sessionID int64) (bool, error) {
	var ok bool
	err := s.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM session_follows WHERE account_id = $1 AND session_id = $2)`, accountID, sessionID).Scan(&ok)
	return ok, pgdb.Wrap(err, "finding: read follow of %d", sessionID)
}

// Schedule lists the followed sessions by start time.
func (s *Store) Schedule(ctx context.Context, accountID int64) ([]sessions.Session, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT `+sessionstore.SessionColumns+` FROM sessions
		WHERE id IN (SELECT session_id FROM session_follows WHERE account_id = $1) ORDER BY starts_at, id`, accountID)
	if err != nil {
		return nil, pgdb.Wrap(err, "finding: read schedule")
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Session, error) { return sessionstore.ScanSession(r) })
	return list, pgdb.Wrap(err, "finding: read schedule")
}

// SetCalendarToken replaces the account's token hash.
func (s *Store) SetCalendarToken(ctx context.Context, accountID int64, hash []byte) error {
	_, err := s.db.Pool.Exec(ctx, `
		INSERT INTO calendar_tokens (account_id, token_hash) VALUES ($1, $2)
		ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = now()`, accountID, hash)
	return pgdb.Wrap(err, "finding: set calendar token")
}

// RevokeCalendarToken deletes the account's token.
func (s *Store) RevokeCalendarToken(ctx context.Context, accountID int64) error {
	_, err := s.db.Pool.Exec(ctx, `DELETE FROM calendar_tokens WHERE account_id = $1`, accountID)
	return pgdb.Wrap(err, "finding: revoke calendar token")
}

// HasCalendarToken reports whether the account has a token.
func (s *Store) HasCalendarToken(ctx context.Context, accountID int64) (bool, error) {
	var ok bool
	err := s.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM calendar_tokens WHERE account_id = $1)`, accountID).Scan(&ok)
	return ok, pgdb.Wrap(err, "finding: read calendar token")
}

// CalendarOwner finds the account of a token hash.
func (s *Store) CalendarOwner(ctx context.Context, hash []byte) (int64, error) {
	var id int64
	err := s.db.Pool.QueryRow(ctx, `SELECT account_id FROM calendar_tokens WHERE token_hash = $1`, hash).Scan(&id)
	return id, pgdb.Wrap(pgdb.NotFound(err, "The calendar"), "finding: read calendar owner")
}
