package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

const versionSelect = `
	SELECT v.id, v.recommendation_id, v.version, v.body, v.note, v.created_by, a.display_name, a.stakeholder_group, v.created_at
	FROM recommendation_versions v JOIN accounts a ON a.id = v.created_by`

func scanVersion(row pgx.Row) (recommendations.Version, error) {
	var v recommendations.Version
	err := row.Scan(&v.ID, &v.RecommendationID, &v.Version, &v.Body, &v.Note,
		&v.CreatedBy.AccountID, &v.CreatedBy.Name, &v.CreatedBy.StakeholderGroup, &v.CreatedAt)
	return v, err
}

// readVersion reads version n of recommendation id; n = 0 is the newest.
func readVersion(ctx context.Context, q pgdb.Querier, id int64, n int) (recommendations.Version, error) {
	v, err := scanVersion(q.QueryRow(ctx, versionSelect+`
		WHERE v.recommendation_id = $1 AND ($2 = 0 OR v.version = $2)
		ORDER BY v.version DESC LIMIT 1`, id, n))
	if err != nil {
		return v, pgdb.Wrap(pgdb.NotFound(err, "That version"), "recommendations: read version %d of %d", n, id)
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
		return nil, pgdb.Wrap(err, "recommendations: read the versions of %d", id)
	}
	vs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (recommendations.Version, error) { return scanVersion(r) })
	return vs, pgdb.Wrap(err, "recommendations: read the versions of %d", id)
}

// AddVersion adds the next version under the recommendation's row lock;
// its room hears of it once it has committed.
func (s *Store) AddVersion(ctx context.Context, id int64, basedOn int, body, note string, by int64) (recommendations.Version, error) {
	var out recommendations.Version
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		current, err := lockForEdit(ctx, tx, id, basedOn)
		if err != nil {
			return nil, err
		}
		if current.Body == body {
			return nil, igfplus.Errorf(igfplus.EInvalid, "The text is the same as version %d.", current.Version)
		}
		if out, err = insertVersion(ctx, tx, id, current.Version+1, body, note, by); err != nil {
			return nil, err
		}
		return revisionEvent(ctx, tx, out)
	})
	return out, err
}

// Edit changes the title, summary and text under the recommendation's row
// lock: a new version when any of them changed. A title or summary is of
// its version too: another drafter who started from the version before is
// told it changed (based_on) instead of writing back the old title, and
// the translations of the old title are not shown as the new one's.
func (s *Store) Edit(ctx context.Context, id int64, e recommendations.Edit, by int64) (recommendations.Recommendation, error) {
	var out recommendations.Recommendation
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		current, err := lockForEdit(ctx, tx, id, e.BasedOn)
		if err != nil {
			return nil, err
		}
		tag, err := tx.Exec(ctx, `
			UPDATE recommendations SET title = $2, summary = $3
			WHERE id = $1 AND (title, summary) IS DISTINCT FROM ($2, $3)`, id, e.Title, e.Summary)
		if err != nil {
			return nil, pgdb.Wrap(err, "recommendations: edit title and summary")
		}
		if current.Body == e.Body && tag.RowsAffected() == 0 {
			return nil, recommendations.ErrNothingChanged
		}
		if current, err = insertVersion(ctx, tx, id, current.Version+1, e.Body, e.Note, by); err != nil {
			return nil, err
		}
		if out, err = readRecommendation(ctx, tx, id); err != nil {
			return nil, err
		}
		return revisionEvent(ctx, tx, current)
	})
	return out, err
}

// lockForEdit takes the recommendation's row lock, checks that its text
// may change and that basedOn (unless zero) is still the current version,
// and returns the current version.
func lockForEdit(ctx context.Context, tx pgx.Tx, id int64, basedOn int) (recommendations.Version, error) {
	state, underVote, err := lockRecommendation(ctx, tx, id, 0)
	if err != nil {
		return recommendations.Version{}, err
	}
	if err := recommendations.TextChangeable(state, underVote); err != nil {
		return recommendations.Version{}, err
	}
	current, err := readVersion(ctx, tx, id, 0)
	if err != nil {
		return current, err
	}
	if basedOn != 0 && basedOn != current.Version {
		return current, igfplus.Errorf(igfplus.EConflict, "Version %d has been added since you started from version %d: revise the current text.", current.Version, basedOn)
	}
	return current, nil
}

// revisionEvent appends the event that announces version v (new, or the
// current one under a new title or summary).
func revisionEvent(ctx context.Context, tx pgx.Tx, v recommendations.Version) ([]hub.Event, error) {
	r := recommendations.Revision{RecommendationID: v.RecommendationID, Version: v, Paragraphs: v.Paragraphs()}
	if err := tx.QueryRow(ctx, `SELECT title, summary FROM recommendations WHERE id = $1`, v.RecommendationID).
		Scan(&r.Title, &r.Summary); err != nil {
		return nil, pgdb.Wrap(err, "recommendations: read title")
	}
	return appendEvent(ctx, tx, v.RecommendationID, recommendations.EventRevised, r)
}

// insertVersion adds version n and reads it back.
func insertVersion(ctx context.Context, tx pgx.Tx, id int64, n int, body, note string, by int64) (recommendations.Version, error) {
	if _, err := tx.Exec(ctx, `
		INSERT INTO recommendation_versions (recommendation_id, version, body, note, created_by)
		VALUES ($1, $2, $3, $4, $5)`, id, n, body, note, by); err != nil {
		return recommendations.Version{}, pgdb.Wrap(err, "recommendations: insert version %d of %d", n, id)
	}
	return readVersion(ctx, tx, id, n)
}
