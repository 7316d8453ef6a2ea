package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

const commentSelect = `
	SELECT c.id, c.recommendation_id, c.version, c.paragraph, c.author_id, a.display_name, a.stakeholder_group, c.body, c.created_at,
	       coalesce(c.reply_to, 0)
	FROM recommendation_comments c JOIN accounts a ON a.id = c.author_id`

func scanComment(row pgx.Row) (recommendations.Comment, error) {
	var c recommendations.Comment
	err := row.Scan(&c.ID, &c.RecommendationID, &c.Version, &c.Paragraph,
		&c.Author.AccountID, &c.Author.Name, &c.Author.StakeholderGroup, &c.Body, &c.CreatedAt, &c.ReplyTo)
	return c, err
}

// AddComment stores a comment (or a reply) and returns it with its author
// as shown; its room hears of it once it has committed.
func (s *Store) AddComment(ctx context.Context, c recommendations.Comment) (recommendations.Comment, error) {
	var out recommendations.Comment
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		var id int64
		if err := tx.QueryRow(ctx, `
			INSERT INTO recommendation_comments (recommendation_id, version, paragraph, author_id, body, reply_to)
			VALUES ($1, $2, $3, $4, $5, nullif($6, 0)) RETURNING id`,
			c.RecommendationID, c.Version, c.Paragraph, c.Author.AccountID, c.Body, c.ReplyTo).Scan(&id); err != nil {
			return nil, pgdb.Wrap(err, "recommendations: insert comment")
		}
		var err error
		if out, err = scanComment(tx.QueryRow(ctx, commentSelect+` WHERE c.id = $1`, id)); err != nil {
			return nil, pgdb.Wrap(err, "recommendations: read comment")
		}
		return appendEvent(ctx, tx, c.RecommendationID, recommendations.EventCommentAdded, out)
	})
	return out, err
}

// Comment returns one comment.
func (s *Store) Comment(ctx context.Context, commentID int64) (recommendations.Comment, error) {
	c, err := scanComment(s.db.Pool.QueryRow(ctx, commentSelect+` WHERE c.id = $1`, commentID))
	if err != nil {
		return c, pgdb.Wrap(pgdb.NotFound(err, "The comment"), "recommendations: read comment %d", commentID)
	}
	return c, nil
}

// Comments lists a recommendation's comments by version, paragraph and
// time.
func (s *Store) Comments(ctx context.Context, id int64, f recommendations.CommentFilter) ([]recommendations.Comment, error) {
	rows, err := s.db.Pool.Query(ctx, commentSelect+`
		WHERE c.recommendation_id = $1 AND ($2 = 0 OR c.version = $2) AND ($3 = 0 OR c.paragraph = $3)
		ORDER BY c.version, c.paragraph, c.id`, id, f.Version, f.Paragraph)
	if err != nil {
		return nil, pgdb.Wrap(err, "recommendations: read the comments of %d", id)
	}
	cs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (recommendations.Comment, error) { return scanComment(r) })
	return cs, pgdb.Wrap(err, "recommendations: read the comments of %d", id)
}
