package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/sessions"
)

// PostChat stores a chat message with its room event, then announces it.
func (s *Store) PostChat(ctx context.Context, msg sessions.ChatMessage) (sessions.ChatMessage, error) {
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		err := tx.QueryRow(ctx, `
			INSERT INTO chat_messages (session_id, author_id, body) VALUES ($1, $2, $3)
			RETURNING id, created_at`, msg.SessionID, msg.AuthorID, msg.Body).Scan(&msg.ID, &msg.CreatedAt)
		if err != nil {
			return nil, err
		}
		ev, err := pglog.Append(ctx, tx, sessions.RoomName(msg.SessionID), "chat.posted", msg)
		return []hub.Event{ev}, err
	})
	return msg, err
}

// RecentChat reads the newest messages and the room's position in one
// repeatable-read snapshot, so that the two agree.
func (s *Store) RecentChat(ctx context.Context, sessionID int64, limit int) ([]sessions.ChatMessage, sessions.RoomPosition, error) {
	var (
		msgs []sessions.ChatMessage
		pos  sessions.RoomPosition
	)
	// The room's log must exist before the snapshot, so that the position
	// handed out has the epoch a resume will find.
	if _, err := pglog.New(s.db.Pool).Top(ctx, sessions.RoomName(sessionID)); err != nil {
		return nil, pos, err
	}
	tx, err := s.db.Pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, pos, err
	}
	defer tx.Rollback(ctx)
	err = tx.QueryRow(ctx, `SELECT epoch, last_offset FROM rooms WHERE name = $1`, sessions.RoomName(sessionID)).Scan(&pos.Epoch, &pos.Offset)
	if err != nil && err != pgx.ErrNoRows {
		return nil, pos, err
	}
	rows, err := tx.Query(ctx, `
		SELECT m.id, m.session_id, m.author_id, a.display_name, a.stakeholder_group, m.body, m.created_at
		FROM (SELECT * FROM chat_messages WHERE session_id = $1 AND removed_at IS NULL ORDER BY id DESC LIMIT $2) m
		JOIN accounts a ON a.id = m.author_id
		ORDER BY m.id`, sessionID, limit)
	if err != nil {
		return nil, pos, err
	}
	msgs, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.ChatMessage, error) {
		var m sessions.ChatMessage
		err := r.Scan(&m.ID, &m.SessionID, &m.AuthorID, &m.AuthorName, &m.AuthorGroup, &m.Body, &m.CreatedAt)
		return m, err
	})
	if err != nil {
		return nil, pos, err
	}
	return msgs, pos, tx.Commit(ctx)
}
