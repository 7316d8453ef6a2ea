package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

const versionSelect = `
	SELECT v.recommendation_id, v.version, v.body, v.note, v.created_by, a.display_name, a.stakeholder_group, v.created_at
	FROM recommendation_versions v JOIN accounts a ON a.id = v.created_by`

func scanVersion(row pgx.Row) (recommendations.Version, error) {
	var v recommendations.Version
	err := row.Scan(&v.RecommendationID, &v.Version, &v.Body, &v.Note,
		&v.CreatedBy.AccountID, &v.CreatedBy.Name, &v.CreatedBy.StakeholderGroup, &v.CreatedAt)
	return v, err
}

// readVersion reads version n of recommendation id; n = 0 is the newest.
func readVersion(ctx context.Context, q pgdb.Querier, id int64, n int) (recommendations.Version, error) {
	v, err := scanVersion(q.QueryRow(ctx, versionSelect+`
		WHERE v.recommendation_id = $1 AND ($2 = 0 OR v.version = $2)
		ORDER BY v.version DESC LIMIT 1`, id, n))
	if err != nil {
		return v, pgdb.NotFound(err, "That version")
	}
	return v, nil
}

// Version returns version n of recommendation id (0: the current one).
func (s *Store) Version(ctx context.Context, id int64, n int) (recommendations.Version, error) {
	return readVersion(ctx, s.db.Pool, id, n)
}

// Versions lists every version of a recommendation, oldest first.
func (s *Store) Versions(ctx context.Context, id int64) ([]recommendations.Version, error) {
	rows, err := s.db.Pool.Query(ctx, versionSelect+` WHERE v.recommendation_id = $1 ORDER BY v.version`, id)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (recommendations.Version, error) { return scanVersion(r) })
}

// AddVersion adds the next version under the recommendation's row lock.
func (s *Store) AddVersion(ctx context.Context, id int64, basedOn int, body, note string, by int64) (recommendations.Version, error) {
	var out recommendations.Version
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		state, underVote, err := lockRecommendation(ctx, tx, id, 0)
		if err != nil {
			return err
		}
		if err := recommendations.TextChangeable(state, underVote); err != nil {
			return err
		}
		current, err := readVersion(ctx, tx, id, 0)
		if err != nil {
			return err
		}
		if basedOn != 0 && basedOn != current.Version {
			return igfplus.Errorf(igfplus.EConflict, "Version %d has been added since you started from version %d: revise the current text.", current.Version, basedOn)
		}
		if current.Body == body {
			return igfplus.Errorf(igfplus.EInvalid, "The text is the same as version %d.", current.Version)
		}
		out, err = insertVersion(ctx, tx, id, current.Version+1, body, note, by)
		return err
	})
	return out, err
}

// insertVersion adds version n and reads it back.
func insertVersion(ctx context.Context, tx pgx.Tx, id int64, n int, body, note string, by int64) (recommendations.Version, error) {
	if _, err := tx.Exec(ctx, `
		INSERT INTO recommendation_versions (recommendation_id, version, body, note, created_by)
		VALUES ($1, $2, $3, $4, $5)`, id, n, body, note, by); err != nil {
		return recommendations.Version{}, err
	}
	return readVersion(ctx, tx, id, n)
}
