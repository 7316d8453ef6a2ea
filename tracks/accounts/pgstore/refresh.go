package pgstore

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/tracks/accounts"
)

// IssueRefresh implements accounts.Store.
func (s *Store) IssueRefresh(ctx context.Context, r accounts.RefreshToken) error {
	_, err := s.db.Pool.Exec(ctx, `
		INSERT INTO refresh_tokens (account_id, family, token_hash, issued_at, expires_at)
		VALUES ($1, $2, $3, $4, $5)`,
		r.AccountID, r.Family, hashToken(r.Token), r.IssuedAt, r.ExpiresAt)
	if err != nil {
		return errorf(err, "issue refresh token for %d", r.AccountID)
	}
	return nil
}

// presented is the stored state of a refresh token that a client presented.
type presented struct {
	id        int64
	accountID int64
	family    uuid.UUID
	expiresAt time.Time
	usedAt    *time.Time
	revokedAt *time.Time
}

// lockPresented reads the presented token's row with its account's row
// locked until tx ends. Every change to an account's sessions (rotation,
// sign-out, sign-out everywhere) locks the account row first, so they run one
// at a time per account and in one lock order (no deadlocks): a second
// refresh with the same token waits and then sees the first one's used_at
// (theft detection rather than two winners), and a sign-out everywhere cannot
// miss a token that a concurrent rotation was inserting.
func lockPresented(ctx context.Context, tx pgx.Tx, token string) (*presented, error) {
	hash := hashToken(token)
	var p presented
	// A token's account never changes, so reading it unlocked is safe.
	err := tx.QueryRow(ctx, `SELECT account_id FROM refresh_tokens WHERE token_hash = $1`, hash).Scan(&p.accountID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, accounts.ErrSessionEnded
	}
	if err != nil {
		return nil, err
	}
	if err := lockAccount(ctx, tx, p.accountID); err != nil {
		return nil, err
	}
	err = tx.QueryRow(ctx, `
		SELECT id, family, expires_at, used_at, revoked_at
		FROM refresh_tokens WHERE token_hash = $1
		FOR UPDATE`, hash,
	).Scan(&p.id, &p.family, &p.expiresAt, &p.usedAt, &p.revokedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, accounts.ErrSessionEnded // the account was deleted meanwhile
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// RotateRefresh implements accounts.Store.
func (s *Store) RotateRefresh(ctx context.Context, token string, next *accounts.RefreshToken) (int64, error) {
	var accountID int64
	// outcome is the answer to give once the transaction is over: a reuse
	// must commit its revocation and still fail.
	var outcome error
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		outcome = nil
		p, err := lockPresented(ctx, tx, token)
		if err != nil {
			return err
		}
		now := next.IssuedAt
		switch {
		case p.revokedAt != nil || !now.Before(p.expiresAt):
			return accounts.ErrSessionEnded
		case p.usedAt != nil && now.Sub(*p.usedAt) < accounts.RefreshReuseGrace:
			return accounts.ErrRefreshRaced
		case p.usedAt != nil:
			outcome = accounts.ErrRefreshReused
			return revokeFamily(ctx, tx, p.accountID, p.family, now)
		}
		if _, err := tx.Exec(ctx, `UPDATE refresh_tokens SET used_at = $2 WHERE id = $1`, p.id, now); err != nil {
			return err
		}
		next.AccountID, next.Family = p.accountID, p.family
		_, err = tx.Exec(ctx, `
			INSERT INTO refresh_tokens (account_id, family, token_hash, issued_at, expires_at)
			VALUES ($1, $2, $3, $4, $5)`,
			next.AccountID, next.Family, hashToken(next.Token), next.IssuedAt, next.ExpiresAt)
		accountID = p.accountID
		return err
	})
	if err == nil {
		err = outcome
	}
	if err != nil {
		return 0, errorf(err, "rotate refresh token")
	}
	return accountID, nil
}

// revokeFamily revokes what is left of a family and bumps the account's
// token version, inside tx.
func revokeFamily(ctx context.Context, tx pgx.Tx, accountID int64, family uuid.UUID, at time.Time) error {
	_, err := tx.Exec(ctx, `
		UPDATE refresh_tokens SET revoked_at = $2
		WHERE family = $1 AND revoked_at IS NULL`, family, at)
	if err != nil {
		return err
	}
	return bumpTokenVersion(ctx, tx, accountID)
}

// RevokeFamily implements accounts.Store.
func (s *Store) RevokeFamily(ctx context.Context, token string, at time.Time) (int64, error) {
	var accountID int64
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		p, err := lockPresented(ctx, tx, token)
		if err != nil {
			return err
		}
		accountID = p.accountID
		return revokeFamily(ctx, tx, p.accountID, p.family, at)
	})
	if err != nil {
		return 0, errorf(err, "revoke refresh family")
	}
	return accountID, nil
}

// RevokeAll implements accounts.Store.
func (s *Store) RevokeAll(ctx context.Context, accountID int64, at time.Time) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error { return revokeAll(ctx, tx, accountID, at) })
	if err != nil {
		return errorf(err, "revoke refresh tokens of %d", accountID)
	}
	return nil
}

// revokeAll is RevokeAll inside tx (a password reset's too).
func revokeAll(ctx context.Context, tx pgx.Tx, accountID int64, at time.Time) error {
	// Bump first: it locks the account's row (see lockPresented), so a
	// concurrent rotation cannot slip a fresh token past the revocation.
	if err := bumpTokenVersion(ctx, tx, accountID); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `
		UPDATE refresh_tokens SET revoked_at = $2
		WHERE account_id = $1 AND revoked_at IS NULL`, accountID, at)
	return err
}

// PurgeExpired deletes the refresh tokens that expired before before and
// returns how many. Run it now and then (daily is plenty) to keep the table
// small. It weakens nothing: an expired token is refused as such, even when
// it was used, so its row no longer serves theft detection.
func (s *Store) PurgeExpired(ctx context.Context, before time.Time) (int64, error) {
	tag, err := s.db.Pool.Exec(ctx, `DELETE FROM refresh_tokens WHERE expires_at < $1`, before)
	if err != nil {
		return 0, errorf(err, "purge expired refresh tokens")
	}
	return tag.RowsAffected(), nil
}
