package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
)

// SessionColumns and ScanSession read a row of sessions, here and in the
// other stores that list sessions (the ones a participant follows).
const SessionColumns = `id, track_id, policy_issue_id, slug, title, description, format, state, starts_at, ends_at, room,
	coalesce(current_item_id, 0), coalesce(item_started_at, 'epoch'),
	requires_registration, waiting_room, balanced_queue, speaking_limit_s, speaking_warn_at_s, chat_slow_seconds, review_questions, language`

// ScanSession reads a row of SessionColumns.
func ScanSession(row pgx.Row) (sessions.Session, error) {
	var s sessions.Session
	err := row.Scan(sessionFields(&s)...)
	return settle(s), err
}

// sessionFields lists where each of SessionColumns goes, in order, for
// queries that read more columns after them.
func sessionFields(s *sessions.Session) []any {
	return []any{&s.ID, &s.TrackID, &s.PolicyIssueID, &s.Slug, &s.Title, &s.Description, &s.Format, &s.State, &s.StartsAt, &s.EndsAt, &s.Venue,
		&s.CurrentItemID, &s.ItemStartedAt,
		&s.Settings.RequiresRegistration, &s.Settings.WaitingRoom, &s.Settings.BalancedQueue,
		&s.Settings.SpeakingLimitS, &s.Settings.WarnAtS, &s.Settings.SlowModeS, &s.Settings.ReviewQuestions, &s.Language}
}

// settle gives a scanned session the zero time it means when no agenda
// item is current (the column reads 'epoch' then).
func settle(s sessions.Session) sessions.Session {
	if s.CurrentItemID == 0 {
		s.ItemStartedAt = time.Time{}
	}
	return s
}

// Session returns a session by id.
func (s *Store) Session(ctx context.Context, id int64) (sessions.Session, error) {
	sess, err := ScanSession(s.db.Pool.QueryRow(ctx, `SELECT `+SessionColumns+` FROM sessions WHERE id = $1`, id))
	if err != nil {
		return sessions.Session{}, pgdb.Wrap(pgdb.NotFound(err, "The session"), "sessions: read session %d", id)
	}
	return sess, nil
}

// SessionsOfEdition lists an edition's sessions by start time, but for
// those not yet scheduled, which have no time.
func (s *Store) SessionsOfEdition(ctx context.Context, editionID int64) ([]sessions.Session, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT `+SessionColumns+` FROM sessions
		WHERE track_id IN (SELECT id FROM tracks WHERE edition_id = $1) AND state <> 'unscheduled'
		ORDER BY starts_at, id`, editionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read sessions of edition %d", editionID)
	}
	ss, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Session, error) { return ScanSession(r) })
	return ss, pgdb.Wrap(err, "sessions: read sessions of edition %d", editionID)
}

// Agenda returns a session's agenda in order.
func (s *Store) Agenda(ctx context.Context, sessionID int64) ([]sessions.AgendaItem, error) {
	return agendaOf(ctx, s.db.Pool, sessionID)
}

// agendaOf reads a session's agenda in order, in q (a transaction's view,
// or the pool's).
func agendaOf(ctx context.Context, q pgdb.Querier, sessionID int64) ([]sessions.AgendaItem, error) {
	rows, err := q.Query(ctx, `
		SELECT id, session_id, position, title, minutes, started_at IS NOT NULL FROM agenda_items
		WHERE session_id = $1 ORDER BY position`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read agenda of %d", sessionID)
	}
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.AgendaItem, error) {
		var a sessions.AgendaItem
		err := r.Scan(&a.ID, &a.SessionID, &a.Position, &a.Title, &a.Minutes, &a.Started)
		return a, err
	})
	return items, pgdb.Wrap(err, "sessions: read agenda of %d", sessionID)
}
