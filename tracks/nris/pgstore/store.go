// Package pgstore keeps the NRI directory, sessions' co-organisers, track
// links and the global tracks' intake in Postgres.
package pgstore

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
)

var _ nris.Store = (*Store)(nil)

// Store is the Postgres store of package nris.
type Store struct{ db *pgdb.DB }

// New returns a Store over db.
func New(db *pgdb.DB) *Store { return &Store{db: db} }

const nriColumns = `n.id, n.slug, n.name, n.level, n.countries, coalesce(n.parent_id, 0), coalesce(p.name, ''),
	n.recognition, n.website, n.created_at,
	coalesce((SELECT json_agg(json_build_object('id', a.id, 'name', a.display_name) ORDER BY a.display_name)
		FROM nri_coordinators c JOIN accounts a ON a.id = c.account_id WHERE c.nri_id = n.id), '[]')
	FROM nris n LEFT JOIN nris p ON p.id = n.parent_id`

func scanNRI(row pgx.Row) (nris.NRI, error) {
	var n nris.NRI
	err := row.Scan(&n.ID, &n.Slug, &n.Name, &n.Level, &n.Countries, &n.ParentID, &n.ParentName,
		&n.Recognition, &n.Website, &n.CreatedAt, &n.Coordinators)
	return n, err
}

// NRIs lists the directory by name.
func (s *Store) NRIs(ctx context.Context) ([]nris.NRI, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT `+nriColumns+` ORDER BY n.name`)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (nris.NRI, error) { return scanNRI(r) })
	return list, pgdb.Wrap(err, "nris: read the directory")
}

// NRI reads one initiative.
func (s *Store) NRI(ctx context.Context, id int64) (nris.NRI, error) {
	n, err := scanNRI(s.db.Pool.QueryRow(ctx, `SELECT `+nriColumns+` WHERE n.id = $1`, id))
	return n, pgdb.Wrap(pgdb.NotFound(err, "The initiative"), "nris: read initiative %d", id)
}

// CreateNRI inserts an initiative and its coordinators.
func (s *Store) CreateNRI(ctx context.Context, c nris.NRIChange) (nris.NRI, error) {
	var id int64
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO nris (slug, name, level, countries, parent_id, recognition, website)
			VALUES ($1, $2, $3, coalesce($4::text[], '{}'), nullif($5, 0), coalesce($6, 'pending'), coalesce($7, ''))
			RETURNING id`, *c.Slug, *c.Name, *c.Level, c.Countries, deref(c.ParentID), c.Recognition, c.Website).Scan(&id); err != nil {
			return pgdb.Wrap(err, "nris: insert initiative")
		}
		return setCoordinators(ctx, tx, id, c.Coordinators)
	})
	if err != nil {
		return nris.NRI{}, err
	}
	return s.NRI(ctx, id)
}

// UpdateNRI changes the fields given, under the row's lock.
func (s *Store) UpdateNRI(ctx context.Context, id int64, c nris.NRIChange) (nris.NRI, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if c.ParentID != nil && *c.ParentID != 0 {
			if err := refuseCycle(ctx, tx, id, *c.ParentID); err != nil {
				return err
			}
		}
		tag, err := tx.Exec(ctx, `UPDATE nris SET slug = coalesce($2, slug), name = coalesce($3, name),
			level = coalesce($4, level), countries = coalesce($5::text[], countries),
			parent_id = CASE WHEN $6::bigint IS NULL THEN parent_id ELSE nullif($6, 0) END,
			recognition = coalesce($7, recognition), website = coalesce($8, website) WHERE id = $1`,
			id, c.Slug, c.Name, c.Level, c.Countries, c.ParentID, c.Recognition, c.Website)
		if err != nil {
			return pgdb.Wrap(err, "nris: update initiative %d", id)
		}
		if tag.RowsAffected() == 0 {
			return igfplus.Errorf(igfplus.ENotFound, "The initiative was not found.")
		}
		return setCoordinators(ctx, tx, id, c.Coordinators)
	})
	if err != nil {
		return nris.NRI{}, err
	}
	return s.NRI(ctx, id)
}

