package pgstore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// postChatSQL inserts a chat message; its parameters are the session, the
// author, the body and the message answered (0: none).
const postChatSQL = `
	INSERT INTO chat_messages (session_id, author_id, body, reply_to) VALUES ($1, $2, $3, NULLIF($4, 0))
	RETURNING id, created_at`

// PostChat stores a chat message with its room event, then announces it.
// A message that answers none is one statement (pglog.InsertThenPublish):
// in a busy room it is the commonest write, and the sooner it commits the
// sooner everyone sees it. A reply needs a transaction, to lock the
// message it quotes.
func (s *Store) PostChat(ctx context.Context, msg sessions.ChatMessage) (sessions.ChatMessage, error) {
	if msg.ReplyTo != 0 {
		return s.postReply(ctx, msg)
	}
	post := pglog.Insert{
		SQL:  postChatSQL,
		Args: []any{msg.SessionID, msg.AuthorID, msg.Body, msg.ReplyTo},
		Room: sessions.RoomName(msg.SessionID), Kind: "chat.posted",
		Data: msg, Set: []string{"id", "created_at"},
	}
	err := pgdb.Retrying(func() error {
		err := pglog.InsertThenPublish(ctx, s.db.Pool, s.pub, post, &msg.ID, &msg.CreatedAt)
		return pgdb.Wrap(err, "sessions: insert chat message")
	})
	return msg, err
}

// postReply stores a message that answers another, quoting it, in a
// transaction that keeps the quoted message locked until the reply's
// event is in the log (see quote).
func (s *Store) postReply(ctx context.Context, msg sessions.ChatMessage) (sessions.ChatMessage, error) {
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		q, err := quote(ctx, tx, msg.SessionID, msg.ReplyTo)
		if err != nil {
			return err
		}
		msg.Reply = &q
		err = tx.QueryRow(ctx, postChatSQL, msg.SessionID, msg.AuthorID, msg.Body, msg.ReplyTo).Scan(&msg.ID, &msg.CreatedAt)
		if err != nil {
			return pgdb.Wrap(err, "sessions: insert chat message")
		}
		return tx.announce(ctx, msg.SessionID, "chat.posted", msg)
	})
	return msg, err
}

// quote reads the message a reply answers, in the reply's transaction: it
// must be in the same session and not removed. The row stays locked until
// the reply commits, so that a removal waits for the reply's event to be
// in the log, where it takes the quoted excerpt out again (redactChat).
func quote(ctx context.Context, tx pgx.Tx, sessionID, id int64) (sessions.ChatQuote, error) {
	q := sessions.ChatQuote{ID: id}
	var body string
	err := tx.QueryRow(ctx, `
		SELECT a.display_name, m.body FROM chat_messages m JOIN accounts a ON a.id = m.author_id
		WHERE m.id = $1 AND m.session_id = $2 AND m.removed_at IS NULL FOR SHARE OF m`, id, sessionID).Scan(&q.AuthorName, &body)
	if errors.Is(err, pgx.ErrNoRows) {
		return q, igfplus.Errorf(igfplus.ENotFound, "The message you answer is not in this chat any more.")
	}
	q.Excerpt = sessions.Excerpt(body)
	return q, pgdb.Wrap(err, "sessions: read the message replied to")
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
		return nil, pos, pgdb.Wrap(err, "sessions: begin reading chat")
	}
	defer tx.Rollback(ctx)
	err = tx.QueryRow(ctx, `SELECT epoch, last_offset FROM rooms WHERE name = $1`, sessions.RoomName(sessionID)).Scan(&pos.Epoch, &pos.Offset)
	if err != nil && err != pgx.ErrNoRows {
		return nil, pos, pgdb.Wrap(err, "sessions: read the room's position")
	}
	rows, err := tx.Query(ctx, `
		SELECT m.id, m.session_id, m.author_id, a.display_name, a.stakeholder_group, m.body, m.created_at,
			COALESCE(m.reply_to, 0), COALESCE(ra.display_name, ''), COALESCE(CASE WHEN r.removed_at IS NULL THEN r.body END, '')
		FROM (SELECT * FROM chat_messages WHERE session_id = $1 AND removed_at IS NULL ORDER BY id DESC LIMIT $2) m
		JOIN accounts a ON a.id = m.author_id
		LEFT JOIN chat_messages r ON r.id = m.reply_to
		LEFT JOIN accounts ra ON ra.id = r.author_id
		ORDER BY m.id`, sessionID, limit)
	if err != nil {
		return nil, pos, pgdb.Wrap(err, "sessions: read recent chat")
	}
	msgs, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.ChatMessage, error) {
		var (
			m            sessions.ChatMessage
			rname, rbody string
		)
		err := r.Scan(&m.ID, &m.SessionID, &m.AuthorID, &m.AuthorName, &m.AuthorGroup, &m.Body, &m.CreatedAt, &m.ReplyTo, &rname, &rbody)
		if m.ReplyTo != 0 {
			m.Reply = &sessions.ChatQuote{ID: m.ReplyTo, AuthorName: rname, Excerpt: sessions.Excerpt(rbody)}
		}
		return m, err
	})
	if err != nil {
		return nil, pos, pgdb.Wrap(err, "sessions: read recent chat")
	}
	return msgs, pos, pgdb.Wrap(tx.Commit(ctx), "sessions: end reading chat")
}
