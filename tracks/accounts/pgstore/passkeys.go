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
