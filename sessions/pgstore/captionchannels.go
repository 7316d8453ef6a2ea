package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// channelCaptioners is the captioners of channel ch as JSON, by name.
const channelCaptioners = `coalesce((SELECT json_agg(json_build_object('account_id', a.id, 'name', a.display_name) ORDER BY a.display_name, a.id)
	FROM caption_channel_captioners k JOIN accounts a ON a.id = k.account_id WHERE k.channel_id = ch.id), '[]')`

// CaptionChannels lists the session's caption channels with their
// captioners, the first made first.
func (s *Store) CaptionChannels(ctx context.Context, sessionID int64) ([]sessions.CaptionChannel, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT ch.id, ch.session_id, ch.language,
		`+channelCaptioners+`
		FROM caption_channels ch WHERE ch.session_id = $1 ORDER BY ch.id`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read caption channels")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.CaptionChannel, error) {
		var c sessions.CaptionChannel
		err := r.Scan(&c.ID, &c.SessionID, &c.Language, &c.Captioners)
		return c, err
	})
	return out, pgdb.Wrap(err, "sessions: read caption channels")
}

// AddCaptionChannel makes the session's channel in language (or finds it)
// and adds the captioner to it, in one transaction; open rooms hear of
// the channels once it commits (caption.channels).
func (s *Store) AddCaptionChannel(ctx context.Context, sessionID int64, language string, captionerID int64) (sessions.CaptionChannel, error) {
	var c sessions.CaptionChannel
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO caption_channels (session_id, language) VALUES ($1, $2)
			ON CONFLICT (session_id, language) DO UPDATE SET language = EXCLUDED.language RETURNING id`,
			sessionID, language).Scan(&c.ID); err != nil {
			return pgdb.Wrap(err, "sessions: add caption channel")
		}
		if captionerID != 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO caption_channel_captioners (channel_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
				c.ID, captionerID); err != nil {
				return pgdb.Wrap(err, "sessions: add a channel's captioner")
			}
		}
		err := tx.QueryRow(ctx, `SELECT session_id, language,
			`+channelCaptioners+`
			FROM caption_channels ch WHERE ch.id = $1`, c.ID).Scan(&c.SessionID, &c.Language, &c.Captioners)
		if err != nil {
			return pgdb.Wrap(err, "sessions: read caption channel")
		}
		return announceChannels(ctx, tx, sessionID)
	})
	return c, err
}

// announceChannels appends the session's caption channels as they now
// are to its room (caption.channels), inside tx.
func announceChannels(ctx context.Context, tx *roomTx, sessionID int64) error {
	rows, err := tx.Query(ctx, `SELECT id, language FROM caption_channels WHERE session_id = $1 ORDER BY id`, sessionID)
	if err != nil {
		return pgdb.Wrap(err, "sessions: read caption channels")
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[sessions.EventChannel])
	if err != nil {
		return pgdb.Wrap(err, "sessions: read caption channels")
	}
	return tx.announce(ctx, sessionID, sessions.KindCaptionChannels, sessions.ChannelsEvent{Channels: list})
}

// RemoveCaptionChannel removes a channel without lines; the channel's row
// lock keeps a line from arriving meanwhile (an insert's foreign key
// check takes a share lock on it).
func (s *Store) RemoveCaptionChannel(ctx context.Context, sessionID, channelID int64) error {
	return s.commitThenPublish(ctx, func(tx *roomTx) error {
		var lines bool
		err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM captions WHERE channel_id = ch.id)
			FROM caption_channels ch WHERE ch.id = $1 AND ch.session_id = $2 FOR UPDATE`, channelID, sessionID).Scan(&lines)
		if err != nil {
			return pgdb.NotFound(err, "The caption channel")
		}
		if lines {
			return igfplus.Errorf(igfplus.EConflict, "A caption channel with lines is kept as its transcript.")
		}
		if _, err = tx.Exec(ctx, `DELETE FROM caption_channels WHERE id = $1`, channelID); err != nil {
			return pgdb.Wrap(err, "sessions: remove caption channel")
		}
		return announceChannels(ctx, tx, sessionID)
	})
}

// SessionCaptioners lists the session's captioners by name.
func (s *Store) SessionCaptioners(ctx context.Context, sessionID int64) ([]sessions.ChannelCaptioner, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT a.id, a.display_name FROM session_roles r JOIN accounts a ON a.id = r.account_id
		WHERE r.session_id = $1 AND r.role = 'captioner' ORDER BY a.display_name, a.id`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read captioners")
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[sessions.ChannelCaptioner])
	return out, pgdb.Wrap(err, "sessions: read captioners")
}
