// Package actions declares the room's actions once: every message a
// participant sends over a session room's WebSocket (docs/PROTOCOL.md,
// "Client to server") is a Go type here, whose struct tags name its fields
// and whose Do method calls the service that authorises and carries it out.
// The socket's dispatcher (sessions/live), the no-JavaScript form handler
// (frontend/pages, POST /sessions/{id}/act) and the TypeScript client's
// types (frontend/assets/src/actions_gen.ts, generated from Specs) all come
// from these declarations, so that they cannot drift apart.
//
// It imports no infrastructure: the hub and the pages import it.
package actions

import (
	"context"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// Action is one decoded room action.
type Action interface {
	// Do carries the action out for who in session sessionID through the
	// service that authorises it, as an HTTP request would be. reply is
	// what the acknowledgement carries (a ballot's receipt); nil for most.
	Do(ctx context.Context, s Services, who igfplus.Identity, sessionID int64) (reply any, err error)
}

// Destructive is an action the pages ask to confirm before carrying it out
// (a ban, a removal, the session's end): Confirmation names the question
// asked (a key under "confirm." in the pages' catalogue), or is empty when
// this use of the action needs none. The socket does not ask: its clients
// confirm before sending.
type Destructive interface {
	Confirmation() string
}

// Services are what actions call. Each method authorises who itself.
type Services struct {
	Sessions Sessions
	// Polls runs and takes the session's polls; nil where voting is not
	// wired, and poll actions then find no poll.
	Polls Polls
	// Reactions takes reactions; nil on the form path: reactions are
	// fleeting and go over the live connection only.
	Reactions Reactions
}

// Sessions is what actions use of sessions.Service.
type Sessions interface {
	RequestFloorForHub(ctx context.Context, who igfplus.Identity, sessionID, hubID int64, pointOfOrder bool) (sessions.Floor, error)
	PostReply(ctx context.Context, who igfplus.Identity, sessionID int64, body string, replyTo int64) (sessions.ChatMessage, error)
	MoveTo(ctx context.Context, who igfplus.Identity, id int64, to sessions.State) (sessions.Progress, error)
	StartItem(ctx context.Context, who igfplus.Identity, id, itemID int64) (sessions.Progress, error)
	RequestFloor(ctx context.Context, who igfplus.Identity, sessionID int64, mode sessions.Mode, pointOfOrder bool) (sessions.Floor, error)
	WithdrawFloor(ctx context.Context, who igfplus.Identity, sessionID int64) (sessions.Floor, error)
	GrantFloor(ctx context.Context, who igfplus.Identity, sessionID, requestID int64) (sessions.Floor, error)
	EndFloor(ctx context.Context, who igfplus.Identity, sessionID, requestID int64) (sessions.Floor, error)
	DeclineFloor(ctx context.Context, who igfplus.Identity, sessionID, requestID int64) (sessions.Floor, error)
	Ask(ctx context.Context, who igfplus.Identity, sessionID int64, body string, anonymous bool) (sessions.Question, error)
	Upvote(ctx context.Context, who igfplus.Identity, sessionID, questionID int64) (sessions.Question, error)
	ChangeQuestion(ctx context.Context, who igfplus.Identity, sessionID, questionID int64, c sessions.QuestionChange) (sessions.Question, error)
	RemoveChat(ctx context.Context, who igfplus.Identity, sessionID, messageID int64, reason string) error
	ReportChat(ctx context.Context, who igfplus.Identity, sessionID, messageID int64, reason string) error
	Restrict(ctx context.Context, who igfplus.Identity, sessionID, accountID int64, r sessions.Restriction, reason string) error
	Lift(ctx context.Context, who igfplus.Identity, sessionID, accountID int64, reason string) error
	HideQuestion(ctx context.Context, who igfplus.Identity, sessionID, questionID int64, reason string) (sessions.Question, error)
	ReleaseQuestion(ctx context.Context, who igfplus.Identity, sessionID, questionID int64) (sessions.Question, error)
	NextItem(ctx context.Context, who igfplus.Identity, id int64) (sessions.Progress, error)
	ExtendItem(ctx context.Context, who igfplus.Identity, id int64, minutes int) (sessions.Progress, error)
	MoveItem(ctx context.Context, who igfplus.Identity, id, itemID int64, position int) ([]sessions.AgendaItem, error)
	AddCaption(ctx context.Context, who igfplus.Identity, sessionID, channelID int64, text string) (sessions.Caption, error)
	SetUpCaptionChannel(ctx context.Context, who igfplus.Identity, sessionID int64, language string, captioner int64) (sessions.CaptionChannel, error)
	RemoveCaptionChannel(ctx context.Context, who igfplus.Identity, sessionID, channelID int64) error
	Admit(ctx context.Context, who igfplus.Identity, sessionID, accountID int64) error
	ChangeSettings(ctx context.Context, who igfplus.Identity, sessionID int64, c sessions.SettingsChange) (sessions.Settings, error)
}

// Polls is what actions use of voting.Service.
type Polls interface {
	Poll(ctx context.Context, id int64) (voting.Poll, error)
	OpenPoll(ctx context.Context, who igfplus.Identity, id int64) (voting.Poll, error)
	ClosePoll(ctx context.Context, who igfplus.Identity, id int64) (voting.Poll, error)
	// CastInRoom casts a ballot in a poll held in room's session.
	CastInRoom(ctx context.Context, who igfplus.Identity, room string, pollID int64, c voting.Choice) (voting.Receipt, error)
}

// Reactions checks and gathers a reaction (sessions/live.Reactions).
type Reactions interface {
	React(ctx context.Context, who igfplus.Identity, sessionID int64, kind sessions.ReactionKind) error
}

var (
	_ Sessions = (*sessions.Service)(nil)
	_ Polls    = (*voting.Service)(nil)
)
