package actions

import (
	"context"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// specs are the room's actions: message type, the page panel it changes
// (a posted form comes back there), and the type that declares its fields.
// The order is docs/PROTOCOL.md's.
var specs = []Spec{
	declare[ChatSend]("chat.send", "chat"),
	declare[SessionMove]("session.move", "agenda"),
	declare[FloorRequest]("floor.request", "floor"),
	declare[FloorWithdraw]("floor.withdraw", "floor"),
	declare[FloorGrant]("floor.grant", "floor"),
	declare[FloorEnd]("floor.end", "floor"),
	declare[FloorDecline]("floor.decline", "floor"),
	declare[QuestionAsk]("question.ask", "questions"),
	declare[QuestionUpvote]("question.upvote", "questions"),
	declare[QuestionChange]("question.change", "questions"),
	declare[ChatRemove]("chat.remove", "chat"),
	declare[ChatReport]("chat.report", "chat"),
	declare[ParticipantRestrict]("participant.restrict", "chat"),
	declare[ParticipantLift]("participant.lift", "restrictions"),
	declare[QuestionHide]("question.hide", "questions"),
	declare[QuestionRelease]("question.release", "questions"),
	declare[CaptionAdd]("caption.add", "captions"),
	declare[CaptionChannelAdd]("caption.channel_add", "captions"),
	declare[CaptionChannelRemove]("caption.channel_remove", "captions"),
	declare[AgendaStart]("agenda.start", "agenda"),
	declare[AgendaNext]("agenda.next", "agenda"),
	declare[AgendaExtend]("agenda.extend", "agenda"),
	declare[AgendaMove]("agenda.move", "agenda"),
	declare[ReactionSend]("reaction.send", "reactions"),
	declare[AdmissionAdmit]("admission.admit", "waiting"),
	declare[PollVote]("poll.vote", "polls"),
	declare[PollOpen]("poll.open", "polls"),
	declare[PollClose]("poll.close", "polls"),
	declare[SessionSettings]("session.settings", "room-settings"),
}

// Fields are tagged `json:"name"` (the socket's and the form's name) and
// `act:"required"` when the message is invalid without them (a positive id,
// a non-empty text); the others may be left out.

// ChatSend posts a chat message, answering reply_to when set.
type ChatSend struct {
	Body    string `json:"body"`
	ReplyTo int64  `json:"reply_to"`
}

func (m ChatSend) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.PostReply(ctx, who, id, m.Body, m.ReplyTo))
}

// SessionMove moves the session to state (moderators).
type SessionMove struct {
	State sessions.State `json:"state" act:"required"`
}

func (m SessionMove) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.MoveTo(ctx, who, id, m.State))
}

// Confirmation: ending a session is asked first.
func (m SessionMove) Confirmation() string {
	if m.State == sessions.Ended {
		return "session.move.ended"
	}
	return ""
}

// FloorRequest asks for the floor, as oneself or (HubID) as a remote hub
// one registered for the session.
type FloorRequest struct {
	Mode         sessions.Mode `json:"mode"`
	PointOfOrder bool          `json:"point_of_order"`
	HubID        int64         `json:"hub_id"`
}

func (m FloorRequest) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	if m.HubID != 0 {
		return none(s.Sessions.RequestFloorForHub(ctx, who, id, m.HubID, m.PointOfOrder))
	}
	return none(s.Sessions.RequestFloor(ctx, who, id, m.Mode, m.PointOfOrder))
}

// FloorWithdraw takes back one's own queued request.
type FloorWithdraw struct{}

func (FloorWithdraw) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.WithdrawFloor(ctx, who, id))
}

// FloorGrant gives the floor to a request (moderators).
type FloorGrant struct {
	RequestID int64 `json:"request_id" act:"required"`
}

func (m FloorGrant) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.GrantFloor(ctx, who, id, m.RequestID))
}

// FloorEnd ends a turn, recording its speaking time (moderators).
type FloorEnd struct {
	RequestID int64 `json:"request_id" act:"required"`
}

func (m FloorEnd) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.EndFloor(ctx, who, id, m.RequestID))
}

// FloorDecline declines a request (moderators).
type FloorDecline struct {
	RequestID int64 `json:"request_id" act:"required"`
}

func (m FloorDecline) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.DeclineFloor(ctx, who, id, m.RequestID))
}

