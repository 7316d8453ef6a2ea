// Package live connects the sessions domain to the real-time hub: it decides
// who may join a session's room and carries out the messages participants
// send over their WebSocket. The messages are the room's actions, declared
// once in sessions/live/actions; each is authorised like an HTTP request by
// the service it calls.
package live

import (
	"context"
	"time"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/live/actions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Adapter is the hub's Policy and Dispatcher for session rooms.
type Adapter struct {
	svc       *sessions.Service
	reactions *Reactions
	services  actions.Services
}

var (
	_ hub.Policy          = (*Adapter)(nil)
	_ hub.Dispatcher      = (*Adapter)(nil)
	_ hub.ReplyDispatcher = (*Adapter)(nil)
)

// New returns an Adapter over svc. Reactions are recorded once a second per
// room at most, and each person may react once a second. Until SetPolls,
// poll messages find no poll.
func New(svc *sessions.Service) *Adapter {
	a := &Adapter{svc: svc, reactions: NewReactions(svc, nil, time.Second, time.Second)}
	a.services = actions.Services{Sessions: svc, Reactions: roomReactions{svc, a.reactions}}
	return a
}

// SetPolls lets the room's poll messages (poll.vote, poll.open,
// poll.close) reach polls, the voting service. Call it while wiring,
// before the hub serves.
func (a *Adapter) SetPolls(polls actions.Polls) { a.services.Polls = polls }

// CanJoin lets who into the room if they may follow its session.
func (a *Adapter) CanJoin(ctx context.Context, c hub.Credentials, room string) error {
	who := identity(c)
	if _, account, ok := sessions.WaitingRoomOf(room); ok {
		return canWait(who, account)
	}
	id, ok := sessions.SessionIDOfRoom(room)
	if !ok {
		return igfplus.Errorf(igfplus.ENotFound, "There is no such room.")
	}
	if who.Anonymous() {
		// A public session's wall watches its room without signing in;
		// read-only, since DispatchReply refuses the anonymous outright.
		if _, err := a.svc.CanWatch(ctx, id); err == nil {
			return nil
		}
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to join the session's room.")
	}
	return a.svc.CanFollow(ctx, who, id)
}

// canWait lets who into a waiting room only if it is their own: it carries
// nothing but their admission, and nobody else's is theirs to watch.
func canWait(who igfplus.Identity, account int64) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to wait for the session.")
	}
	if who.AccountID != account {
		return igfplus.Errorf(igfplus.EForbidden, "This is someone else's place in the waiting room.")
	}
	return nil
}

// Dispatch carries out one client message.
func (a *Adapter) Dispatch(ctx context.Context, who hub.Credentials, room string, msg hub.Inbound) error {
	_, err := a.DispatchReply(ctx, who, room, msg)
	return err
}

// DispatchReply carries out one client message: the declared action of its
// type, decoded from it. A ballot answers with its receipt.
func (a *Adapter) DispatchReply(ctx context.Context, c hub.Credentials, room string, msg hub.Inbound) (any, error) {
	who := identity(c)
	if who.Anonymous() {
		// Whoever watches without signing in (a public wall) only reads,
		// whatever the message: no action is even decoded for them.
		return nil, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to take part.")
	}
	id, ok := sessions.SessionIDOfRoom(room)
	if !ok {
		return nil, igfplus.Errorf(igfplus.ENotFound, "There is no such room.")
	}
	spec, ok := actions.Lookup(msg.Type)
	if !ok {
		return nil, igfplus.Errorf(igfplus.EInvalid, "Unknown message type %q.", truncate(msg.Type, 40))
	}
	act, err := spec.DecodeJSON(msg.Raw)
	if err != nil {
		return nil, err
	}
	return act.Do(ctx, a.services, who, id)
}

// truncate keeps an echoed client value short.
func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// identity is the person the platform's authenticator put in the socket's
// credentials (frontend/auth.Authenticator.Credentials); anything else is
// nobody, whom every action refuses.
func identity(c hub.Credentials) igfplus.Identity {
	who, _ := c.Principal.(igfplus.Identity)
	return who
}
