package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
)

var _ sessions.CaptionStore = (*Store)(nil)

// AddCaption stores a caption line and announces it.
func (s *Store) AddCaption(ctx context.Context, sessionID, captionerID int64, text string) (sessions.Caption, error) {
	c := sessions.Caption{SessionID: sessionID, Text: text}
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		if err := tx.QueryRow(ctx, `INSERT INTO captions (session_id, captioner_id, text) VALUES ($1, $2, $3) RETURNING id, created_at`,
			sessionID, captionerID, text).Scan(&c.ID, &c.CreatedAt); err != nil {
			return nil, pgdb.Wrap(err, "sessions: insert caption")
		}
		ev, err := pglog.Append(ctx, tx, sessions.RoomName(sessionID), "caption.added", c)
		return []hub.Event{ev}, err
	})
	return c, err
}

// Transcript returns a session's captions in order.
func (s *Store) Transcript(ctx context.Context, sessionID int64) ([]sessions.Caption, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT id, session_id, text, created_at FROM captions WHERE session_id = $1 ORDER BY id`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read transcript")
	}
	cs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Caption, error) {
		var c sessions.Caption
		err := r.Scan(&c.ID, &c.SessionID, &c.Text, &c.CreatedAt)
		return c, err
	})
	return cs, pgdb.Wrap(err, "sessions: read transcript")
}
