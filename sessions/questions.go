package sessions

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// questionsClosed answers Q&A outside a live session.
const questionsClosed = "Questions are open only while the session is live."

// MaxQuestionRunes is the longest question accepted.
const MaxQuestionRunes = 1000

// Question is a question put to a session's speakers, as the room sees it:
// an anonymous question has no author name (moderators see it through
// QuestionsFor).
type Question struct {
	ID         int64     `json:"id"`
	SessionID  int64     `json:"session_id"`
	Body       string    `json:"body"`
	Anonymous  bool      `json:"anonymous"`
	AuthorID   int64     `json:"author_id,omitempty"`
	AuthorName string    `json:"author_name,omitempty"`
	Votes      int       `json:"votes"`
	Pinned     bool      `json:"pinned"`
	Answered   bool      `json:"answered"`
	MergedInto int64     `json:"merged_into,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	// Hidden: a moderator took it off the room (the room's event carries
	// the id only); HiddenReason is shown to moderators.
	Hidden       bool   `json:"hidden,omitempty"`
	HiddenReason string `json:"hidden_reason,omitempty"`
	// Held: it waits for a moderator to let it through (the session
	// reviews questions first); only moderators and its author see it.
	Held bool `json:"held,omitempty"`
}

// QuestionViewer is who reads a session's questions: moderators see them
// all with who asked; anyone else the room's, and their own held ones.
type QuestionViewer struct {
	Moderator bool
	AccountID int64
}

// QuestionChange is what a moderator does to a question.
type QuestionChange struct {
	Pinned     *bool
	Answered   *bool
	MergedInto int64 // non-zero: merge into that question of the same session
}

// QuestionStore keeps Q&A; each change commits with a question.changed
// event carrying the question as the room sees it.
type QuestionStore interface {
	Ask(ctx context.Context, q Question) (Question, error)
	// Upvote counts one vote of accountID; EConflict when already voted.
	Upvote(ctx context.Context, sessionID, questionID, accountID int64) (Question, error)
	// ChangeQuestion changes a question the room sees (not hidden or held).
	ChangeQuestion(ctx context.Context, sessionID, questionID int64, c QuestionChange) (Question, error)
	// HideQuestion takes a question off the room, keeping why, logs it and
	// announces its id as hidden.
	HideQuestion(ctx context.Context, sessionID, questionID, byID int64, reason string) (Question, error)
	// ReleaseQuestion lets a held or hidden question reach the room, logs
	// it and announces it.
	ReleaseQuestion(ctx context.Context, sessionID, questionID, byID int64) (Question, error)
	// Questions lists a session's questions as v may see them.
	Questions(ctx context.Context, sessionID int64, v QuestionViewer) ([]Question, error)
}

// Ask puts a question to a live session, anonymously to the room if asked.
// When the session reviews questions first it is held (Held) until a
// moderator lets it through.
func (s *Service) Ask(ctx context.Context, who igfplus.Identity, sessionID int64, body string, anonymous bool) (Question, error) {
	if who.Anonymous() {
		return Question{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to ask a question.")
	}
	body = strings.TrimSpace(body)
	if body == "" || !utf8.ValidString(body) || utf8.RuneCountInString(body) > MaxQuestionRunes {
		return Question{}, igfplus.Errorf(igfplus.EInvalid, "A question must have between 1 and %d characters.", MaxQuestionRunes)
	}
	if _, err := s.takePart(ctx, who, sessionID, questionsClosed, true); err != nil {
		return Question{}, err
	}
	return s.questions.Ask(ctx, Question{SessionID: sessionID, Body: body, Anonymous: anonymous, AuthorID: who.AccountID, AuthorName: who.Name})
}

// Upvote adds the caller's one vote to a question.
func (s *Service) Upvote(ctx context.Context, who igfplus.Identity, sessionID, questionID int64) (Question, error) {
	if who.Anonymous() {
		return Question{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to vote for a question.")
	}
	if _, err := s.takePart(ctx, who, sessionID, questionsClosed, false); err != nil {
		return Question{}, err
	}
	return s.questions.Upvote(ctx, sessionID, questionID, who.AccountID)
}

// ChangeQuestion pins, marks answered or merges a question: moderators only.
func (s *Service) ChangeQuestion(ctx context.Context, who igfplus.Identity, sessionID, questionID int64, c QuestionChange) (Question, error) {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return Question{}, err
	}
	if c.MergedInto == questionID {
		return Question{}, igfplus.Errorf(igfplus.EInvalid, "A question cannot be merged into itself.")
	}
	return s.questions.ChangeQuestion(ctx, sessionID, questionID, c)
}

// QuestionsFor lists a session's questions as who may see them: moderators
// see who asked the anonymous ones, the room does not.
func (s *Service) QuestionsFor(ctx context.Context, who igfplus.Identity, sessionID int64) ([]Question, error) {
	if err := s.CanFollow(ctx, who, sessionID); err != nil {
		return nil, err
	}
	v := QuestionViewer{Moderator: s.mayModerate(ctx, who, sessionID) == nil, AccountID: who.AccountID}
	return s.questions.Questions(ctx, sessionID, v)
}

// HideQuestion takes a question off the room, with an optional reason that
// moderators see: moderators only.
func (s *Service) HideQuestion(ctx context.Context, who igfplus.Identity, sessionID, questionID int64, reason string) (Question, error) {
	reason, err := s.moderatorsReason(ctx, who, sessionID, reason)
	if err != nil {
		return Question{}, err
	}
	return s.questions.HideQuestion(ctx, sessionID, questionID, who.AccountID, reason)
}

// ReleaseQuestion lets a question held for review (or hidden) reach the
// room: moderators only.
func (s *Service) ReleaseQuestion(ctx context.Context, who igfplus.Identity, sessionID, questionID int64) (Question, error) {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return Question{}, err
	}
	return s.questions.ReleaseQuestion(ctx, sessionID, questionID, who.AccountID)
}
