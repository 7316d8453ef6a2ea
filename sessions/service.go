package sessions

import (
	"context"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Store keeps sessions. Methods that change a session's room commit the
// change and its room event together, and announce the event only after
// commit.
type Store interface {
	Session(ctx context.Context, id int64) (Session, error)
	SessionsOfEdition(ctx context.Context, editionID int64) ([]Session, error)
	Agenda(ctx context.Context, sessionID int64) ([]AgendaItem, error)
	// PostChat stores msg (ID and CreatedAt are set by the store) and
	// announces it to the session's room. A msg.ReplyTo must name a message
	// of the same session that is not removed (else ENotFound); the store
	// fills msg.Reply from it.
	PostChat(ctx context.Context, msg ChatMessage) (ChatMessage, error)
	// RecentChat returns up to limit of the newest messages, oldest first,
	// and the room position they are consistent with: a client that
	// resumes from it misses nothing and sees nothing twice.
	RecentChat(ctx context.Context, sessionID int64, limit int) ([]ChatMessage, RoomPosition, error)
	// Present lists the people connected to a room on any live node.
	Present(ctx context.Context, room string) ([]Present, error)
	// SessionRoles lists the roles an account holds in a session.
	SessionRoles(ctx context.Context, sessionID, accountID int64) ([]SessionRole, error)
	// MoveTo changes the session's state from from to to, unless another
	// change came first (EConflict), and announces it. Moving to ended
	// also records when the session ended (for its report) and closes the
	// speaking queue: the turn under way ends, waiting requests are
	// declined.
	// byID, who moved it, is logged when the session ends.
	MoveTo(ctx context.Context, id int64, from, to State, byID int64) (Progress, error)
	// StartItem makes item the one under way, from now, and announces it.
	StartItem(ctx context.Context, id int64, item AgendaItem) (Progress, error)
}

// RoomPosition is a position in a session room's event log.
type RoomPosition struct {
	Epoch  int64 `json:"epoch"`
	Offset int64 `json:"offset"`
}

// Service carries out what people do in sessions, after checking they may.
type Service struct {
	store      Store
	floors     FloorStore
	questions  QuestionStore
	moderation ModerationStore
	attendance AttendanceStore
	captions   CaptionStore
	settings   SettingsStore
	admissions AdmissionStore
	reactions  ReactionStore
	reports    ReportStore
	polls      PollSource
	agenda     AgendaStore
	streams    StreamStore
	hubs       HubStore
	// pace is each person's budget of actions in a room (pace.go).
	pace *pace
}

// Stores are the stores a Service works with; one Postgres store
// implements them all.
type Stores interface {
	Store
	FloorStore
	QuestionStore
	ModerationStore
	AttendanceStore
	CaptionStore
	SettingsStore
	AdmissionStore
	ReactionStore
	ReportStore
	AgendaStore
	StreamStore
	HubStore
}

// NewService returns a Service over its stores. Its session reports list no
// polls until SetPolls gives it their source (package tracks/voting, wired
// by cmd/igfplus).
func NewService(stores Stores) *Service {
	return &Service{store: stores, floors: stores, questions: stores, moderation: stores, attendance: stores, captions: stores,
		settings: stores, admissions: stores, reactions: stores, reports: stores, polls: NoPolls{},
		agenda: stores, streams: stores, hubs: stores, pace: newPace(DefaultPace)}
}

// SetPace sets how many actions one person may take a second in one
// session (in bursts of twice that); 0 takes away the budget (the load
// benchmarks, whose publisher is one account). Call it while wiring.
func (s *Service) SetPace(perSecond int) { s.pace = newPace(perSecond) }

// Session returns a session.
func (s *Service) Session(ctx context.Context, id int64) (Session, error) {
	return s.store.Session(ctx, id)
}

// SessionsOfEdition lists an edition's sessions by start time.
func (s *Service) SessionsOfEdition(ctx context.Context, editionID int64) ([]Session, error) {
	return s.store.SessionsOfEdition(ctx, editionID)
}

// Agenda returns a session's agenda in order.
func (s *Service) Agenda(ctx context.Context, sessionID int64) ([]AgendaItem, error) {
	return s.store.Agenda(ctx, sessionID)
}

// CanFollow checks that who may follow session id live: anyone signed in,
// while the session exists, unless a moderator removed or banned them, the
// session requires a registration they lack, or they are a newcomer held in
// its waiting room.
func (s *Service) CanFollow(ctx context.Context, who igfplus.Identity, id int64) error {
	_, _, err := s.follower(ctx, who, id)
	return err
}

// follower checks that who may follow session id, and returns the session
// and who's standing in it, each read once.
func (s *Service) follower(ctx context.Context, who igfplus.Identity, id int64) (Session, Standing, error) {
	sess, st, err := s.standing(ctx, who, id)
	if err != nil {
		return Session{}, Standing{}, err
	}
	if err := refusal(admission(who, sess, st)); err != nil {
		return Session{}, Standing{}, err
	}
	return sess, st, nil
}

// takePart checks that who may act in live session id: a follower who is
// not only an observer, admitted by the participation rule of the
// session's track, the session live (else closed, as a conflict), and, for
// actions that write into the room, not muted. It spends one action from
// the person's budget first (pace.go), before anything is read: every way
// in (sockets, REST, forms) shares it. It returns the session as read.
func (s *Service) takePart(ctx context.Context, who igfplus.Identity, id int64, closed igfplus.Text, writes bool) (Session, error) {
	if err := s.pace.spend(who, id); err != nil {
		return Session{}, err
	}
	sess, st, err := s.follower(ctx, who, id)
	if err != nil {
		return Session{}, err
	}
	if st.observer() {
		return Session{}, igfplus.Errorf(igfplus.EForbidden, "Observers follow the session without taking part.")
	}
	if sess.State != Live {
		return Session{}, igfplus.Errorf(igfplus.EConflict, "%s", closed)
	}
	if err := trackRule(who, st); err != nil {
		return Session{}, err
	}
	if writes {
		if err := unmuted(st); err != nil {
			return Session{}, err
		}
	}
	return sess, nil
}

// unmuted refuses writing into the room to a person a moderator muted.
func unmuted(st Standing) error {
	if st.Restriction == Muted {
		return igfplus.Errorf(igfplus.EForbidden, "A moderator has muted you in this session.")
	}
	return nil
}

// PostChat posts a message to a live session's chat.
func (s *Service) PostChat(ctx context.Context, who igfplus.Identity, sessionID int64, body string) (ChatMessage, error) {
	return s.PostReply(ctx, who, sessionID, body, 0)
}

// PostReply posts a message that answers message replyTo of the same
// session (0: a message that answers none). Answering a removed or
// unknown message is ENotFound.
func (s *Service) PostReply(ctx context.Context, who igfplus.Identity, sessionID int64, body string, replyTo int64) (ChatMessage, error) {
	if replyTo < 0 {
		return ChatMessage{}, igfplus.Errorf(igfplus.EInvalid, "reply_to is a message id.")
	}
	if who.Anonymous() {
		return ChatMessage{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to take part in the chat.")
	}
	body, err := CleanChatBody(body)
	if err != nil {
		return ChatMessage{}, err
	}
	sess, err := s.takePart(ctx, who, sessionID, "The chat is open only while the session is live.", true)
	if err != nil {
		return ChatMessage{}, err
	}
	if err := s.slowMode(ctx, who, sess); err != nil {
		return ChatMessage{}, err
	}
	return s.store.PostChat(ctx, ChatMessage{
		SessionID:   sessionID,
		AuthorID:    who.AccountID,
		AuthorName:  who.Name,
		AuthorGroup: who.StakeholderGroup,
		Body:        body,
		ReplyTo:     replyTo,
	})
}

// RecentChat returns the newest chat messages and the room position a live
// connection should resume from.
func (s *Service) RecentChat(ctx context.Context, who igfplus.Identity, sessionID int64, limit int) ([]ChatMessage, RoomPosition, error) {
	if err := s.CanFollow(ctx, who, sessionID); err != nil {
		return nil, RoomPosition{}, err
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	return s.store.RecentChat(ctx, sessionID, limit)
}

// Presence returns who is in a session's room, as the room shows it.
func (s *Service) Presence(ctx context.Context, who igfplus.Identity, sessionID int64) (Presence, error) {
	if err := s.CanFollow(ctx, who, sessionID); err != nil {
		return Presence{}, err
	}
	people, err := s.store.Present(ctx, RoomName(sessionID))
	if err != nil {
		return Presence{}, err
	}
	return SummarisePresence(people), nil
}
