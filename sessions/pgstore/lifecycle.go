package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// SessionRoles lists the roles an account holds in a session.
func (s *Store) SessionRoles(ctx context.Context, sessionID, accountID int64) ([]sessions.SessionRole, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT role FROM session_roles WHERE session_id = $1 AND account_id = $2`, sessionID, accountID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read session roles")
	}
	roles, err := pgx.CollectRows(rows, pgx.RowTo[sessions.SessionRole])
	return roles, pgdb.Wrap(err, "sessions: read session roles")
}

// MoveTo changes the state only if it is still from, so that two moderators
// pressing at once cannot both move it; the change and its event commit
// together.
func (s *Store) MoveTo(ctx context.Context, id int64, from, to sessions.State, byID int64) (sessions.Progress, error) {
	var p sessions.Progress
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		tag, err := tx.Exec(ctx, `UPDATE sessions SET state = $3, state_changed_at = now() WHERE id = $1 AND state = $2`, id, from, to)
		if err != nil {
			return pgdb.Wrap(err, "sessions: move session %d from %s to %s", id, from, to)
		}
		if tag.RowsAffected() == 0 {
			return igfplus.Errorf(igfplus.EConflict, "The session changed meanwhile; reload.")
		}
		if p, err = progressOf(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.announce(ctx, id, "session.progress", p); err != nil || to != sessions.Ended {
			return err
		}
		if err := logModeration(ctx, tx, id, sessions.LogEntry{ActorID: byID, Action: sessions.LogSessionEnd}); err != nil {
			return err
		}
		return endRecord(ctx, tx, id)
	})
	return p, err
}

// endRecord closes what a session's end closes, in its transaction: the
// turn under way ends (its time recorded), waiting requests are declined,
// and the report's end is set, which the report's figures stop at.
func endRecord(ctx context.Context, tx *roomTx, id int64) error {
	if _, err := tx.Exec(ctx, `
		UPDATE floor_requests SET ended_at = clock_timestamp(),
			state = CASE WHEN state = 'granted' THEN 'spoke' ELSE 'declined' END,
			speaking_seconds = CASE WHEN state = 'granted' THEN greatest(0, extract(epoch FROM clock_timestamp() - granted_at))::int END
		WHERE session_id = $1 AND state IN ('queued', 'granted')`, id); err != nil {
		return pgdb.Wrap(err, "sessions: end the turns of session %d", id)
	}
	// A reopened session's report ends at its last end.
	if _, err := tx.Exec(ctx, `INSERT INTO session_reports (session_id, ended_at) VALUES ($1, now())
		ON CONFLICT (session_id) DO UPDATE SET ended_at = EXCLUDED.ended_at`, id); err != nil {
		return pgdb.Wrap(err, "sessions: insert report of session %d", id)
	}
	_, err := announceFloor(ctx, tx, id)
	return err
}

// StartItem makes item the one under way from now, and announces it.
func (s *Store) StartItem(ctx context.Context, id int64, item sessions.AgendaItem) (sessions.Progress, error) {
	return s.startItem(ctx, id, item, -1)
}

// startItem starts item in live session id; when from is not negative,
// only if the item under way is still from (0: none).
func (s *Store) startItem(ctx context.Context, id int64, item sessions.AgendaItem, from int64) (sessions.Progress, error) {
	var p sessions.Progress
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		tag, err := tx.Exec(ctx, `UPDATE sessions SET current_item_id = $2, item_started_at = now()
			WHERE id = $1 AND state = 'live' AND ($3 < 0 OR coalesce(current_item_id, 0) = $3)`, id, item.ID, from)
		if err != nil {
			return pgdb.Wrap(err, "sessions: start agenda item %d", item.ID)
		}
		if tag.RowsAffected() == 0 {
			return igfplus.Errorf(igfplus.EConflict, "The session is no longer live, or its agenda moved on meanwhile; reload.")
		}
		if _, err := tx.Exec(ctx, `UPDATE agenda_items SET started_at = coalesce(started_at, now()) WHERE id = $1`, item.ID); err != nil {
			return pgdb.Wrap(err, "sessions: mark agenda item %d started", item.ID)
		}
		return announceProgress(ctx, tx, id, &p)
	})
	return p, err
}

// announceProgress reads where session id stands into p and appends it as
// a session.progress event, last in tx.
func announceProgress(ctx context.Context, tx *roomTx, id int64, p *sessions.Progress) error {
	var err error
	if *p, err = progressOf(ctx, tx, id); err != nil {
		return err
	}
	return tx.announce(ctx, id, "session.progress", *p)
}

func progressOf(ctx context.Context, tx pgx.Tx, id int64) (sessions.Progress, error) {
	var p sessions.Progress
	err := tx.QueryRow(ctx, `
		SELECT s.state, coalesce(s.current_item_id, 0), coalesce(s.item_started_at, 'epoch'), coalesce(a.minutes, 0)
		FROM sessions s LEFT JOIN agenda_items a ON a.id = s.current_item_id
		WHERE s.id = $1`, id).Scan(&p.State, &p.CurrentItemID, &p.ItemStartedAt, &p.ItemMinutes)
	if p.CurrentItemID == 0 {
		p.ItemStartedAt = time.Time{} // no item under way
	}
	return p, pgdb.Wrap(err, "sessions: read progress of session %d", id)
}
