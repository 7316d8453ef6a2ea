package pgstore

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// RevokeSession implements accounts.Store.
func (s *Store) RevokeSession(ctx context.Context, accountID int64, family uuid.UUID, at time.Time) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		// Bump first: it locks the account's row (see lockPresented), as
		// RevokeAll does.
		if err := bumpTokenVersion(ctx, tx, accountID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			UPDATE refresh_tokens SET revoked_at = $3
			WHERE account_id = $1 AND family = $2 AND revoked_at IS NULL`, accountID, family, at)
		return err
	})
	if err != nil {
		return errorf(err, "revoke session of %d", accountID)
	}
	return nil
}
