package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
)

var _ sessions.CaptionStore = (*Store)(nil)

// AddCaption stores a caption line in its channel and announces it. The
// default channel (channelID 0) is the session's first, made in the
// session's language when it has none.
func (s *Store) AddCaption(ctx context.Context, sessionID, channelID, captionerID int64, text string) (sessions.Caption, error) {
	c := sessions.Caption{SessionID: sessionID, Text: text}
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		var err error
		if channelID == 0 {
			channelID, err = defaultChannel(ctx, tx, sessionID)
			if err != nil {
				return err
			}
		}
		c.ChannelID = channelID
		if err := tx.QueryRow(ctx, `SELECT language FROM caption_channels WHERE id = $1 AND session_id = $2`,
			channelID, sessionID).Scan(&c.Language); err != nil {
			return pgdb.NotFound(err, "The caption channel")
		}
		if err := tx.QueryRow(ctx, `INSERT INTO captions (session_id, channel_id, captioner_id, text) VALUES ($1, $2, $3, $4) RETURNING id, created_at`,
			sessionID, channelID, captionerID, text).Scan(&c.ID, &c.CreatedAt); err != nil {
			return pgdb.Wrap(err, "sessions: insert caption")
		}
		return tx.announce(ctx, sessionID, "caption.added", c)
	})
	return c, err
}

// defaultChannel returns the session's first caption channel, making it in
// the session's language when there is none (two captioners' first lines
// at once make it once: the unique language).
func defaultChannel(ctx context.Context, tx pgx.Tx, sessionID int64) (int64, error) {
	if _, err := tx.Exec(ctx, `INSERT INTO caption_channels (session_id, language)
		SELECT id, language FROM sessions WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM caption_channels WHERE session_id = $1)
		ON CONFLICT DO NOTHING`, sessionID); err != nil {
		return 0, pgdb.Wrap(err, "sessions: make the default caption channel")
	}
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM caption_channels WHERE session_id = $1 ORDER BY id LIMIT 1`, sessionID).Scan(&id)
	return id, pgdb.Wrap(err, "sessions: read the default caption channel")
}

// Transcript returns a session's captions, every channel's, in order.
func (s *Store) Transcript(ctx context.Context, sessionID int64) ([]sessions.Caption, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT c.id, c.session_id, c.channel_id, ch.language, c.text, c.created_at
		FROM captions c JOIN caption_channels ch ON ch.id = c.channel_id WHERE c.session_id = $1 ORDER BY c.id`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read transcript")
	}
	cs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Caption, error) {
		var c sessions.Caption
		err := r.Scan(&c.ID, &c.SessionID, &c.ChannelID, &c.Language, &c.Text, &c.CreatedAt)
		return c, err
	})
	return cs, pgdb.Wrap(err, "sessions: read transcript")
}
