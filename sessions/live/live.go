// Package live connects the sessions domain to the real-time hub: it decides
// who may join a session's room and carries out the messages participants
// send over their WebSocket, each authorised like an HTTP request by the
// sessions.Service.
package live

import (
	"context"
	"encoding/json"
	"time"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Adapter is the hub's Policy and Dispatcher for session rooms.
type Adapter struct {
	svc       *sessions.Service
	reactions *Reactions
}

var (
	_ hub.Policy     = (*Adapter)(nil)
	_ hub.Dispatcher = (*Adapter)(nil)
)

// New returns an Adapter over svc. Reactions are recorded once a second per
// room at most, and each person may react once a second.
func New(svc *sessions.Service) *Adapter {
	return &Adapter{svc: svc, reactions: NewReactions(svc, nil, time.Second, time.Second)}
}

// CanJoin lets who into the room if they may follow its session.
func (a *Adapter) CanJoin(ctx context.Context, who igfplus.Identity, room string) error {
	id, ok := sessions.SessionIDOfRoom(room)
	if !ok {
		return igfplus.Errorf(igfplus.ENotFound, "There is no such room.")
	}
	return a.svc.CanFollow(ctx, who, id)
}

// chatSend is the client's "chat.send" message.
type chatSend struct {
	Body    string `json:"body"`
	ReplyTo int64  `json:"reply_to"`
}

// Dispatch carries out one client message.
func (a *Adapter) Dispatch(ctx context.Context, who igfplus.Identity, room string, msg hub.Inbound) error {
	id, ok := sessions.SessionIDOfRoom(room)
	if !ok {
		return igfplus.Errorf(igfplus.ENotFound, "There is no such room.")
	}
	switch msg.Type {
	case "chat.send":
		var m chatSend
		if err := json.Unmarshal(msg.Raw, &m); err != nil {
			return igfplus.Errorf(igfplus.EInvalid, "chat.send needs a text body.")
		}
		_, err := a.svc.PostReply(ctx, who, id, m.Body, m.ReplyTo)
		return err
	case "session.move":
		var m struct {
			State sessions.State `json:"state"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil || m.State == "" {
			return igfplus.Errorf(igfplus.EInvalid, "session.move needs a state.")
		}
		_, err := a.svc.MoveTo(ctx, who, id, m.State)
		return err
	case "agenda.start":
		var m struct {
			ItemID int64 `json:"item_id"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil || m.ItemID <= 0 {
			return igfplus.Errorf(igfplus.EInvalid, "agenda.start needs an item_id.")
		}
		_, err := a.svc.StartItem(ctx, who, id, m.ItemID)
		return err
	case "floor.request":
		var m struct {
			Mode         sessions.Mode `json:"mode"`
			PointOfOrder bool          `json:"point_of_order"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil {
			return igfplus.Errorf(igfplus.EInvalid, "floor.request needs a mode.")
		}
		_, err := a.svc.RequestFloor(ctx, who, id, m.Mode, m.PointOfOrder)
		return err
	case "floor.withdraw":
		_, err := a.svc.WithdrawFloor(ctx, who, id)
		return err
	case "floor.grant", "floor.end", "floor.decline":
		var m struct {
			RequestID int64 `json:"request_id"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil || m.RequestID <= 0 {
			return igfplus.Errorf(igfplus.EInvalid, "%s needs a request_id.", msg.Type)
		}
		_, err := a.floorAction(msg.Type)(ctx, who, id, m.RequestID)
		return err
	case "question.ask":
		var m struct {
			Body      string `json:"body"`
			Anonymous bool   `json:"anonymous"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil {
			return igfplus.Errorf(igfplus.EInvalid, "question.ask needs a body.")
		}
		_, err := a.svc.Ask(ctx, who, id, m.Body, m.Anonymous)
		return err
	case "question.upvote", "question.change":
		var m struct {
			QuestionID int64 `json:"question_id"`
			Pinned     *bool `json:"pinned"`
			Answered   *bool `json:"answered"`
			MergedInto int64 `json:"merged_into"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil || m.QuestionID <= 0 {
			return igfplus.Errorf(igfplus.EInvalid, "%s needs a question_id.", msg.Type)
		}
		var err error
		if msg.Type == "question.upvote" {
			_, err = a.svc.Upvote(ctx, who, id, m.QuestionID)
		} else {
			_, err = a.svc.ChangeQuestion(ctx, who, id, m.QuestionID, sessions.QuestionChange{Pinned: m.Pinned, Answered: m.Answered, MergedInto: m.MergedInto})
		}
		return err
	case "chat.remove", "chat.report":
		var m struct {
			MessageID int64  `json:"message_id"`
			Reason    string `json:"reason"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil || m.MessageID <= 0 {
			return igfplus.Errorf(igfplus.EInvalid, "%s needs a message_id.", msg.Type)
		}
		if msg.Type == "chat.remove" {
			return a.svc.RemoveChat(ctx, who, id, m.MessageID)
		}
		return a.svc.ReportChat(ctx, who, id, m.MessageID, m.Reason)
	case "participant.restrict":
		var m struct {
			AccountID   int64                `json:"account_id"`
			Restriction sessions.Restriction `json:"restriction"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil || m.AccountID <= 0 {
			return igfplus.Errorf(igfplus.EInvalid, "participant.restrict needs an account_id and a restriction.")
		}
		return a.svc.Restrict(ctx, who, id, m.AccountID, m.Restriction)
	case "caption.add":
		var m struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(msg.Raw, &m); err != nil {
			return igfplus.Errorf(igfplus.EInvalid, "caption.add needs a text.")
		}
		_, err := a.svc.AddCaption(ctx, who, id, m.Text)
		return err
	default:
		return a.dispatchRoom(ctx, who, id, msg)
	}
}

// floorAction is the moderator's action a floor message names.
func (a *Adapter) floorAction(typ string) func(context.Context, igfplus.Identity, int64, int64) (sessions.Floor, error) {
	switch typ {
	case "floor.grant":
		return a.svc.GrantFloor
	case "floor.end":
		return a.svc.EndFloor
	}
	return a.svc.DeclineFloor
}

// truncate keeps an echoed client value short.
func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
