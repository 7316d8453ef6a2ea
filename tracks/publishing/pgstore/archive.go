package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// Published lists the archive, newest first.
func (s *Store) Published(ctx context.Context, f publishing.Filter) ([]publishing.Item, error) {
	rows, _ := s.db.Pool.Query(ctx, itemSQL+`
		WHERE pub.recommendation_id IS NOT NULL
		  AND ($1 = 0 OR e.id = $1) AND ($2 = 0 OR pi.id = $2) AND ($3 = 0 OR t.id = $3)
		ORDER BY pub.published_at DESC, r.id DESC LIMIT $4`, f.EditionID, f.PolicyIssueID, f.TrackID, f.Limit)
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (publishing.Item, error) { return scanItem(r) })
	if err != nil {
		return nil, pgdb.Wrap(err, "publishing: read the archive")
	}
	return items, s.details(ctx, s.db.Pool, items)
}

// Timeline gathers a recommendation's public record: adoption,
// publication, the first successful delivery to each body, and answers.
func (s *Store) Timeline(ctx context.Context, id int64) ([]publishing.Step, error) {
	rows, _ := s.db.Pool.Query(ctx, `
		SELECT 'adopted', adopted_at, '', 0, '', '', '' FROM recommendations WHERE id = $1 AND adopted_at IS NOT NULL
		UNION ALL
		SELECT 'published', published_at, '', 0, '', '', '' FROM publications WHERE recommendation_id = $1
		UNION ALL
		SELECT 'relayed', min(o.delivered_at), b.name, b.id, '', '', '' FROM relay_outbox o
		  JOIN body_endpoints e ON e.id = o.endpoint_id JOIN bodies b ON b.id = e.body_id
		  WHERE o.recommendation_id = $1 AND o.delivered_at IS NOT NULL GROUP BY b.id, b.name
		UNION ALL
		SELECT 'answered', a.at, b.name, b.id, a.state, a.text, a.link FROM body_answers a
		  JOIN bodies b ON b.id = a.body_id WHERE a.recommendation_id = $1`, id)
	steps, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (publishing.Step, error) {
		var st publishing.Step
		return st, r.Scan(&st.Kind, &st.At, &st.Body, &st.BodyID, &st.State, &st.Text, &st.Link)
	})
	if err != nil {
		return nil, pgdb.Wrap(err, "publishing: read the timeline of %d", id)
	}
	publishing.SortTimeline(steps)
	return steps, nil
}
