package pages

import (
	"context"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions/live/actions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// actForm is a posted form's values.
type actForm interface {
	FormValue(name string) string
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

// act: POST /sessions/:id/act — a room action posted as a form, for
// browsers without JavaScript or while the socket is down. The field
// "type" names the action as the WebSocket message would, and the other
// fields are the message's: the action's declaration (sessions/live/
// actions) decodes the form, and its service authorises it, exactly as
// over the socket. It comes back to the page the form was on (the field
// "back": "moderate" or the room), at the panel the action changes. A
// refused action shows the error page with the reason. A destructive one
// (actions.Destructive) is first asked to be confirmed, on a page of its
// own, unless the form says it was ("confirmed").
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
	spec, ok := actions.Lookup(c.FormValue("type"))
	if !ok {
		return igfplus.Errorf(igfplus.EInvalid, "Unknown action.")
	}
	form, err := c.FormParams()
	if err != nil {
		return igfplus.Errorf(igfplus.EInvalid, "The form could not be read.")
	}
	a, err := spec.DecodeForm(form)
	if err != nil {
		return err
	}
	if d, ok := a.(actions.Destructive); ok && d.Confirmation() != "" && c.FormValue("confirmed") != "true" {
		return p.confirm(c, back, spec, form, d.Confirmation())
	}
	if _, err := a.Do(c.Request().Context(), p.actServices(), who, id); err != nil {
		return err
	}
	return seeOther(c, back+"#"+spec.Panel)
}

// actServices are what posted actions call. Reactions are left out: they
// are fleeting, and go over the live connection only.
func (p *Pages) actServices() actions.Services {
	s := actions.Services{Sessions: p.deps.Sessions}
	if p.deps.Voting != nil {
		s.Polls = formPolls{p.deps.Voting}
	}
	return s
}

// formPolls gives posted poll actions the voting service.
type formPolls struct{ Voting }

// CastInRoom casts a ballot posted from a session's room page: the poll
// must be held in that session, as over the socket.
func (v formPolls) CastInRoom(ctx context.Context, who igfplus.Identity, room string, pollID int64, c voting.Choice) (voting.Receipt, error) {
	p, err := v.Poll(ctx, pollID)
	if err != nil {
		return voting.Receipt{}, err
	}
	if p.Room() != room {
		return voting.Receipt{}, igfplus.Errorf(igfplus.ENotFound, "That poll is not held in this session.")
	}
	return v.Cast(ctx, who, pollID, c)
}
