package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ sessions.AdmissionStore = (*Store)(nil)

// Standing reads, in one statement, a session and what decides whether a
// person may follow it and take part in it: restriction, session roles,
// registration, admission, whether they were in the room before, and what
// the track's participation rule looks at (its kind; the account's
// participant role, verification and age band). Every room action asks
// this first, so it is one round trip, not one for the session and one for
// the person.
func (s *Store) Standing(ctx context.Context, sessionID, accountID int64) (sessions.Session, sessions.Standing, error) {
	var (
		sess sessions.Session
		st   sessions.Standing
		band string
	)
	fields := append(sessionFields(&sess), &st.Restriction, &st.Roles, &st.Registered, &st.Admission, &st.Attended,
		&st.Track, &st.Participant.Registered, &st.Participant.VerifiedAs, &band)
	err := s.db.Pool.QueryRow(ctx, `
		SELECT `+SessionColumns+`,
		       coalesce((SELECT kind FROM session_restrictions WHERE session_id = $1 AND account_id = $2), ''),
		       coalesce((SELECT array_agg(role) FROM session_roles WHERE session_id = $1 AND account_id = $2), '{}'),
		       EXISTS (SELECT 1 FROM session_registrations WHERE session_id = $1 AND account_id = $2),
		       coalesce((SELECT state FROM session_admissions WHERE session_id = $1 AND account_id = $2), ''),
		       EXISTS (SELECT 1 FROM attendance WHERE session_id = $1 AND account_id = $2),
		       coalesce((SELECT t.kind FROM tracks t WHERE t.id = sessions.track_id), ''),
		       EXISTS (SELECT 1 FROM account_roles WHERE account_id = $2 AND role = 'participant'),
		       coalesce((SELECT verified_as FROM accounts WHERE id = $2), ''),
		       coalesce((SELECT age_band FROM accounts WHERE id = $2), '')
		FROM sessions WHERE id = $1`,
		sessionID, accountID).Scan(fields...)
	if err != nil {
		err = pgdb.NotFound(err, "The session")
		return sessions.Session{}, sessions.Standing{}, pgdb.Wrap(err, "sessions: read session %d and standing of %d", sessionID, accountID)
	}
	st.Participant.Youth = accounts.IsYouthBand(accounts.AgeBand(band))
	return settle(sess), st, nil
}

// Register records (or withdraws) a registration.
func (s *Store) Register(ctx context.Context, sessionID, accountID int64, registered bool) error {
	sql := `INSERT INTO session_registrations (session_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`
	if !registered {
		sql = `DELETE FROM session_registrations WHERE session_id = $1 AND account_id = $2`
	}
	_, err := s.db.Pool.Exec(ctx, sql, sessionID, accountID)
	return pgdb.Wrap(err, "sessions: change registration of %d in %d", accountID, sessionID)
}

// Knock puts the person in the waiting room once; a newcomer announces the
// new number waiting to the room (the moderators reload the list).
func (s *Store) Knock(ctx context.Context, sessionID, accountID int64) (int, error) {
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO session_admissions (session_id, account_id, state) VALUES ($1, $2, 'waiting')
			ON CONFLICT DO NOTHING`, sessionID, accountID)
		if err != nil || tag.RowsAffected() == 0 {
			return pgdb.Wrap(err, "sessions: insert knock")
		}
		return announceWaiting(ctx, tx, sessionID)
	})
	if err != nil {
		return 0, err
	}
	return s.WaitingPosition(ctx, sessionID, accountID)
}

// waitingSQL selects the people waiting (not removed or banned meanwhile).
const waitingSQL = `
	FROM session_admissions w JOIN accounts a ON a.id = w.account_id
	WHERE w.session_id = $1 AND w.state = 'waiting'
	  AND NOT EXISTS (SELECT 1 FROM session_restrictions r WHERE r.session_id = w.session_id AND r.account_id = w.account_id
	                  AND r.kind IN ('removed', 'banned'))`

// announceWaiting appends an admission.changed event with the number
// waiting, last in tx.
func announceWaiting(ctx context.Context, tx *roomTx, sessionID int64) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) `+waitingSQL, sessionID).Scan(&n); err != nil {
		return pgdb.Wrap(err, "sessions: count waiting")
	}
	return tx.announce(ctx, sessionID, "admission.changed", map[string]int{"waiting": n})
}

// WaitingPosition is the person's place in the waiting list, 0 if not in it.
func (s *Store) WaitingPosition(ctx context.Context, sessionID, accountID int64) (int, error) {
	var pos int
	err := s.db.Pool.QueryRow(ctx, `
		SELECT coalesce((SELECT n FROM (SELECT w.account_id, row_number() OVER (ORDER BY w.asked_at, w.account_id) AS n `+waitingSQL+`) x
		                 WHERE account_id = $2), 0)`, sessionID, accountID).Scan(&pos)
	return pos, pgdb.Wrap(err, "sessions: read waiting position")
}

// Admit lets a waiting person in and announces the shorter list.
func (s *Store) Admit(ctx context.Context, sessionID, accountID, byID int64) error {
	return s.commitThenPublish(ctx, func(tx *roomTx) error {
		tag, err := tx.Exec(ctx, `UPDATE session_admissions SET state = 'admitted', decided_at = now(), decided_by = $3
			WHERE session_id = $1 AND account_id = $2 AND state = 'waiting'`, sessionID, accountID, byID)
		if err != nil {
			return pgdb.Wrap(err, "sessions: admit")
		}
		if tag.RowsAffected() == 0 {
			return igfplus.Errorf(igfplus.ENotFound, "That person is not in the waiting room.")
		}
		// The person's own waiting channel first: their page enters at once.
		if err := tx.announceIn(ctx, sessions.WaitingRoomName(sessionID, accountID), "admission.admitted",
			map[string]string{"state": string(sessions.Admitted)}); err != nil {
			return err
		}
		return announceWaiting(ctx, tx, sessionID)
	})
}

// WaitingList lists who waits, longest waiting first.
func (s *Store) WaitingList(ctx context.Context, sessionID int64) ([]sessions.Waiter, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT a.id, a.display_name, a.stakeholder_group, a.region, w.asked_at
		`+waitingSQL+`
		ORDER BY w.asked_at, w.account_id`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: list waiting")
	}
	ws, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Waiter, error) {
		var w sessions.Waiter
		err := r.Scan(&w.AccountID, &w.Name, &w.StakeholderGroup, &w.Region, &w.AskedAt)
		return w, err
	})
	return ws, pgdb.Wrap(err, "sessions: list waiting")
}
