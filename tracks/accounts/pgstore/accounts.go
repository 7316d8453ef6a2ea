package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// CreateAccount implements accounts.Store.
func (s *Store) CreateAccount(ctx context.Context, a *accounts.Account, passwordHash string) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error { return insertAccount(ctx, tx, a, passwordHash) })
	if pgdb.Violates(err, "accounts_email_key") {
		return &igfplus.Error{Code: igfplus.EConflict, Message: "An account with this email already exists.", Err: err}
	}
	if err != nil {
		return errorf(err, "create account")
	}
	return nil
}

// insertAccount inserts a with its password hash ("": none) and roles
// inside tx, and sets a.ID, a.TokenVersion and a.CreatedAt.
func insertAccount(ctx context.Context, tx pgx.Tx, a *accounts.Account, passwordHash string) error {
	err := tx.QueryRow(ctx, `
		INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region,
			country, gender, age_band, first_time, show_name_in_presence, locale)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		RETURNING id, token_version, created_at`,
		a.Email, passwordHash, a.DisplayName, a.StakeholderGroup, a.Region,
		a.Country, a.Gender, a.AgeBand, a.FirstTime, a.ShowNameInPresence, a.Locale,
	).Scan(&a.ID, &a.TokenVersion, &a.CreatedAt)
	if err != nil {
		return err
	}
	for _, r := range a.Roles {
		if _, err := tx.Exec(ctx, `INSERT INTO account_roles (account_id, role) VALUES ($1, $2)`, a.ID, r); err != nil {
			return err
		}
	}
	return nil
}

// accountColumns are read by scanAccount, in order. Roles come sorted, so
// that equal accounts compare equal.
const accountColumns = `
	a.id, a.email, a.display_name, a.stakeholder_group, a.region, a.country, a.gender,
	a.age_band, a.first_time, a.show_name_in_presence, a.locale, a.token_version, a.created_at, a.email_verified_at,
	coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM account_roles r WHERE r.account_id = a.id), '{}')`

func scanAccount(row pgx.Row, extra ...any) (*accounts.Account, error) {
	var a accounts.Account
	var roles []string
	dest := []any{&a.ID, &a.Email, &a.DisplayName, &a.StakeholderGroup, &a.Region, &a.Country, &a.Gender,
		&a.AgeBand, &a.FirstTime, &a.ShowNameInPresence, &a.Locale, &a.TokenVersion, &a.CreatedAt, &a.EmailVerifiedAt, &roles}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	a.Roles = make([]igfplus.Role, len(roles))
	for i, r := range roles {
		a.Roles[i] = igfplus.Role(r)
	}
	return &a, nil
}

// Account implements accounts.Store.
func (s *Store) Account(ctx context.Context, id int64) (*accounts.Account, error) {
	// A deleted account is gone for every way in and every read of it
	// as an account (its row stays only as the author's pseudonym).
	a, err := scanAccount(s.db.Pool.QueryRow(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE a.id = $1 AND a.deleted_at IS NULL`, id))
	if err != nil {
		return nil, errorf(pgdb.NotFound(err, "The account"), "account %d", id)
	}
	return a, nil
}

// Credentials implements accounts.Store. lower(email) matches the unique
// index, so the lookup is an index scan.
func (s *Store) Credentials(ctx context.Context, email string) (*accounts.Account, string, error) {
	var hash string
	a, err := scanAccount(s.db.Pool.QueryRow(ctx,
		`SELECT `+accountColumns+`, a.password_hash FROM accounts a WHERE lower(a.email) = lower($1) AND a.deleted_at IS NULL`, email), &hash)
	if err != nil {
		return nil, "", errorf(pgdb.NotFound(err, "The account"), "credentials")
	}
	return a, hash, nil
}

// TokenVersions implements accounts.Store.
func (s *Store) TokenVersions(ctx context.Context, ids []int64) (map[int64]int, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT id, token_version FROM accounts WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, errorf(err, "token versions")
	}
	defer rows.Close()
	out := make(map[int64]int, len(ids))
	for rows.Next() {
		var id int64
		var v int
		if err := rows.Scan(&id, &v); err != nil {
			return nil, errorf(err, "token versions")
		}
		out[id] = v
	}
	if err := rows.Err(); err != nil {
		return nil, errorf(err, "token versions")
	}
	return out, nil
}

// TokenVersion implements accounts.Store.
func (s *Store) TokenVersion(ctx context.Context, id int64) (int, error) {
	var v int
	err := s.db.Pool.QueryRow(ctx, `SELECT token_version FROM accounts WHERE id = $1`, id).Scan(&v)
	if err != nil {
		return 0, errorf(pgdb.NotFound(err, "The account"), "token version of %d", id)
	}
	return v, nil
}

// GrantRole implements accounts.Store.
func (s *Store) GrantRole(ctx context.Context, id int64, role igfplus.Role) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := bumpTokenVersion(ctx, tx, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO account_roles (account_id, role) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, id, role)
		return err
	})
	if err != nil {
		return errorf(err, "grant %s to %d", role, id)
	}
	return nil
}

// RevokeRole implements accounts.Store.
func (s *Store) RevokeRole(ctx context.Context, id int64, role igfplus.Role) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := bumpTokenVersion(ctx, tx, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM account_roles WHERE account_id = $1 AND role = $2`, id, role)
		return err
	})
	if err != nil {
		return errorf(err, "revoke %s from %d", role, id)
	}
	return nil
}
