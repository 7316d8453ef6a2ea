package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ accounts.PasskeyStore = (*Store)(nil)

// AddPasskey implements accounts.PasskeyStore.
func (s *Store) AddPasskey(ctx context.Context, accountID int64, p accounts.Passkey) error {
	_, err := s.db.Pool.Exec(ctx, `INSERT INTO passkeys (credential_id, account_id, credential, created_at)
		VALUES ($1, $2, $3, $4)`, p.ID, accountID, p.Credential, p.CreatedAt)
	if pgdb.Violates(err, "passkeys_pkey") {
		return &igfplus.Error{Code: igfplus.EConflict, Message: "This passkey is already registered.", Err: err}
	}
	if err != nil {
		return errorf(err, "add passkey of %d", accountID)
	}
	return nil
}

// Passkeys implements accounts.PasskeyStore.
func (s *Store) Passkeys(ctx context.Context, accountID int64) ([]accounts.Passkey, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT credential_id, credential, created_at, last_used_at
		FROM passkeys WHERE account_id = $1 ORDER BY created_at, credential_id`, accountID)
	if err != nil {
		return nil, errorf(err, "passkeys of %d", accountID)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (accounts.Passkey, error) {
		var p accounts.Passkey
		err := r.Scan(&p.ID, &p.Credential, &p.CreatedAt, &p.LastUsedAt)
		return p, err
	})
	if err != nil {
		return nil, errorf(err, "passkeys of %d", accountID)
	}
	return out, nil
}

// PasskeyOwner implements accounts.PasskeyStore.
func (s *Store) PasskeyOwner(ctx context.Context, id []byte) (int64, error) {
	var owner int64
	err := s.db.Pool.QueryRow(ctx, `SELECT account_id FROM passkeys WHERE credential_id = $1`, id).Scan(&owner)
	if err != nil {
		return 0, errorf(pgdb.NotFound(err, "The passkey"), "passkey owner")
	}
	return owner, nil
}

// UsePasskey implements accounts.PasskeyStore.
func (s *Store) UsePasskey(ctx context.Context, id, credential []byte, at time.Time) error {
	if _, err := s.db.Pool.Exec(ctx, `UPDATE passkeys SET credential = $2, last_used_at = $3 WHERE credential_id = $1`,
		id, credential, at); err != nil {
		return errorf(err, "use passkey")
	}
	return nil
}

// DeletePasskey implements accounts.PasskeyStore.
func (s *Store) DeletePasskey(ctx context.Context, accountID int64, id []byte) error {
	tag, err := s.db.Pool.Exec(ctx, `DELETE FROM passkeys WHERE account_id = $1 AND credential_id = $2`, accountID, id)
	if err != nil {
		return errorf(err, "delete passkey of %d", accountID)
	}
	if tag.RowsAffected() == 0 {
		return igfplus.Errorf(igfplus.ENotFound, "The passkey was not found.")
	}
	return nil
}

var _ accounts.ExternalStore = (*Store)(nil)

// AccountByIdentity implements accounts.ExternalStore.
func (s *Store) AccountByIdentity(ctx context.Context, provider, subject string) (*accounts.Account, error) {
	a, err := scanAccount(s.db.Pool.QueryRow(ctx, `SELECT `+accountColumns+`
		FROM account_identities i JOIN accounts a ON a.id = i.account_id
		WHERE i.provider = $1 AND i.subject = $2 AND a.deleted_at IS NULL`, provider, subject))
	if err != nil {
		return nil, errorf(pgdb.NotFound(err, "The account"), "account of %s identity", provider)
	}
	return a, nil
}

// LinkIdentity implements accounts.ExternalStore. The account's row is
// locked first, so that a password reset or an address change cannot
// slip between reading whether the address was verified and acting on it.
func (s *Store) LinkIdentity(ctx context.Context, accountID int64, provider, subject, email string, at time.Time) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var verified bool
		err := tx.QueryRow(ctx, `SELECT email_verified_at IS NOT NULL AND lower(email) = lower($2)
			FROM accounts WHERE id = $1 FOR UPDATE`, accountID, email).Scan(&verified)
		if err != nil {
			return pgdb.NotFound(err, "The account")
		}
		if !verified {
			if _, err := tx.Exec(ctx, `UPDATE accounts SET password_hash = '' WHERE id = $1`, accountID); err != nil {
				return err
			}
			if err := revokeAll(ctx, tx, accountID, at); err != nil {
				return err
			}
			if err := forgetWaysIn(ctx, tx, accountID); err != nil {
				return err
			}
		}
		if err := verifyAddress(ctx, tx, accountID, email, at); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO account_identities (provider, subject, account_id, created_at)
			VALUES ($1, $2, $3, $4)`, provider, subject, accountID, at)
		return err
	})
	if err != nil {
		return errorf(err, "link account %d to %s", accountID, provider)
	}
	return nil
}

// CreateLinkedAccount implements accounts.ExternalStore.
func (s *Store) CreateLinkedAccount(ctx context.Context, a *accounts.Account, provider, subject string, at time.Time) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := insertAccount(ctx, tx, a, ""); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE accounts SET email_verified_at = $2 WHERE id = $1`, a.ID, at); err != nil {
			return err
		}
		a.EmailVerifiedAt = &at
		_, err := tx.Exec(ctx, `INSERT INTO account_identities (provider, subject, account_id, created_at)
			VALUES ($1, $2, $3, $4)`, provider, subject, a.ID, at)
		return err
	})
	if pgdb.Violates(err, "accounts_email_key", "account_identities_pkey") {
		return &igfplus.Error{Code: igfplus.EConflict, Message: "An account with this email already exists.", Err: err}
	}
	if err != nil {
		return errorf(err, "create account through %s", provider)
	}
	return nil
}
