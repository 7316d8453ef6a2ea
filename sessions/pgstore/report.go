package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ sessions.ReportStore = (*Store)(nil)

// ReportText reads the report's text; a session that ended before reports
// existed (or never ended) ends when its state last changed, else when it
// was due to.
func (s *Store) ReportText(ctx context.Context, sessionID int64) (sessions.ReportText, error) {
	var t sessions.ReportText
	err := s.db.Pool.QueryRow(ctx, `
		SELECT coalesce(r.ended_at, s.state_changed_at, s.ends_at), coalesce(r.key_takeaways, ''), coalesce(r.calls_to_action, ''),
		       coalesce(r.updated_at, 'epoch')
		FROM sessions s LEFT JOIN session_reports r ON r.session_id = s.id WHERE s.id = $1`, sessionID).
		Scan(&t.EndedAt, &t.KeyTakeaways, &t.CallsToAction, &t.UpdatedAt)
	if t.UpdatedAt.Equal(time.Unix(0, 0)) {
		t.UpdatedAt = time.Time{}
	}
	return t, pgdb.Wrap(pgdb.NotFound(err, "The session"), "sessions: read report of %d", sessionID)
}

// SaveReportText applies the rapporteur's change while the session is
// ended; the session's row is locked so that a publication cannot slip in
// between.
func (s *Store) SaveReportText(ctx context.Context, sessionID int64, c sessions.ReportChange, byID int64) (sessions.ReportText, error) {
	var t sessions.ReportText
	err := s.db.Pool.QueryRow(ctx, `
		INSERT INTO session_reports (session_id, ended_at, key_takeaways, calls_to_action, updated_at, updated_by)
		SELECT s.id, coalesce(s.state_changed_at, s.ends_at), coalesce($2, ''), coalesce($3, ''), now(), $4
		FROM sessions s WHERE s.id = $1 AND s.state = 'ended' FOR UPDATE
		ON CONFLICT (session_id) DO UPDATE SET key_takeaways = coalesce($2, session_reports.key_takeaways),
			calls_to_action = coalesce($3, session_reports.calls_to_action), updated_at = now(), updated_by = $4
		RETURNING ended_at, key_takeaways, calls_to_action, updated_at`,
		sessionID, c.KeyTakeaways, c.CallsToAction, byID).Scan(&t.EndedAt, &t.KeyTakeaways, &t.CallsToAction, &t.UpdatedAt)
	if err == pgx.ErrNoRows {
		return t, igfplus.Errorf(igfplus.EConflict, "The session changed meanwhile: the report can no longer be written.")
	}
	return t, pgdb.Wrap(err, "sessions: save report of %d", sessionID)
}

// AttendanceUntil reads a session's attendance with every stretch of
// presence cut at until.
func (s *Store) AttendanceUntil(ctx context.Context, sessionID int64, until time.Time) (sessions.AttendanceRecord, error) {
	var rec sessions.AttendanceRecord
	if err := s.db.Pool.QueryRow(ctx, `
		SELECT count(*), count(*) FILTER (WHERE left_at <= $2)
		FROM attendance WHERE session_id = $1 AND joined_at < $2`, sessionID, until).Scan(&rec.Joins, &rec.Leaves); err != nil {
		return rec, pgdb.Wrap(err, "sessions: count attendance of %d", sessionID)
	}
	rows, err := s.db.Pool.Query(ctx, `
		SELECT a.id, a.stakeholder_group, a.region, a.gender,
		       sum(extract(epoch FROM least(coalesce(t.left_at, $2), $2) - t.joined_at))::bigint
		FROM attendance t JOIN accounts a ON a.id = t.account_id
		WHERE t.session_id = $1 AND t.joined_at < $2
		GROUP BY a.id, a.stakeholder_group, a.region, a.gender
		ORDER BY a.id`, sessionID, until)
	if err != nil {
		return rec, pgdb.Wrap(err, "sessions: read attendance of %d", sessionID)
	}
	rec.People, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Attendee, error) {
		var a sessions.Attendee
		err := r.Scan(&a.AccountID, &a.StakeholderGroup, &a.Region, &a.Gender, &a.Seconds)
		return a, err
	})
	return rec, pgdb.Wrap(err, "sessions: read attendance of %d", sessionID)
}

// Turns lists a session's finished turns in the order they were given.
func (s *Store) Turns(ctx context.Context, sessionID int64) ([]sessions.Turn, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT a.id, a.display_name, a.stakeholder_group, a.region, a.gender, coalesce(f.speaking_seconds, 0)
		FROM floor_requests f JOIN accounts a ON a.id = f.account_id
		WHERE f.session_id = $1 AND f.state = 'spoke'
		ORDER BY f.granted_at, f.id`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read turns of %d", sessionID)
	}
	turns, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Turn, error) {
		var t sessions.Turn
		err := r.Scan(&t.AccountID, &t.Name, &t.StakeholderGroup, &t.Region, &t.Gender, &t.Seconds)
		return t, err
	})
	return turns, pgdb.Wrap(err, "sessions: read turns of %d", sessionID)
}
