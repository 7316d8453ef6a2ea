package sessions

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// MaxReasonRunes is the longest reason a moderator gives for an action.
const MaxReasonRunes = 500

// MaxLogEntries bounds one read of a session's moderation log: more than a
// session's moderators review at once.
const MaxLogEntries = 500

// The actions the moderation log records (LogEntry.Action).
const (
	LogRestrict      = "restrict"         // Detail: the restriction
	LogLift          = "lift"             // Detail: the restriction lifted
	LogChatRemove    = "chat_remove"      // TargetID: the message
	LogQuestionHide  = "question_hide"    // TargetID: the question
	LogQuestionShow  = "question_release" // TargetID: the question
	LogSessionEnd    = "session_end"
	LogSessionReopen = "session_reopen"
)

// LogEntry is one thing a moderator did in a session: who did what to
// whom, when and why (Reason may be empty).
type LogEntry struct {
	ID          int64     `json:"id"`
	At          time.Time `json:"at"`
	ActorID     int64     `json:"actor_id"`
	ActorName   string    `json:"actor_name"`
	Action      string    `json:"action"`
	AccountID   int64     `json:"account_id,omitempty"`
	AccountName string    `json:"account_name,omitempty"`
	TargetID    int64     `json:"target_id,omitempty"`
	Detail      string    `json:"detail,omitempty"`
	Reason      string    `json:"reason,omitempty"`
}

// Restricted is someone restricted in a session, as moderators list them
// to lift it.
type Restricted struct {
	AccountID   int64       `json:"account_id"`
	Name        string      `json:"name"`
	Restriction Restriction `json:"restriction"`
	ByName      string      `json:"by_name"`
	Since       time.Time   `json:"since"`
}

// ModerationLog lists what moderators did in a session, newest first: for
// its moderators and the Secretariat only.
func (s *Service) ModerationLog(ctx context.Context, who igfplus.Identity, sessionID int64) ([]LogEntry, error) {
	return moderatorsRead(ctx, s, who, sessionID, s.moderation.ModerationLog)
}

// Restricted lists who is muted, removed or banned in a session: for its
// moderators, who lift restrictions from it.
func (s *Service) Restricted(ctx context.Context, who igfplus.Identity, sessionID int64) ([]Restricted, error) {
	return moderatorsRead(ctx, s, who, sessionID, s.moderation.Restricted)
}

// checkReason trims a moderator's optional reason and bounds it.
func checkReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if !utf8.ValidString(reason) || utf8.RuneCountInString(reason) > MaxReasonRunes {
		return "", igfplus.Errorf(igfplus.EInvalid, "A reason has at most %d characters.", MaxReasonRunes)
	}
	return reason, nil
}

// moderatorsReason checks that who runs the session (mayModerate) and the
// reason they give for what they do in it (checkReason).
func (s *Service) moderatorsReason(ctx context.Context, who igfplus.Identity, sessionID int64, reason string) (string, error) {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return "", err
	}
	return checkReason(reason)
}
