package pgstore

import (
	"context"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
)

var _ sessions.SettingsStore = (*Store)(nil)

// ChangeSettings changes a session's settings by apply, under the session's
// row lock, and announces them, with the speaking queue (which shows the
// speaking rules and may change order).
func (s *Store) ChangeSettings(ctx context.Context, sessionID int64, apply func(sessions.Settings) (sessions.Settings, error)) (sessions.Settings, error) {
	var set sessions.Settings
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		var was sessions.Settings
		err := tx.QueryRow(ctx, `SELECT requires_registration, waiting_room, balanced_queue,
				speaking_limit_s, speaking_warn_at_s, chat_slow_seconds, review_questions
			FROM sessions WHERE id = $1 FOR UPDATE`, sessionID).Scan(&was.RequiresRegistration, &was.WaitingRoom, &was.BalancedQueue,
			&was.SpeakingLimitS, &was.WarnAtS, &was.SlowModeS, &was.ReviewQuestions)
		if err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The session"), "sessions: read the settings of %d", sessionID)
		}
		if set, err = apply(was); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `
			UPDATE sessions SET requires_registration = $2, waiting_room = $3, balanced_queue = $4,
				speaking_limit_s = $5, speaking_warn_at_s = $6, chat_slow_seconds = $7, review_questions = $8
			WHERE id = $1`, sessionID, set.RequiresRegistration, set.WaitingRoom, set.BalancedQueue,
			set.SpeakingLimitS, set.WarnAtS, set.SlowModeS, set.ReviewQuestions); err != nil {
			return pgdb.Wrap(err, "sessions: save settings of %d", sessionID)
		}
		if err := tx.announce(ctx, sessionID, "session.settings", set); err != nil {
			return err
		}
		_, err = announceFloor(ctx, tx, sessionID)
		return err
	})
	return set, err
}
