package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ sessions.ModerationStore = (*Store)(nil)

// Restriction returns the account's restriction in the session, or "".
func (s *Store) Restriction(ctx context.Context, sessionID, accountID int64) (sessions.Restriction, error) {
	var r sessions.Restriction
	err := s.db.Pool.QueryRow(ctx, `SELECT kind FROM session_restrictions WHERE session_id = $1 AND account_id = $2`, sessionID, accountID).Scan(&r)
	if err == pgx.ErrNoRows {
		return "", nil
	}
	return r, pgdb.Wrap(err, "sessions: read restriction")
}

// Restrict records (or replaces) a restriction and announces it; removal
// and bans close the account's connections to the room on every node.
func (s *Store) Restrict(ctx context.Context, sessionID, accountID, byID int64, r sessions.Restriction, reason string) error {
	return s.commitThenPublish(ctx, func(tx *roomTx) error {
		if _, err := tx.Exec(ctx, `
			INSERT INTO session_restrictions (session_id, account_id, kind, by_id) VALUES ($1, $2, $3, $4)
			ON CONFLICT (session_id, account_id) DO UPDATE SET kind = EXCLUDED.kind, by_id = EXCLUDED.by_id, created_at = now()`,
			sessionID, accountID, r, byID); err != nil {
			return pgdb.Wrap(err, "sessions: insert restriction")
		}
		if err := logModeration(ctx, tx, sessionID, sessions.LogEntry{ActorID: byID, Action: sessions.LogRestrict,
			AccountID: accountID, Detail: string(r), Reason: reason}); err != nil {
			return err
		}
		var closeAccount int64
		if r.Excludes() {
			closeAccount = accountID
			// An excluded person's open floor request goes too: a waiting
			// one is declined, a turn under way ends (its time counted),
			// and the room sees the queue without them.
			tag, err := tx.Exec(ctx, `UPDATE floor_requests
				SET state = CASE WHEN state = 'granted' THEN 'spoke' ELSE 'declined' END, ended_at = clock_timestamp()
				WHERE session_id = $1 AND account_id = $2 AND state IN ('queued', 'granted')`, sessionID, accountID)
			if err != nil {
				return pgdb.Wrap(err, "sessions: end the floor request of an excluded person")
			}
			if tag.RowsAffected() > 0 {
				if _, err := announceFloor(ctx, tx, sessionID); err != nil {
					return err
				}
			}
		}
		if err := tx.add(pglog.AppendClosing(ctx, tx, sessions.RoomName(sessionID), "participant.restricted",
			map[string]any{"account_id": accountID, "restriction": r}, closeAccount)); err != nil || !r.Excludes() {
			return err
		}
		// Turned away from the waiting room: the list is shorter.
		tag, err := tx.Exec(ctx, `DELETE FROM session_admissions WHERE session_id = $1 AND account_id = $2 AND state = 'waiting'`, sessionID, accountID)
		if err != nil || tag.RowsAffected() == 0 {
			return pgdb.Wrap(err, "sessions: turn an excluded person away from the waiting room")
		}
		return announceWaiting(ctx, tx, sessionID)
	})
}

// Lift ends a restriction, logs it and announces it: the person may come
// back (a removal or ban) or write again (muted).
func (s *Store) Lift(ctx context.Context, sessionID, accountID, byID int64, reason string) error {
	return s.commitThenPublish(ctx, func(tx *roomTx) error {
		var r sessions.Restriction
		err := tx.QueryRow(ctx, `DELETE FROM session_restrictions WHERE session_id = $1 AND account_id = $2 RETURNING kind`,
			sessionID, accountID).Scan(&r)
		if err == pgx.ErrNoRows {
			return igfplus.Errorf(igfplus.ENotFound, "That person is not restricted in this session.")
		}
		if err != nil {
			return pgdb.Wrap(err, "sessions: lift the restriction of %d", accountID)
		}
		if err := logModeration(ctx, tx, sessionID, sessions.LogEntry{ActorID: byID, Action: sessions.LogLift,
			AccountID: accountID, Detail: string(r), Reason: reason}); err != nil {
			return err
		}
		return tx.announce(ctx, sessionID, "participant.lifted",
			map[string]any{"account_id": accountID, "restriction": r})
	})
}

