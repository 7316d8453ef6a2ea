package sessions

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Restriction is what moderators impose on someone in a session.
type Restriction string

// The restrictions: muted people follow but do not write; removed and
// banned people cannot come back, in any tab or with any token.
const (
	Muted   Restriction = "muted"
	Removed Restriction = "removed"
	Banned  Restriction = "banned"
)

// Valid reports whether r is a known restriction.
func (r Restriction) Valid() bool { return r == Muted || r == Removed || r == Banned }

// Excludes reports whether r keeps its holder out of the room.
func (r Restriction) Excludes() bool { return r == Removed || r == Banned }

// ModerationStore keeps moderators' decisions; changes that the room must
// see commit with their events.
type ModerationStore interface {
	// Restriction returns the account's restriction in the session, or ""
	// when it has none.
	Restriction(ctx context.Context, sessionID, accountID int64) (Restriction, error)
	// Restrict records a restriction, logs it with its reason and
	// announces it; an excluding one closes the account's connections to
	// the room on every node.
	Restrict(ctx context.Context, sessionID, accountID, byID int64, r Restriction, reason string) error
	// Lift ends the account's restriction, logs it and announces it
	// (participant.lifted); ENotFound when there is none.
	Lift(ctx context.Context, sessionID, accountID, byID int64, reason string) error
	// Restricted lists the session's restrictions, newest first.
	Restricted(ctx context.Context, sessionID int64) ([]Restricted, error)
	// IsStaff reports whether the account runs the platform or the
	// session: the Secretariat, platform moderators, the session's
	// moderators and co-moderators.
	IsStaff(ctx context.Context, sessionID, accountID int64) (bool, error)
	// ModerationLog lists what moderators did in the session, newest first,
	// at most MaxLogEntries of it.
	ModerationLog(ctx context.Context, sessionID int64) ([]LogEntry, error)
	// RemoveChat hides a message from everyone, logs it and announces it.
	RemoveChat(ctx context.Context, sessionID, messageID, byID int64, reason string) error
	// ReportChat records a participant's report of a message.
	ReportChat(ctx context.Context, sessionID, messageID, reporterID int64, reason string) error
	// ChatReports lists the session's reports, newest first, at most
	// MaxChatReports of them.
	ChatReports(ctx context.Context, sessionID int64) ([]ChatReport, error)
	// LastChatAt returns when the account last posted in the session (zero
	// if never), and the session's slow-mode interval.
	LastChatAt(ctx context.Context, sessionID, accountID int64) (time.Time, time.Duration, error)
}

// Restrict mutes, removes or bans someone from a session, with an optional
// reason kept in the moderation log: moderators only, and never staff
// (the Secretariat, platform moderators, the session's own moderators),
// whom a session moderator could otherwise lock out with no way back.
func (s *Service) Restrict(ctx context.Context, who igfplus.Identity, sessionID, accountID int64, r Restriction, reason string) error {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return err
	}
	if !r.Valid() {
		return igfplus.Errorf(igfplus.EInvalid, "A restriction is muted, removed or banned.")
	}
	if accountID == who.AccountID {
		return igfplus.Errorf(igfplus.EInvalid, "You cannot restrict yourself.")
	}
	reason, err := checkReason(reason)
	if err != nil {
		return err
	}
	staff, err := s.moderation.IsStaff(ctx, sessionID, accountID)
	if err != nil {
		return err
	}
	if staff {
		return igfplus.Errorf(igfplus.EForbidden, "The Secretariat and the session's moderators cannot be muted, removed or banned.")
	}
	return s.moderation.Restrict(ctx, sessionID, accountID, who.AccountID, r, reason)
}

// Lift ends someone's restriction (unmute, readmit, unban): moderators
// only. A readmitted or unbanned person may open the room again.
func (s *Service) Lift(ctx context.Context, who igfplus.Identity, sessionID, accountID int64, reason string) error {
	reason, err := s.moderatorsReason(ctx, who, sessionID, reason)
	if err != nil {
		return err
	}
	return s.moderation.Lift(ctx, sessionID, accountID, who.AccountID, reason)
}

// RemoveChat removes a message for everyone, with an optional reason kept
// in the moderation log: moderators only.
func (s *Service) RemoveChat(ctx context.Context, who igfplus.Identity, sessionID, messageID int64, reason string) error {
	reason, err := s.moderatorsReason(ctx, who, sessionID, reason)
	if err != nil {
		return err
	}
	return s.moderation.RemoveChat(ctx, sessionID, messageID, who.AccountID, reason)
}

// ReportChat reports a message to the moderators, with a reason.
func (s *Service) ReportChat(ctx context.Context, who igfplus.Identity, sessionID, messageID int64, reason string) error {
	if err := s.CanFollow(ctx, who, sessionID); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return igfplus.Errorf(igfplus.EInvalid, "Say in up to 500 characters why you report this message.")
	}
	return s.moderation.ReportChat(ctx, sessionID, messageID, who.AccountID, reason)
}

// MaxChatReports bounds the reports one read returns: a page of them is
// what a moderator can act on during a session.
const MaxChatReports = 200

// ChatReport is a participant's report of a chat message as moderators
// review it: the message (Removed once a moderator took it down), who
// reported it and why.
type ChatReport struct {
	ID           int64     `json:"id"`
	MessageID    int64     `json:"message_id"`
	AuthorID     int64     `json:"author_id"`
	AuthorName   string    `json:"author_name"`
	Body         string    `json:"body"`
	Removed      bool      `json:"removed"`
	ReporterID   int64     `json:"reporter_id"`
	ReporterName string    `json:"reporter_name"`
	Reason       string    `json:"reason"`
	CreatedAt    time.Time `json:"created_at"`
}

// ChatReports lists the reports of the session's messages, newest first:
// moderators only (reporters are named to them, never to the room).
func (s *Service) ChatReports(ctx context.Context, who igfplus.Identity, sessionID int64) ([]ChatReport, error) {
	return moderatorsRead(ctx, s, who, sessionID, s.moderation.ChatReports)
}

// slowMode checks that who's last message in sess is far enough back. It
// reads that message only when sess, as just read, has slow mode on: most
// rooms never do, and the chat is a busy room's commonest write.
func (s *Service) slowMode(ctx context.Context, who igfplus.Identity, sess Session) error {
	if sess.Settings.SlowModeS == 0 {
		return nil
	}
	last, slow, err := s.moderation.LastChatAt(ctx, sess.ID, who.AccountID)
	if err != nil {
		return err
	}
	if wait := slow - time.Since(last); slow > 0 && wait > 0 {
		return igfplus.Errorf(igfplus.ERateLimited, "Slow mode is on: wait %d seconds before your next message.", int(wait.Seconds())+1)
	}
	return nil
}
