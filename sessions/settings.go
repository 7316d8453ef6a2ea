package sessions

import (
	"context"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Settings are the rules a session's moderators set for its room.
type Settings struct {
	// RequiresRegistration keeps out whoever has not registered for the
	// session (the session's role holders and platform moderators aside).
	RequiresRegistration bool `json:"requires_registration"`
	// WaitingRoom holds newcomers until a moderator admits them; people who
	// were already in the room come back without waiting.
	WaitingRoom bool `json:"waiting_room"`
	// BalancedQueue calls waiting speakers in the balanced order
	// (BalanceQueue) instead of first come, first served.
	BalancedQueue bool `json:"balanced_queue"`
	// SpeakingLimitS is each turn's time limit in seconds (default 180);
	// WarnAtS is the elapsed time at which the speaker is warned (default
	// 150, i.e. 30 s before the limit). Clients run the timer from the
	// speaker's granted_at; moderators end the turn.
	SpeakingLimitS int `json:"speaking_limit_s"`
	WarnAtS        int `json:"warn_at_s"`
	// SlowModeS is the least time between two chat messages of one person
	// (0: off).
	SlowModeS int `json:"slow_mode_s"`
	// ReviewQuestions holds new questions until a moderator lets them
	// through; their authors see them as waiting.
	ReviewQuestions bool `json:"review_questions"`
}

// DefaultSettings are a new session's settings.
var DefaultSettings = Settings{SpeakingLimitS: 180, WarnAtS: 150}

// SettingsChange is what a moderator changes; nil fields stay as they are.
type SettingsChange struct {
	RequiresRegistration *bool `json:"requires_registration"`
	WaitingRoom          *bool `json:"waiting_room"`
	BalancedQueue        *bool `json:"balanced_queue"`
	SpeakingLimitS       *int  `json:"speaking_limit_s"`
	WarnAtS              *int  `json:"warn_at_s"`
	SlowModeS            *int  `json:"slow_mode_s"`
	ReviewQuestions      *bool `json:"review_questions"`
}

// Apply returns s changed by c, or EInvalid when the result breaks a rule.
func (c SettingsChange) Apply(s Settings) (Settings, error) {
	set := func(dst *bool, v *bool) {
		if v != nil {
			*dst = *v
		}
	}
	setInt := func(dst *int, v *int) {
		if v != nil {
			*dst = *v
		}
	}
	set(&s.RequiresRegistration, c.RequiresRegistration)
	set(&s.WaitingRoom, c.WaitingRoom)
	set(&s.BalancedQueue, c.BalancedQueue)
	set(&s.ReviewQuestions, c.ReviewQuestions)
	setInt(&s.SpeakingLimitS, c.SpeakingLimitS)
	setInt(&s.WarnAtS, c.WarnAtS)
	setInt(&s.SlowModeS, c.SlowModeS)
	switch {
	case s.SpeakingLimitS < 10 || s.SpeakingLimitS > 3600:
		return s, igfplus.Errorf(igfplus.EInvalid, "The speaking limit is between 10 and 3600 seconds.")
	case s.WarnAtS < 0 || s.WarnAtS >= s.SpeakingLimitS:
		return s, igfplus.Errorf(igfplus.EInvalid, "The warning comes before the speaking limit (warn_at_s from 0 to speaking_limit_s - 1).")
	case s.SlowModeS < 0 || s.SlowModeS > 600:
		return s, igfplus.Errorf(igfplus.EInvalid, "Slow mode is between 0 and 600 seconds.")
	}
	return s, nil
}

// SettingsStore keeps settings. ChangeSettings applies apply to the
// session's settings as they are, under the session's row lock, so that two
// moderators' changes of different fields both hold; the change commits
// with a session.settings event carrying the new Settings (and a
// floor.changed event, the speaking rules being part of it).
type SettingsStore interface {
	ChangeSettings(ctx context.Context, sessionID int64, apply func(Settings) (Settings, error)) (Settings, error)
}

// ChangeSettings changes a session's settings: moderators only.
func (s *Service) ChangeSettings(ctx context.Context, who igfplus.Identity, sessionID int64, c SettingsChange) (Settings, error) {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return Settings{}, err
	}
	return s.settings.ChangeSettings(ctx, sessionID, c.Apply)
}
