package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// waitingData is the waiting page: where the person stands outside a
// session that holds newcomers or requires registration.
type waitingData struct {
	Session   sessions.Session
	Admission sessions.Admission
	// State is the admission state in words; Open is whether one can still
	// knock or register (the session is not over).
	State string
	Open  bool
	// Strings are the client's texts of this page (client.waiting.*).
	Strings map[string]string
}

// waitingPage renders the page of someone held outside session id, or
// returns refused when they are not merely held (removed, banned: the 403
// page with its reason).
func (p *Pages) waitingPage(c echo.Context, id int64, here string, refused error) error {
	ctx := c.Request().Context()
	who := p.identity(c)
	a, err := p.deps.Sessions.AdmissionOf(ctx, who, id)
	if err != nil {
		return err
	}
	switch a.State {
	case sessions.Waiting, sessions.NotAsked, sessions.NotRegistered:
	default:
		return refused
	}
	sess, err := p.deps.Sessions.Session(ctx, id)
	if err != nil {
		return err
	}
	v := p.view(c, here)
	d := &waitingData{Session: sess, Admission: a, Open: sess.State == sessions.Scheduled || sess.State == sessions.Live}
	if a.State == sessions.Waiting {
		d.State, err = v.Fill("client.waiting.number", "n", a.Position)
	} else {
		d.State, err = v.T("waiting.state." + string(a.State))
	}
	if err != nil {
		return err
	}
	if d.Strings, err = v.loc.Strings("client.waiting."); err != nil {
		return err
	}
	v.Data = d
	return p.render(c, http.StatusOK, "waiting", v)
}

// knock: POST /sessions/:id/admission — "ask to enter": into the waiting
// room (or straight in), then back to the room's page, which shows either.
func (p *Pages) knock(c echo.Context) error {
	return p.signedIn(c, "session", sessionPath, func(who igfplus.Identity, id int64) error {
		if _, err := p.deps.Sessions.Knock(c.Request().Context(), who, id); err != nil {
			return err
		}
		return seeOther(c, sessionPath(id))
	})
}

// registration: POST /sessions/:id/registration — registers for the
// session ("registered" = "false" takes it back), then back to the room.
func (p *Pages) registration(c echo.Context) error {
	return p.signedIn(c, "session", sessionPath, func(who igfplus.Identity, id int64) error {
		if _, err := p.deps.Sessions.Register(c.Request().Context(), who, id, c.FormValue("registered") != "false"); err != nil {
			return err
		}
		return seeOther(c, sessionPath(id))
	})
}

// held reports whether err keeps someone out who might be let in (a
// newcomer, someone unregistered), rather than a page they cannot see.
func held(err error) bool { return igfplus.ErrorCode(err) == igfplus.EForbidden }

// The waiting page and the session report are whole pages too; they are
// added here, beside their handlers, rather than in render.go's list.
func init() { pageNames = append(pageNames, "waiting", "report") }
