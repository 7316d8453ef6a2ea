package sessions

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ReportText is what the rapporteur writes, and when the session ended
// (the record the report's figures are computed from stops there).
type ReportText struct {
	EndedAt       time.Time
	KeyTakeaways  string
	CallsToAction string
	UpdatedAt     time.Time
}

// ReportChange is the rapporteur's edit: nil fields stay as they are;
// Publish completes the report and moves the session to reported.
type ReportChange struct {
	KeyTakeaways  *string
	CallsToAction *string
	Publish       bool
}

// MaxReportRunes is the longest key takeaways or calls to action accepted.
const MaxReportRunes = 10000

// AttendanceRecord is a session's attendance up to its end: each person
// once, and the stretches of presence that began (joins) and ended
// (leaves) before the end.
type AttendanceRecord struct {
	People []Attendee
	Joins  int
	Leaves int
}

// ReportAttendance is the report's attendance: balance statistics (groups
// under 5 as "<5") and the number of joins and leaves; never who.
type ReportAttendance struct {
	Balance
	Joins  int `json:"joins"`
	Leaves int `json:"leaves"`
}

// Report is a session's report: drawn from the record when the session
// ends, completed by the rapporteur, published when the session is
// reported.
type Report struct {
	SessionID     int64            `json:"session_id"`
	Title         string           `json:"title"`
	State         State            `json:"state"`
	StartsAt      time.Time        `json:"starts_at"`
	EndedAt       time.Time        `json:"ended_at"`
	Attendance    ReportAttendance `json:"attendance"`
	Speaking      SpeakingTime     `json:"speaking"`
	Questions     []Question       `json:"questions"`
	Polls         []PollOutcome    `json:"polls"`
	Reactions     map[string]int   `json:"reactions"`
	KeyTakeaways  string           `json:"key_takeaways"`
	CallsToAction string           `json:"calls_to_action"`
	UpdatedAt     time.Time        `json:"updated_at,omitzero"`
}

// ReportStore reads what a report is made of and keeps the rapporteur's
// text.
type ReportStore interface {
	SpeakingStore
	// ReportText returns the report's text; a session that ended without
	// one has empty text, ending when its state last changed.
	ReportText(ctx context.Context, sessionID int64) (ReportText, error)
	SaveReportText(ctx context.Context, sessionID int64, c ReportChange, byID int64) (ReportText, error)
	AttendanceUntil(ctx context.Context, sessionID int64, until time.Time) (AttendanceRecord, error)
}

// BuildReport puts a report together from the record.
func BuildReport(sess Session, text ReportText, att AttendanceRecord, turns []Turn, qs []Question, polls []PollOutcome, reactions map[string]int) Report {
	if qs == nil {
		qs = []Question{}
	}
	if polls == nil {
		polls = []PollOutcome{}
	}
	return Report{
		SessionID: sess.ID, Title: sess.Title, State: sess.State, StartsAt: sess.StartsAt, EndedAt: text.EndedAt,
		Attendance: ReportAttendance{Balance: SummariseAttendance(att.People), Joins: att.Joins, Leaves: att.Leaves},
		Speaking:   SummariseSpeaking(turns), Questions: qs, Polls: polls, Reactions: CompleteCounts(reactions),
		KeyTakeaways: text.KeyTakeaways, CallsToAction: text.CallsToAction, UpdatedAt: text.UpdatedAt,
	}
}

// ReportOf returns a session's report: once the session has ended, to its
// moderators and rapporteurs (a draft); once reported, to everyone.
func (s *Service) ReportOf(ctx context.Context, who igfplus.Identity, sessionID int64) (Report, error) {
	sess, err := s.store.Session(ctx, sessionID)
	if err != nil {
		return Report{}, err
	}
	switch sess.State {
	case Scheduled, Live:
		return Report{}, igfplus.Errorf(igfplus.EConflict, "The report is drawn up when the session ends.")
	case Ended:
		if err := s.mayWriteReport(ctx, who, sessionID); err != nil {
			return Report{}, igfplus.Errorf(igfplus.ErrorCode(err), "The report is published once the rapporteur completes it.")
		}
	}
	return s.buildReport(ctx, sess)
}

func (s *Service) buildReport(ctx context.Context, sess Session) (Report, error) {
	text, err := s.reports.ReportText(ctx, sess.ID)
	if err != nil {
		return Report{}, err
	}
	att, err := s.reports.AttendanceUntil(ctx, sess.ID, text.EndedAt)
	if err != nil {
		return Report{}, err
	}
	turns, err := s.reports.Turns(ctx, sess.ID)
	if err != nil {
		return Report{}, err
	}
	qs, err := s.questions.Questions(ctx, sess.ID, QuestionViewer{})
	if err != nil {
		return Report{}, err
	}
	polls, err := s.polls.PollsOfSession(ctx, sess.ID)
	if err != nil {
		return Report{}, err
	}
	reactions, err := s.reactions.ReactionTotals(ctx, sess.ID)
	if err != nil {
		return Report{}, err
	}
	return BuildReport(sess, text, att, turns, qs, polls, reactions), nil
}

// WriteReport saves the rapporteur's text of an ended session and, with
// Publish, completes the report: the session moves to reported. The
// session's rapporteurs and moderators only.
func (s *Service) WriteReport(ctx context.Context, who igfplus.Identity, sessionID int64, c ReportChange) (Report, error) {
	if err := s.mayWriteReport(ctx, who, sessionID); err != nil {
		return Report{}, err
	}
	for _, t := range []*string{c.KeyTakeaways, c.CallsToAction} {
		if t == nil {
			continue
		}
		*t = strings.TrimSpace(*t)
		if !utf8.ValidString(*t) || utf8.RuneCountInString(*t) > MaxReportRunes {
			return Report{}, igfplus.Errorf(igfplus.EInvalid, "Key takeaways and calls to action have at most %d characters each.", MaxReportRunes)
		}
	}
	sess, err := s.store.Session(ctx, sessionID)
	if err != nil {
		return Report{}, err
	}
	if sess.State != Ended {
		return Report{}, igfplus.Errorf(igfplus.EConflict, "The report can be written once the session has ended and until it is published.")
	}
	text, err := s.reports.SaveReportText(ctx, sessionID, c, who.AccountID)
	if err != nil {
		return Report{}, err
	}
	if c.Publish {
		if text.KeyTakeaways == "" {
			return Report{}, igfplus.Errorf(igfplus.EInvalid, "Write the key takeaways before publishing the report.")
		}
		if _, err := s.store.MoveTo(ctx, sessionID, Ended, Reported, who.AccountID); err != nil {
			return Report{}, err
		}
		sess.State = Reported
	}
	return s.buildReport(ctx, sess)
}

// mayWriteReport checks that who is one of the session's rapporteurs or
// moderators.
func (s *Service) mayWriteReport(ctx context.Context, who igfplus.Identity, sessionID int64) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to write the report.")
	}
	roles, err := s.store.SessionRoles(ctx, sessionID, who.AccountID)
	if err != nil {
		return err
	}
	if slices.Contains(roles, Rapporteur) {
		return nil
	}
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return igfplus.Errorf(igfplus.ErrorCode(err), "Only the session's rapporteurs and moderators can write its report.")
	}
	return nil
}
