// Package pgstore keeps accounts, their roles and their refresh tokens in
// Postgres (it implements accounts.Store). Refresh tokens are stored as
// SHA-256 hashes: they are long random strings, so a fast hash suffices and
// a stolen copy of the table yields no usable token.
package pgstore

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/accounts"
)

// Store is the Postgres accounts.Store.
type Store struct {
	db *pgdb.DB
}

var _ accounts.Store = (*Store)(nil)

// New returns a Store on db.
func New(db *pgdb.DB) *Store { return &Store{db: db} }

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// bumpTokenVersion increments the account's token version inside tx, which
// also locks the account's row until tx ends.
func bumpTokenVersion(ctx context.Context, tx pgx.Tx, accountID int64) error {
	var v int
	err := tx.QueryRow(ctx, `
		UPDATE accounts SET token_version = token_version + 1 WHERE id = $1
		RETURNING token_version`, accountID).Scan(&v)
	if err != nil {
		return pgdb.NotFound(err, "The account")
	}
	return nil
}

// lockAccount locks the account's row until tx ends, for the changes to its
// sessions that do not bump its token version (which locks it too).
func lockAccount(ctx context.Context, tx pgx.Tx, accountID int64) error {
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM accounts WHERE id = $1 FOR NO KEY UPDATE`, accountID).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return accounts.ErrSessionEnded
	}
	return err
}

// errorf wraps err with context while keeping its domain kind. In this
// package each exported method wraps once, naming what it did; the helpers
// it calls (bumpTokenVersion, lockPresented…) return their errors bare.
func errorf(err error, format string, args ...any) error {
	return fmt.Errorf("accounts/pgstore: "+format+": %w", append(args, err)...)
}