// QuestionAsk asks a question.
type QuestionAsk struct {
	Body      string `json:"body"`
	Anonymous bool   `json:"anonymous"`
}

func (m QuestionAsk) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	q, err := s.Sessions.Ask(ctx, who, id, m.Body, m.Anonymous)
	if err != nil || !q.Held {
		return nil, err
	}
	// Held for review: no event shows it, so its author's ack does.
	return q, nil
}

// QuestionUpvote supports a question, once per person.
type QuestionUpvote struct {
	QuestionID int64 `json:"question_id" act:"required"`
}

func (m QuestionUpvote) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.Upvote(ctx, who, id, m.QuestionID))
}

// QuestionChange pins, answers or merges a question (moderators); the
// fields left out stay as they are.
type QuestionChange struct {
	QuestionID int64 `json:"question_id" act:"required"`
	Pinned     *bool `json:"pinned"`
	Answered   *bool `json:"answered"`
	MergedInto int64 `json:"merged_into"`
}

func (m QuestionChange) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	c := sessions.QuestionChange{Pinned: m.Pinned, Answered: m.Answered, MergedInto: m.MergedInto}
	return none(s.Sessions.ChangeQuestion(ctx, who, id, m.QuestionID, c))
}

// ChatRemove removes a message for everyone (moderators); the reason, if
// given, goes to the moderation log.
type ChatRemove struct {
	MessageID int64  `json:"message_id" act:"required"`
	Reason    string `json:"reason"`
}

func (m ChatRemove) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return nil, s.Sessions.RemoveChat(ctx, who, id, m.MessageID, m.Reason)
}

// Confirmation: a removed message is gone for everyone.
func (ChatRemove) Confirmation() string { return "chat.remove" }

// ChatReport reports a message to the moderators.
type ChatReport struct {
	MessageID int64  `json:"message_id" act:"required"`
	Reason    string `json:"reason"`
}

func (m ChatReport) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return nil, s.Sessions.ReportChat(ctx, who, id, m.MessageID, m.Reason)
}

// ParticipantRestrict mutes, removes or bans someone (moderators); the
// reason, if given, goes to the moderation log.
type ParticipantRestrict struct {
	AccountID   int64                `json:"account_id" act:"required"`
	Restriction sessions.Restriction `json:"restriction" act:"required"`
	Reason      string               `json:"reason"`
}

func (m ParticipantRestrict) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return nil, s.Sessions.Restrict(ctx, who, id, m.AccountID, m.Restriction, m.Reason)
}

// Confirmation: removing or banning closes the person's connections.
func (m ParticipantRestrict) Confirmation() string {
	if m.Restriction.Excludes() {
		return "participant.restrict." + string(m.Restriction)
	}
	return ""
}

// ParticipantLift lifts someone's restriction: unmutes, readmits or unbans
// (moderators).
type ParticipantLift struct {
	AccountID int64  `json:"account_id" act:"required"`
	Reason    string `json:"reason"`
}

func (m ParticipantLift) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return nil, s.Sessions.Lift(ctx, who, id, m.AccountID, m.Reason)
}

// QuestionHide takes a question off the room, keeping the reason for the
// moderators (moderators).
type QuestionHide struct {
	QuestionID int64  `json:"question_id" act:"required"`
	Reason     string `json:"reason"`
}

func (m QuestionHide) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.HideQuestion(ctx, who, id, m.QuestionID, m.Reason))
}

// QuestionRelease lets a held or hidden question reach the room
// (moderators).
type QuestionRelease struct {
	QuestionID int64 `json:"question_id" act:"required"`
}

func (m QuestionRelease) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.ReleaseQuestion(ctx, who, id, m.QuestionID))
}

// CaptionAdd streams a caption line into a caption channel (captioners);
// without channel, into the captioner's own or the session's first.
type CaptionAdd struct {
	Text    string `json:"text"`
	Channel int64  `json:"channel"`
}

func (m CaptionAdd) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.AddCaption(ctx, who, id, m.Channel, m.Text))
}

// CaptionChannelAdd sets up the session's caption channel in language, and
// gives it captioner when set (moderators).
type CaptionChannelAdd struct {
	Language  string `json:"language" act:"required"`
	Captioner int64  `json:"captioner"`
}