// refuseCycle refuses parent as id's parent when id is parent itself or one
// of its ancestors. Parent changes take one lock, so that two at once cannot
// each pass the check and together close a loop.
func refuseCycle(ctx context.Context, tx pgx.Tx, id, parent int64) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('nris.parent_id'))`); err != nil {
		return pgdb.Wrap(err, "nris: lock the initiatives' parents")
	}
	var loop bool
	err := tx.QueryRow(ctx, `WITH RECURSIVE up(id) AS (
			SELECT $2::bigint
			UNION SELECT n.parent_id FROM nris n JOIN up ON n.id = up.id WHERE n.parent_id IS NOT NULL)
		SELECT EXISTS (SELECT 1 FROM up WHERE id = $1)`, id, parent).Scan(&loop)
	if err != nil {
		return pgdb.Wrap(err, "nris: read the ancestors of initiative %d", parent)
	}
	if loop {
		return igfplus.Errorf(igfplus.EInvalid, "An initiative cannot sit under itself or one of its own sub-initiatives.")
	}
	return nil
}

// setCoordinators replaces the coordinators when list is given. Each new
// one gets the nri_coordinator role (in their tokens from the next
// refresh; what they may do is read from nri_coordinators meanwhile); each
// who left loses the session roles they held for this initiative, and the
// platform role once they coordinate no initiative at all, and has their
// token version bumped, so that their tokens and sockets are authorised
// afresh. Those who came keep theirs: gaining a right signs nobody out.
func setCoordinators(ctx context.Context, tx pgx.Tx, nri int64, list *[]int64) error {
	if list == nil {
		return nil
	}
	rows, _ := tx.Query(ctx, `DELETE FROM nri_coordinators WHERE nri_id = $1 RETURNING account_id`, nri)
	before, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return pgdb.Wrap(err, "nris: delete the coordinators of initiative %d", nri)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO nri_coordinators (nri_id, account_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, nri, *list); err != nil {
		return pgdb.Wrap(err, "nris: insert the coordinators of initiative %d", nri)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO account_roles (account_id, role) SELECT unnest($1::bigint[]), 'nri_coordinator' ON CONFLICT DO NOTHING`, *list); err != nil {
		return pgdb.Wrap(err, "nris: grant the coordinators of initiative %d their role", nri)
	}
	left := slices.DeleteFunc(before, func(id int64) bool { return slices.Contains(*list, id) })
	if _, err := tx.Exec(ctx, `DELETE FROM session_roles WHERE via_nri_id = $1 AND account_id = ANY($2)`, nri, left); err != nil {
		return pgdb.Wrap(err, "nris: end the session roles of initiative %d's former coordinators", nri)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM account_roles r WHERE r.role = 'nri_coordinator' AND r.account_id = ANY($1)
		AND NOT EXISTS (SELECT 1 FROM nri_coordinators c WHERE c.account_id = r.account_id)`, left); err != nil {
		return pgdb.Wrap(err, "nris: end the role of initiative %d's former coordinators", nri)
	}
	_, err = tx.Exec(ctx, `UPDATE accounts SET token_version = token_version + 1 WHERE id = ANY($1)`, left)
	return pgdb.Wrap(err, "nris: renew the tokens of initiative %d's former coordinators", nri)
}

// Coordinates reports whether account coordinates nri.
func (s *Store) Coordinates(ctx context.Context, account, nri int64) (bool, error) {
	var ok bool
	err := s.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM nri_coordinators WHERE nri_id = $1 AND account_id = $2)`, nri, account).Scan(&ok)
	return ok, pgdb.Wrap(err, "nris: read whether %d coordinates initiative %d", account, nri)
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
