package pgstore

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/tracks/accounts"
)

// CreateLink implements accounts.Store.
func (s *Store) CreateLink(ctx context.Context, l accounts.Link) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if l.Purpose == accounts.PurposeResetPassword || l.Purpose == accounts.PurposeChangeEmail {
			// Only the newest reset or change link works: one found in an
			// old mail opens nothing (nor moves the account to an address
			// given up since).
			if _, err := tx.Exec(ctx, `UPDATE account_links SET used_at = $3
				WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL`, l.AccountID, l.Purpose, l.CreatedAt); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO account_links (token_hash, account_id, purpose, email, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6)`,
			hashToken(l.Token), l.AccountID, l.Purpose, l.Email, l.CreatedAt, l.ExpiresAt)
		return err
	})
	if err != nil {
		return errorf(err, "create %s link for %d", l.Purpose, l.AccountID)
	}
	return nil
}

// useLink marks the unused, unexpired link of purpose with token used at
// at and, in the same transaction, does with its account and address what
// the link is for (then). ErrLinkInvalid when there is no such link. The
// row lock taken by the UPDATE makes a link usable once even when it is
// followed twice at the same moment.
func (s *Store) useLink(ctx context.Context, token string, purpose accounts.LinkPurpose, at time.Time,
	then func(tx pgx.Tx, id int64, email string) error) (int64, error) {
	var id int64
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var email string
		err := tx.QueryRow(ctx, `
			UPDATE account_links SET used_at = $3
			WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
			RETURNING account_id, email`, hashToken(token), purpose, at).Scan(&id, &email)
		if errors.Is(err, pgx.ErrNoRows) {
			return accounts.ErrLinkInvalid
		}
		if err != nil {
			return err
		}
		return then(tx, id, email)
	})
	return id, err
}

// forgetWaysIn removes the account's passkeys and calendar feeds: after a
// password reset, or a provider's sign-in that proves an address nobody had
// confirmed, the only ways in are the new password and that provider, so
// that whoever prepared or borrowed the account keeps none (the passkey
// they added, the feed of the person's schedule).
func forgetWaysIn(ctx context.Context, tx pgx.Tx, accountID int64) error {
	for _, q := range []string{`DELETE FROM passkeys WHERE account_id = $1`, `DELETE FROM calendar_tokens WHERE account_id = $1`} {
		if _, err := tx.Exec(ctx, q, accountID); err != nil {
			return err
		}
	}
	return nil
}

// verifyAddress marks the account's address verified at at when it is
// still email.
func verifyAddress(ctx context.Context, tx pgx.Tx, accountID int64, email string, at time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE accounts SET email_verified_at = $3
		WHERE id = $1 AND lower(email) = lower($2)`, accountID, email, at)
	return err
}

// VerifyEmail implements accounts.Store.
func (s *Store) VerifyEmail(ctx context.Context, token string, at time.Time) (int64, error) {
	id, err := s.useLink(ctx, token, accounts.PurposeVerifyEmail, at, func(tx pgx.Tx, id int64, email string) error {
		return verifyAddress(ctx, tx, id, email, at)
	})
	if err != nil {
		return 0, errorf(err, "verify e-mail")
	}
	return id, nil
}

// ResetPassword implements accounts.Store.
func (s *Store) ResetPassword(ctx context.Context, token, passwordHash string, at time.Time) (int64, error) {
	id, err := s.useLink(ctx, token, accounts.PurposeResetPassword, at, func(tx pgx.Tx, id int64, email string) error {
		// A link mailed to an address the account has given up since is
		// void: whoever holds the old mailbox takes nothing over.
		var current bool
		err := tx.QueryRow(ctx, `SELECT lower(email) = lower($2) FROM accounts WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`,
			id, email).Scan(&current)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && !current) {
			return accounts.ErrLinkInvalid
		}
		if err != nil {
			return err
		}
		if err := revokeAll(ctx, tx, id, at); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE accounts SET password_hash = $2 WHERE id = $1`, id, passwordHash); err != nil {
			return err
		}
		if err := forgetWaysIn(ctx, tx, id); err != nil {
			return err
		}
		return verifyAddress(ctx, tx, id, email, at)
	})
	if err != nil {
		return 0, errorf(err, "reset password")
	}
	return id, nil
}