func (m CaptionChannelAdd) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.SetUpCaptionChannel(ctx, who, id, m.Language, m.Captioner))
}

// CaptionChannelRemove removes a caption channel that has no line yet
// (moderators).
type CaptionChannelRemove struct {
	Channel int64 `json:"channel" act:"required"`
}

func (m CaptionChannelRemove) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return nil, s.Sessions.RemoveCaptionChannel(ctx, who, id, m.Channel)
}

// AgendaStart starts an agenda item (moderators).
type AgendaStart struct {
	ItemID int64 `json:"item_id" act:"required"`
}

func (m AgendaStart) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.StartItem(ctx, who, id, m.ItemID))
}

// AgendaNext starts the item after the one under way (moderators).
type AgendaNext struct{}

func (AgendaNext) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.NextItem(ctx, who, id))
}

// AgendaExtend gives the item under way more minutes (moderators).
type AgendaExtend struct {
	Minutes int `json:"minutes" act:"required"`
}

func (m AgendaExtend) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.ExtendItem(ctx, who, id, m.Minutes))
}

// AgendaMove moves an item not yet started to position, from 1
// (moderators).
type AgendaMove struct {
	ItemID   int64 `json:"item_id" act:"required"`
	Position int   `json:"position" act:"required"`
}

func (m AgendaMove) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.MoveItem(ctx, who, id, m.ItemID, m.Position))
}

// ReactionSend reacts (applause, agree, disagree): counted, never named.
type ReactionSend struct {
	Kind sessions.ReactionKind `json:"kind"`
}

func (m ReactionSend) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	if s.Reactions == nil {
		return nil, igfplus.Errorf(igfplus.EInvalid, "Reactions go over the room's live connection.")
	}
	return nil, s.Reactions.React(ctx, who, id, m.Kind)
}

// AdmissionAdmit lets someone in from the waiting room (moderators).
type AdmissionAdmit struct {
	AccountID int64 `json:"account_id" act:"required"`
}

func (m AdmissionAdmit) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return nil, s.Sessions.Admit(ctx, who, id, m.AccountID)
}

// PollVote casts a ballot in a poll held in this session: answer for a
// yes/no/abstain poll, options (numbered from 1) for a choice, ranking for
// a ranked poll. The ack carries the receipt.
type PollVote struct {
	PollID int64 `json:"poll_id" act:"required"`
	voting.Choice
}

func (m PollVote) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	if s.Polls == nil {
		return nil, noPoll()
	}
	return s.Polls.CastInRoom(ctx, who, sessions.RoomName(id), m.PollID, m.Choice)
}

// PollOpen opens a draft poll of this session (its moderators).
type PollOpen struct {
	PollID int64 `json:"poll_id" act:"required"`
}

func (m PollOpen) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return nil, runPoll(ctx, s, who, id, m.PollID, Polls.OpenPoll)
}

// PollClose closes an open poll of this session (its moderators).
type PollClose struct {
	PollID int64 `json:"poll_id" act:"required"`
}

func (m PollClose) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return nil, runPoll(ctx, s, who, id, m.PollID, Polls.ClosePoll)
}

// SessionSettings changes the room's rules (moderators); the fields left
// out stay as they are.
type SessionSettings struct {
	sessions.SettingsChange
}

func (m SessionSettings) Do(ctx context.Context, s Services, who igfplus.Identity, id int64) (any, error) {
	return none(s.Sessions.ChangeSettings(ctx, who, id, m.SettingsChange))
}

// none drops a service's result: the room learns it from the event the
// change publishes, not from the acknowledgement.
func none[T any](_ T, err error) (any, error) { return nil, err }

// runPoll opens or closes a poll held in session sessionID: a poll of
// another session is not found here, as a ballot for it would not be.
func runPoll(ctx context.Context, s Services, who igfplus.Identity, sessionID, pollID int64,
	do func(Polls, context.Context, igfplus.Identity, int64) (voting.Poll, error)) error {
	if s.Polls == nil {
		return noPoll()
	}
	p, err := s.Polls.Poll(ctx, pollID)
	if err != nil {
		return err
	}
	if p.SessionID != sessionID {
		return noPoll()
	}
	_, err = do(s.Polls, ctx, who, pollID)
	return err
}

func noPoll() error {
	return igfplus.Errorf(igfplus.ENotFound, "That poll is not held in this session.")
}
