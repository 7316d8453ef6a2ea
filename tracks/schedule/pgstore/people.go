package pgstore

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/schedule"
)

// SearchPeople finds accounts whose name holds q, without case; those
// whose name starts with it first.
func (s *Store) SearchPeople(ctx context.Context, q string, limit int) ([]schedule.Candidate, error) {
	like := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q)
	rows, _ := s.db.Pool.Query(ctx, `SELECT id, display_name, stakeholder_group FROM accounts
		WHERE display_name ILIKE '%' || $1 || '%'
		ORDER BY display_name NOT ILIKE $1 || '%', lower(display_name), id LIMIT $2`, like, limit)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[schedule.Candidate])
	return list, pgdb.Wrap(err, "schedule: search people by name")
}

// AddRole gives account a role in session.
func (s *Store) AddRole(ctx context.Context, session, account int64, role schedule.Role) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := exists(ctx, tx, `SELECT EXISTS (SELECT 1 FROM sessions WHERE id = $1)`, session, "The session"); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			session, account, role)
		if igfplus.ErrorCode(pgdb.NotFound(err, "")) == igfplus.EInvalid {
			return igfplus.Errorf(igfplus.EInvalid, "account_id %d is not a known account.", account)
		}
		return pgdb.Wrap(err, "schedule: give account %d the role %s in session %d", account, role, session)
	})
}

// RemoveRole takes a role away.
func (s *Store) RemoveRole(ctx context.Context, session, account int64, role schedule.Role) error {
	tag, err := s.db.Pool.Exec(ctx, `DELETE FROM session_roles WHERE session_id = $1 AND account_id = $2 AND role = $3`, session, account, role)
	if err != nil {
		return pgdb.Wrap(err, "schedule: remove the role %s of account %d in session %d", role, account, session)
	}
	if tag.RowsAffected() == 0 {
		return igfplus.Errorf(igfplus.ENotFound, "That person does not have that role in the session.")
	}
	return nil
}

func exists(ctx context.Context, q pgdb.Querier, sql string, id int64, what igfplus.Text) error {
	var ok bool
	if err := q.QueryRow(ctx, sql, id).Scan(&ok); err != nil {
		return pgdb.Wrap(err, "schedule: check %s %d", what, id)
	}
	if !ok {
		return igfplus.Errorf(igfplus.ENotFound, "%s was not found.", what)
	}
	return nil
}
