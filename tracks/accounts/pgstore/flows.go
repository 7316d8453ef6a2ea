package pgstore

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ accounts.Flows = (*Store)(nil)

// SaveFlow implements accounts.Flows; it sweeps the expired flows too,
// so that abandoned sign-ins do not pile up.
func (s *Store) SaveFlow(ctx context.Context, kind, key string, data []byte, expires time.Time) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM sign_in_flows WHERE expires_at < now()`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO sign_in_flows (key_hash, kind, data, expires_at) VALUES ($1, $2, $3, $4)`,
			hashToken(key), kind, data, expires)
		return err
	})
	if err != nil {
		return errorf(err, "save %s flow", kind)
	}
	return nil
}

// TakeFlow implements accounts.Flows: the DELETE's row lock lets one of
// two requests finishing the same flow at once have it.
func (s *Store) TakeFlow(ctx context.Context, kind, key string, now time.Time) ([]byte, error) {
	var data []byte
	var live bool
	err := s.db.Pool.QueryRow(ctx, `DELETE FROM sign_in_flows WHERE key_hash = $1 AND kind = $2
		RETURNING data, expires_at > $3`, hashToken(key), kind, now).Scan(&data, &live)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !live) {
		return nil, igfplus.Errorf(igfplus.ENotFound, "This sign-in has expired or was already finished. Please start again.")
	}
	if err != nil {
		return nil, errorf(err, "take %s flow", kind)
	}
	return data, nil
}
