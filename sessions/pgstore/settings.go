package pgstore

import (
	"context"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
)

var _ sessions.SettingsStore = (*Store)(nil)

// SaveSettings stores a session's settings and announces them, with the
// speaking queue (which shows the speaking rules and may change order).
func (s *Store) SaveSettings(ctx context.Context, sessionID int64, set sessions.Settings) (sessions.Settings, error) {
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
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
		_, err := announceFloor(ctx, tx, sessionID)
		return err
	})
	return set, err
}
