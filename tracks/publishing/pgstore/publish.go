package pgstore

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// publishTx writes the publication, with the hash of the content its
// approvals approved, and, in the same transaction, one outbox row per
// enabled endpoint of every body: the event exists if and only if the
// publication committed, and nothing is sent before that.
func publishTx(ctx context.Context, tx pgx.Tx, id int64, hash string) error {
	if _, err := tx.Exec(ctx, `INSERT INTO publications (recommendation_id, version, summary, content_hash)
		SELECT r.id, coalesce((SELECT max(version) FROM recommendation_versions WHERE recommendation_id = r.id), 0),
		       coalesce((SELECT summary FROM publication_summaries WHERE recommendation_id = r.id), ''), decode($2, 'hex')
		FROM recommendations r WHERE r.id = $1`, id, hash); err != nil {
		return pgdb.Wrap(err, "publishing: insert publication of %d", id)
	}
	it, err := scanItem(tx.QueryRow(ctx, itemSQL+` WHERE r.id = $1`, id))
	if err != nil {
		return pgdb.Wrap(err, "publishing: read back %d", id)
	}
	items := []publishing.Item{it}
	if err := (&Store{}).details(ctx, tx, items); err != nil {
		return err
	}
	return enqueueTx(ctx, tx, publishing.EventPublished, &items[0])
}

// enqueueTx takes the recommendation's next sequence number and writes the
// event for every enabled endpoint, with one webhook-id shared by them.
func enqueueTx(ctx context.Context, tx pgx.Tx, kind string, it *publishing.Item) error {
	var seq int64
	if err := tx.QueryRow(ctx, `UPDATE publications SET next_sequence = next_sequence + 1
		WHERE recommendation_id = $1 RETURNING next_sequence - 1`, it.RecommendationID).Scan(&seq); err != nil {
		return pgdb.Wrap(err, "publishing: take the next sequence of %d", it.RecommendationID)
	}
	ev := publishing.Event{Type: kind, RecommendationID: it.RecommendationID, Sequence: seq, At: time.Now().UTC(), Data: it}
	payload, err := json.Marshal(ev)
	if err != nil {
		return pgdb.Wrap(err, "publishing: encode %s event", kind)
	}
	eventID := "msg_" + uuid.NewString()
	_, err = tx.Exec(ctx, `INSERT INTO relay_outbox (event_id, endpoint_id, recommendation_id, sequence, payload)
		SELECT $1, e.id, $2, $3, $4 FROM body_endpoints e WHERE e.enabled ORDER BY e.id`,
		eventID, it.RecommendationID, seq, payload)
	return pgdb.Wrap(err, "publishing: queue %s event of %d", kind, it.RecommendationID)
}