// RemoveChat hides a message from everyone, logs and announces its removal.
func (s *Store) RemoveChat(ctx context.Context, sessionID, messageID, byID int64, reason string) error {
	return s.commitThenPublish(ctx, func(tx *roomTx) error {
		var author int64
		err := tx.QueryRow(ctx, `UPDATE chat_messages SET removed_at = now(), removed_by = $3
			WHERE id = $1 AND session_id = $2 AND removed_at IS NULL RETURNING author_id`, messageID, sessionID, byID).Scan(&author)
		if err == pgx.ErrNoRows {
			return igfplus.Errorf(igfplus.ENotFound, "There is no such message in this session.")
		}
		if err != nil {
			return pgdb.Wrap(err, "sessions: remove chat message %d", messageID)
		}
		if err := logModeration(ctx, tx, sessionID, sessions.LogEntry{ActorID: byID, Action: sessions.LogChatRemove,
			AccountID: author, TargetID: messageID, Reason: reason}); err != nil {
			return err
		}
		rewrote, err := redactChat(ctx, tx, sessionID, messageID)
		if err != nil {
			return err
		}
		ev, err := pglog.Append(ctx, tx, sessions.RoomName(sessionID), "chat.removed", map[string]int64{"id": messageID})
		if err == nil && rewrote {
			err = pglog.MarkRewrote(ctx, tx, &ev)
		}
		return tx.add(ev, err)
	})
}

// redactChat takes a removed message's text out of the room's log, and
// the excerpts of it that replies quote, so that no resume replays them
// (the message's row keeps it for the moderation log). It reports whether
// the log changed.
func redactChat(ctx context.Context, tx pgx.Tx, sessionID, messageID int64) (bool, error) {
	room := sessions.RoomName(sessionID)
	posted, err := pglog.Rewrite(ctx, tx, room, "chat.posted", map[string]int64{"id": messageID}, []string{"body"}, "")
	if err != nil {
		return false, err
	}
	quoted, err := pglog.Rewrite(ctx, tx, room, "chat.posted", map[string]any{"reply": map[string]int64{"id": messageID}}, []string{"reply", "excerpt"}, "")
	return posted+quoted > 0, err
}

// ReportChat records a report; reporting one message twice is a conflict.
func (s *Store) ReportChat(ctx context.Context, sessionID, messageID, reporterID int64, reason string) error {
	tag, err := s.db.Pool.Exec(ctx, `
		INSERT INTO chat_reports (message_id, reporter_id, reason)
		SELECT id, $3, $4 FROM chat_messages WHERE id = $1 AND session_id = $2`, messageID, sessionID, reporterID, reason)
	if isUniqueViolation(err) {
		return igfplus.Errorf(igfplus.EConflict, "You have already reported this message.")
	}
	if err != nil {
		return pgdb.Wrap(err, "sessions: insert chat report")
	}
	if tag.RowsAffected() == 0 {
		return igfplus.Errorf(igfplus.ENotFound, "There is no such message in this session.")
	}
	return nil
}

// ChatReports lists the session's reports, newest first.
func (s *Store) ChatReports(ctx context.Context, sessionID int64) ([]sessions.ChatReport, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT r.id, m.id, m.author_id, a.display_name, m.body, m.removed_at IS NOT NULL,
			r.reporter_id, ra.display_name, r.reason, r.created_at
		FROM chat_reports r
		JOIN chat_messages m ON m.id = r.message_id
		JOIN accounts a ON a.id = m.author_id
		JOIN accounts ra ON ra.id = r.reporter_id
		WHERE m.session_id = $1
		ORDER BY r.created_at DESC, r.id DESC
		LIMIT $2`, sessionID, sessions.MaxChatReports)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read chat reports")
	}
	reports, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (sessions.ChatReport, error) {
		var r sessions.ChatReport
		err := row.Scan(&r.ID, &r.MessageID, &r.AuthorID, &r.AuthorName, &r.Body, &r.Removed,
			&r.ReporterID, &r.ReporterName, &r.Reason, &r.CreatedAt)
		return r, err
	})
	return reports, pgdb.Wrap(err, "sessions: read chat reports")
}

// LastChatAt returns when the account last posted, and the slow-mode
// interval of the session.
func (s *Store) LastChatAt(ctx context.Context, sessionID, accountID int64) (time.Time, time.Duration, error) {
	var (
		last time.Time
		slow int
	)
	// ORDER BY … LIMIT 1, not max(): the planner may aggregate max() over
	// every one of the author's messages in the session when its
	// statistics call them few, while this reads one index entry always.
	err := s.db.Pool.QueryRow(ctx, `
		SELECT coalesce((SELECT created_at FROM chat_messages WHERE session_id = $1 AND author_id = $2
		                 ORDER BY created_at DESC LIMIT 1), 'epoch'),
		       chat_slow_seconds
		FROM sessions WHERE id = $1`, sessionID, accountID).Scan(&last, &slow)
	return last, time.Duration(slow) * time.Second, pgdb.Wrap(err, "sessions: read last chat time")
}
