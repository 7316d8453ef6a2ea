package pages

import (
	"cmp"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// hubsView is what the live pages show of remote hubs: the viewer's own
// (the floor form asks as one of them) and, for those who run the session,
// every hub registered.
type hubsView struct {
	SessionID int64
	Mine      []sessions.Hub
	// All is nil for anyone who does not run the session.
	All []sessions.Hub
}

// hubsOf reads the live pages' hubs. A nicety like presence: when they
// cannot be read the page is served without them.
func (p *Pages) hubsOf(c echo.Context, who igfplus.Identity, id int64) *hubsView {
	if p.deps.Streams == nil {
		return nil
	}
	ctx := c.Request().Context()
	hv := &hubsView{SessionID: id}
	var err error
	if hv.Mine, err = p.deps.Streams.MyHubs(ctx, who, id); err != nil {
		p.log.ErrorContext(ctx, "pages: room without its hubs", "session", id, "err", err)
		return nil
	}
	if p.deps.Sessions.MayModerate(ctx, who, id) == nil {
		if hv.All, err = p.deps.Streams.HubsOf(ctx, who, id); err != nil {
			p.log.ErrorContext(ctx, "pages: room without its hubs", "session", id, "err", err)
			return nil
		}
	}
	return hv
}

// hubData is the hub registration page: the form (with what was typed
// when it came back refused) and the viewer's hubs.
type hubData struct {
	Session   sessions.Session
	Form      sessions.Hub
	Mine      []sessions.Hub
	Countries []option
	formProblems
}

func hubsPath(id int64) string { return sessionPath(id) + "/hubs" }

// hubsForm: GET /sessions/:id/hubs — register a remote hub.
func (p *Pages) hubsForm(c echo.Context) error {
	return p.signedIn(c, "session", hubsPath, func(who igfplus.Identity, id int64) error {
		return p.renderHubs(c, who, id, http.StatusOK, &hubData{})
	})
}

func (p *Pages) renderHubs(c echo.Context, who igfplus.Identity, id int64, status int, d *hubData) error {
	ctx := c.Request().Context()
	var err error
	if d.Session, err = p.deps.Sessions.Session(ctx, id); err != nil {
		return err
	}
	if d.Mine, err = p.deps.Streams.MyHubs(ctx, who, id); err != nil {
		return err
	}
	v := p.view(c, hubsPath(id))
	d.Countries = countryOptions(v.Lang, d.Form.Country)
	v.Data = d
	return p.render(c, status, "hubs", v)
}

// registerHub: POST /sessions/:id/hubs — registers the hub, then back to
// the room's speaking queue, where the person may now ask as the hub.
func (p *Pages) registerHub(c echo.Context) error {
	return p.signedIn(c, "session", hubsPath, func(who igfplus.Identity, id int64) error {
		expected, _ := strconv.Atoi(c.FormValue("expected"))
		form := sessions.Hub{Name: c.FormValue("name"), City: c.FormValue("city"), Country: c.FormValue("country"), Expected: expected}
		d := &hubData{Form: form}
		checked, field, err := sessions.CheckHub(form)
		if err == nil {
			if _, err = p.deps.Streams.RegisterHub(c.Request().Context(), who, id, checked); err == nil {
				return seeOther(c, sessionPath(id)+"#floor")
			}
		}
		v := p.view(c, "")
		switch igfplus.ErrorCode(err) {
		case igfplus.EInvalid:
			// A field the check refused; the service's own checks are the same.
			msg, err := v.T("hubs.error." + string(cmp.Or(field, "name")))
			if err != nil {
				return err
			}
			d.Errors = []fieldError{{Field: "hub-" + string(cmp.Or(field, "name")), Message: msg}}
		case igfplus.EConflict:
			// A name taken, or a session over: said in the service's words.
			conflict := err
			if d.Problem, err = v.T("hubs.error.refused"); err != nil {
				return err
			}
			d.Detail = igfplus.ErrorMessage(conflict)
		default:
			return err
		}
		return p.renderHubs(c, who, id, http.StatusUnprocessableEntity, d)
	})
}
