package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/accounts"
)

// UpdateProfile implements accounts.Store.
func (s *Store) UpdateProfile(ctx context.Context, a *accounts.Account, bump bool) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `
			UPDATE accounts SET display_name = $2, stakeholder_group = $3, region = $4, country = $5,
				gender = $6, age_band = $7, show_name_in_presence = $8, locale = $9
			WHERE id = $1`,
			a.ID, a.DisplayName, a.StakeholderGroup, a.Region, a.Country, a.Gender, a.AgeBand, a.ShowNameInPresence, a.Locale)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return pgdb.NotFound(pgx.ErrNoRows, "The account")
		}
		if bump {
			return bumpTokenVersion(ctx, tx, a.ID)
		}
		return nil
	})
	if err != nil {
		return errorf(err, "update profile of %d", a.ID)
	}
	return nil
}
