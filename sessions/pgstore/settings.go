package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
)

var _ sessions.SettingsStore = (*Store)(nil)

// SaveSettings stores a session's settings and announces them, with the
// speaking queue (which shows the speaking rules and may change order).
func (s *Store) SaveSettings(ctx context.Context, sessionID int64, set sessions.Settings) (sessions.Settings, error) {
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		if _, err := tx.Exec(ctx, `
			UPDATE sessions SET requires_registration = $2, waiting_room = $3, balanced_queue = $4,
				speaking_limit_s = $5, speaking_warn_at_s = $6, chat_slow_seconds = $7, review_questions = $8
			WHERE id = $1`, sessionID, set.RequiresRegistration, set.WaitingRoom, set.BalancedQueue,
			set.SpeakingLimitS, set.WarnAtS, set.SlowModeS, set.ReviewQuestions); err != nil {
			return nil, pgdb.Wrap(err, "sessions: save settings of %d", sessionID)
		}
		ev, err := pglog.Append(ctx, tx, sessions.RoomName(sessionID), "session.settings", set)
		if err != nil {
			return nil, err
		}
		_, floorEvs, err := announceFloor(ctx, tx, sessionID)
		return append([]hub.Event{ev}, floorEvs...), err
	})
	return set, err
}
