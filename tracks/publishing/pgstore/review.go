package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

var zeroTime time.Time

// Queue lists adopted recommendations not yet published, oldest first.
func (s *Store) Queue(ctx context.Context) ([]publishing.Item, error) {
	rows, _ := s.db.Pool.Query(ctx, itemSQL+` WHERE r.state = 'adopted' AND pub.recommendation_id IS NULL ORDER BY r.adopted_at, r.id`)
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (publishing.Item, error) { return scanItem(r) })
	if err != nil {
		return nil, pgdb.Wrap(err, "publishing: read the review queue")
	}
	return items, s.details(ctx, s.db.Pool, items)
}

// Item reads one adopted or published recommendation.
func (s *Store) Item(ctx context.Context, id int64) (publishing.Item, error) {
	it, err := scanItem(s.db.Pool.QueryRow(ctx, itemSQL+` WHERE r.id = $1 AND r.state = 'adopted'`, id))
	if err != nil {
		return publishing.Item{}, pgdb.Wrap(pgdb.NotFound(err, "The adopted recommendation"), "publishing: read item %d", id)
	}
	items := []publishing.Item{it}
	return items[0], s.details(ctx, s.db.Pool, items)
}

// underReview locks an adopted, unpublished recommendation's row, so that
// review changes and the publishing approval do not cross.
func underReview(ctx context.Context, tx pgx.Tx, id int64) error {
	var state string
	var published bool
	err := tx.QueryRow(ctx, `SELECT r.state, EXISTS (SELECT 1 FROM publications WHERE recommendation_id = r.id)
		FROM recommendations r WHERE r.id = $1 FOR UPDATE`, id).Scan(&state, &published)
	if err != nil {
		return pgdb.Wrap(pgdb.NotFound(err, "The recommendation"), "publishing: lock recommendation %d", id)
	}
	if state != "adopted" {
		return igfplus.Errorf(igfplus.EConflict, "Only adopted recommendations are reviewed.")
	}
	if published {
		return igfplus.Errorf(igfplus.EConflict, "The recommendation is already published.")
	}
	return nil
}

// SetSummary replaces the summary.
func (s *Store) SetSummary(ctx context.Context, id, by int64, text string) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := underReview(ctx, tx, id); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO publication_summaries (recommendation_id, summary, updated_by) VALUES ($1, $2, $3)
			ON CONFLICT (recommendation_id) DO UPDATE SET summary = $2, updated_by = $3, updated_at = now()
			WHERE publication_summaries.summary IS DISTINCT FROM $2`, id, text, by)
		if err != nil {
			return pgdb.Wrap(err, "publishing: save the summary of %d", id)
		}
		return clearApprovals(ctx, tx, id, tag.RowsAffected())
	})
}

// SetTranslation adds or replaces a translation.
func (s *Store) SetTranslation(ctx context.Context, id, by int64, t publishing.Translation) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := underReview(ctx, tx, id); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO publication_translations (recommendation_id, language, text, origin, engine, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (recommendation_id, language) DO UPDATE SET text = $3, origin = $4, engine = $5, updated_by = $6, updated_at = now()
			WHERE (publication_translations.text, publication_translations.origin, publication_translations.engine) IS DISTINCT FROM ($3, $4, $5)`,
			id, t.Language, t.Text, t.Origin, t.Engine, by)
		if err != nil {
			return pgdb.Wrap(err, "publishing: save the %s translation of %d", t.Language, id)
		}
		return clearApprovals(ctx, tx, id, tag.RowsAffected())
	})
}

// clearApprovals drops the approvals of a recommendation whose content
// changed (changed rows): they approved another text.
func clearApprovals(ctx context.Context, tx pgx.Tx, id, changed int64) error {
	if changed == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `DELETE FROM publication_approvals WHERE recommendation_id = $1`, id)
	return pgdb.Wrap(err, "publishing: clear the approvals of %d", id)
}

// contentHash is the ContentHash of a recommendation under review, read
// in tx (under its row lock).
func contentHash(ctx context.Context, tx pgx.Tx, id int64) (string, error) {
	it, err := scanItem(tx.QueryRow(ctx, itemSQL+` WHERE r.id = $1`, id))
	if err != nil {
		return "", pgdb.Wrap(err, "publishing: read the content of %d", id)
	}
	items := []publishing.Item{it}
	if err := (&Store{}).details(ctx, tx, items); err != nil {
		return "", err
	}
	return items[0].ContentHash, nil
}

// Approve records an approval and publishes on the second of the same
// content.
func (s *Store) Approve(ctx context.Context, id, by int64, hash string) (bool, error) {
	var published bool
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		published = false
		var err error
		published, err = ApproveTx(ctx, tx, id, by, hash)
		return err
	})
	return published, err
}

// ApproveTx is Approve inside the caller's transaction; the publication
// and its outbox rows commit or abort with it.
func ApproveTx(ctx context.Context, tx pgx.Tx, id, by int64, hash string) (bool, error) {
	if err := underReview(ctx, tx, id); err != nil {
		return false, err
	}
	current, err := contentHash(ctx, tx, id)
	if err != nil {
		return false, err
	}
	if hash != "" && hash != current {
		return false, igfplus.Errorf(igfplus.EConflict, publishing.MsgContentChanged)
	}
	tag, err := tx.Exec(ctx, `INSERT INTO publication_approvals (recommendation_id, account_id, content_hash) VALUES ($1, $2, decode($3, 'hex'))
		ON CONFLICT DO NOTHING`, id, by, current)
	if err != nil {
		return false, pgdb.Wrap(err, "publishing: insert approval of %d", id)
	}
	if tag.RowsAffected() == 0 {
		return false, igfplus.Errorf(igfplus.EConflict, "You have already approved this recommendation.")
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM publication_approvals WHERE recommendation_id = $1 AND content_hash = decode($2, 'hex')`,
		id, current).Scan(&n); err != nil {
		return false, pgdb.Wrap(err, "publishing: count the approvals of %d", id)
	}
	if n < publishing.ApprovalsToPublish {
		return false, nil
	}
	return true, publishTx(ctx, tx, id, current)
}
