package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

const recommendationSelect = `
	SELECT r.id, r.policy_issue_id, r.track_id, coalesce(r.session_id, 0), r.title, r.summary, r.source_lang, r.state,
	       t.edition_id, t.edition_id <> (SELECT id FROM editions ORDER BY year DESC LIMIT 1),
	       r.created_by, a.display_name, a.stakeholder_group, r.created_at, r.adopted_at,
	       (SELECT coalesce(max(version), 0) FROM recommendation_versions v WHERE v.recommendation_id = r.id)
	FROM recommendations r JOIN accounts a ON a.id = r.created_by JOIN tracks t ON t.id = r.track_id`

func scanRecommendation(row pgx.Row) (recommendations.Recommendation, error) {
	var r recommendations.Recommendation
	var adopted *time.Time
	err := row.Scan(&r.ID, &r.PolicyIssueID, &r.TrackID, &r.SessionID, &r.Title, &r.Summary, &r.SourceLang, &r.State,
		&r.EditionID, &r.PastEdition,
		&r.CreatedBy.AccountID, &r.CreatedBy.Name, &r.CreatedBy.StakeholderGroup, &r.CreatedAt, &adopted, &r.Version)
	if adopted != nil {
		r.AdoptedAt = *adopted
	}
	return r, err
}

// withDrafters fills in the drafters of list, the creator first.
func withDrafters(ctx context.Context, q pgdb.Querier, list []recommendations.Recommendation) error {
	return withPeople(ctx, q, list, func(r recommendations.Recommendation) int64 { return r.ID }, "drafters", `
		SELECT d.recommendation_id, a.id, a.display_name, a.stakeholder_group
		FROM recommendation_drafters d JOIN accounts a ON a.id = d.account_id
		WHERE d.recommendation_id = ANY($1)
		ORDER BY d.recommendation_id, d.account_id <> d.added_by, a.display_name, a.id`,
		func(r *recommendations.Recommendation, p recommendations.Person) { r.Drafters = append(r.Drafters, p) })
}

// withPeople reads the people of every item of list at once: sql takes
// the items' ids ($1) and returns rows of an item's id and a person, whom
// add gives to that item in the order they come. what names them in a
// failure ("drafters").
func withPeople[T any](ctx context.Context, q pgdb.Querier, list []T, idOf func(T) int64, what, sql string,
	add func(*T, recommendations.Person)) error {
	ids := make([]int64, len(list))
	at := make(map[int64]int, len(list))
	for i, item := range list {
		ids[i] = idOf(item)
		at[ids[i]] = i
	}
	rows, err := q.Query(ctx, sql, ids)
	if err != nil {
		return pgdb.Wrap(err, "recommendations: read %s", what)
	}
	var owner int64
	var p recommendations.Person
	_, err = pgx.ForEachRow(rows, []any{&owner, &p.AccountID, &p.Name, &p.StakeholderGroup}, func() error {
		add(&list[at[owner]], p)
		return nil
	})
	return pgdb.Wrap(err, "recommendations: read %s", what)
}

func readRecommendation(ctx context.Context, q pgdb.Querier, id int64) (recommendations.Recommendation, error) {
	r, err := scanRecommendation(q.QueryRow(ctx, recommendationSelect+` WHERE r.id = $1`, id))
	if err != nil {
		return r, pgdb.Wrap(pgdb.NotFound(err, "The recommendation"), "recommendations: read recommendation %d", id)
	}
	list := []recommendations.Recommendation{r}
	err = withDrafters(ctx, q, list)
	return list[0], err
}

// Recommendation returns a recommendation with its drafters.
func (s *Store) Recommendation(ctx context.Context, id int64) (recommendations.Recommendation, error) {
	return readRecommendation(ctx, s.db.Pool, id)
}

// Recommendations lists the recommendations f selects, newest first.
func (s *Store) Recommendations(ctx context.Context, f recommendations.Filter) ([]recommendations.Recommendation, error) {
	rows, err := s.db.Pool.Query(ctx, recommendationSelect+`
		WHERE ($1 = 0 OR t.edition_id = $1)
		  AND ($2 = 0 OR r.policy_issue_id = $2)
		  AND ($3 = 0 OR r.track_id = $3)
		ORDER BY r.id DESC`, f.EditionID, f.PolicyIssueID, f.TrackID)
	if err != nil {
		return nil, pgdb.Wrap(err, "recommendations: list recommendations")
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (recommendations.Recommendation, error) { return scanRecommendation(r) })
	if err != nil {
		return nil, pgdb.Wrap(err, "recommendations: list recommendations")
	}
	return list, withDrafters(ctx, s.db.Pool, list)
}

// Create stores a new recommendation in draft, its first version and its
// drafters, in one transaction.
func (s *Store) Create(ctx context.Context, n recommendations.NewRecommendation, by int64) (recommendations.Recommendation, error) {
	var out recommendations.Recommendation
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var known int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM accounts WHERE id = ANY($1)`, n.CoDrafters).Scan(&known); err != nil {
			return pgdb.Wrap(err, "recommendations: count the co-drafters' accounts")
		}
		if known != len(n.CoDrafters) {
			return igfplus.Errorf(igfplus.EInvalid, "A co-drafter named does not have an account.")
		}
		var session any
		if n.SessionID != 0 {
			session = n.SessionID
		}
		var id int64
		if err := tx.QueryRow(ctx, `
			INSERT INTO recommendations (policy_issue_id, track_id, session_id, title, summary, created_by, source_lang)
			VALUES ($1, $2, $3, $4, $5, $6, coalesce((SELECT language FROM sessions WHERE id = $3), 'en')) RETURNING id`, n.PolicyIssueID, n.TrackID, session, n.Title, n.Summary, by).Scan(&id); err != nil {
			return pgdb.Wrap(err, "recommendations: insert recommendation")
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO recommendation_versions (recommendation_id, version, body, note, created_by)
			VALUES ($1, 1, $2, $3, $4)`, id, n.Body, n.Note, by); err != nil {
			return pgdb.Wrap(err, "recommendations: insert the first version of %d", id)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO recommendation_drafters (recommendation_id, account_id, added_by)
			SELECT $1, unnest(array_prepend($2::bigint, $3::bigint[])), $2`, id, by, n.CoDrafters); err != nil {
			return pgdb.Wrap(err, "recommendations: insert the drafters of %d", id)
		}
		var err error
		out, err = readRecommendation(ctx, tx, id)
		return err
	})
	return out, err
}
