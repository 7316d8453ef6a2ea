package pages

import (
	"context"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// actForm is a posted action form. Its fields are named as the WebSocket
// messages name them (docs/PROTOCOL.md), so that the client can send any
// action form over the socket as it stands.
type actForm interface {
	FormValue(name string) string
}

// action carries out one room action posted as a form.
type action func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error

// actions are the room's actions by message type. Each is authorised by the
// sessions service, exactly as over the WebSocket.
var actions = map[string]action{
	"floor.request": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		_, err := a.RequestFloor(ctx, who, id, sessions.Mode(f.FormValue("mode")), formBool(f, "point_of_order"))
		return err
	},
	"floor.withdraw": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, _ actForm) error {
		_, err := a.WithdrawFloor(ctx, who, id)
		return err
	},
	"floor.grant":   floorAction(Actions.GrantFloor),
	"floor.end":     floorAction(Actions.EndFloor),
	"floor.decline": floorAction(Actions.DeclineFloor),
	"question.ask": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		_, err := a.Ask(ctx, who, id, f.FormValue("body"), formBool(f, "anonymous"))
		return err
	},
	"question.upvote": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		_, err := a.Upvote(ctx, who, id, formID(f, "question_id"))
		return err
	},
	"question.change": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		c := sessions.QuestionChange{MergedInto: formID(f, "merged_into")}
		if v := f.FormValue("pinned"); v != "" {
			b := v == "true"
			c.Pinned = &b
		}
		if v := f.FormValue("answered"); v != "" {
			b := v == "true"
			c.Answered = &b
		}
		_, err := a.ChangeQuestion(ctx, who, id, formID(f, "question_id"), c)
		return err
	},
	"chat.remove": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		return a.RemoveChat(ctx, who, id, formID(f, "message_id"))
	},
	"participant.restrict": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		return a.Restrict(ctx, who, id, formID(f, "account_id"), sessions.Restriction(f.FormValue("restriction")))
	},
	"session.move": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		_, err := a.MoveTo(ctx, who, id, sessions.State(f.FormValue("state")))
		return err
	},
	"agenda.start": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		_, err := a.StartItem(ctx, who, id, formID(f, "item_id"))
		return err
	},
	"chat.report": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		return a.ReportChat(ctx, who, id, formID(f, "message_id"), f.FormValue("reason"))
	},
	"caption.add": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		_, err := a.AddCaption(ctx, who, id, f.FormValue("text"))
		return err
	},
	"admission.admit": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		return a.Admit(ctx, who, id, formID(f, "account_id"))
	},
	"session.settings": func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		c, err := settingsChange(f)
		if err != nil {
			return err
		}
		_, err = a.ChangeSettings(ctx, who, id, c)
		return err
	},
}

// floorAction adapts a moderator's floor action on request_id.
func floorAction(do func(Actions, context.Context, igfplus.Identity, int64, int64) (sessions.Floor, error)) action {
	return func(ctx context.Context, a Actions, who igfplus.Identity, id int64, f actForm) error {
		_, err := do(a, ctx, who, id, formID(f, "request_id"))
		return err
	}
}

// formID reads a positive id; anything else is 0, which the service
// refuses as not found.
func formID(f actForm, name string) int64 {
	n, err := strconv.ParseInt(f.FormValue(name), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// formBool reads a checkbox (value "true", absent when unticked).
func formBool(f actForm, name string) bool { return f.FormValue(name) == "true" }

// act: POST /sessions/:id/act — a room action posted as a form: the field
// "type" names it as the WebSocket message would, the other fields are the
// message's. It comes back to the page the form was on (the field "back":
// "moderate" or the room), at the panel it changed. A refused action shows
// the error page with the reason.
func (p *Pages) act(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	back := sessionPath(id)
	if c.FormValue("back") == "moderate" {
		back = moderatePath(id)
	}
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, back)
	}
	typ := c.FormValue("type")
	do, ok := actions[typ]
	if !ok {
		return igfplus.Errorf(igfplus.EInvalid, "Unknown action.")
	}
	if err := do(c.Request().Context(), p.deps.Sessions, who, id, c); err != nil {
		return err
	}
	return seeOther(c, back+"#"+panelOf(typ))
}

// panelOf is the page panel an action changes, to come back to.
func panelOf(typ string) string {
	kind, _, _ := strings.Cut(typ, ".")
	switch kind {
	case "floor":
		return "floor"
	case "question":
		return "questions"
	case "chat", "participant":
		return "chat"
	case "caption":
		return "captions"
	case "admission":
		return "waiting"
	}
	if typ == "session.settings" {
		return "room-settings"
	}
	return "agenda"
}
