package pages

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/finding/ical"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// programmeCalendar: GET /calendar.ics — the current edition's whole
// public programme.
func (p *Pages) programmeCalendar(c echo.Context) error {
	ctx := c.Request().Context()
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	list, err := p.deps.Sessions.SessionsOfEdition(ctx, ed.ID)
	if err != nil {
		return err
	}
	return p.writeCalendar(c, p.view(c, "/calendar.ics"), ed.Title, list, "public, max-age=300")
}

// personalCalendar: GET /me/calendar.ics?token= — the sessions the token's
// owner follows; 404 for a token unknown or revoked. The token is the
// credential (calendar applications send no cookie), so the feed is never
// cached by anyone but its reader.
func (p *Pages) personalCalendar(c echo.Context) error {
	list, err := p.deps.Finding.FeedOf(c.Request().Context(), c.QueryParam("token"))
	if err != nil {
		return err
	}
	v := p.view(c, "/me/schedule")
	name, err := v.T("schedule.title")
	if err != nil {
		return err
	}
	return p.writeCalendar(c, v, name, list, "private, no-store")
}

// sessionCalendar: GET /sessions/:id/calendar.ics — one session, to add to
// a calendar.
func (p *Pages) sessionCalendar(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	s, err := p.deps.Sessions.Session(c.Request().Context(), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="session-`+strconv.FormatInt(id, 10)+`.ics"`)
	return p.writeCalendar(c, p.view(c, sessionPath(id)), "", []sessions.Session{s}, "public, max-age=300")
}

// writeCalendar writes the sessions as an iCalendar feed named name (for
// "", the one session's title), with the current edition's time zone and
// the texts in v's language where translated (?lang= names it: calendar
// applications send no cookie).
func (p *Pages) writeCalendar(c echo.Context, v *view, name string, list []sessions.Session, cache string) error {
	ctx := c.Request().Context()
	_, _, list = p.translateProgramme(ctx, v, nil, nil, list)
	if name == "" && len(list) == 1 {
		name = list[0].Title
	}
	tz := ""
	if ed, err := p.deps.Programme.CurrentEdition(ctx); err == nil {
		if loc, err := p.deps.Finding.Location(ctx, ed.ID); err == nil {
			tz = loc.String()
		}
	} else if igfplus.ErrorCode(err) != igfplus.ENotFound {
		return err
	}
	var buf bytes.Buffer
	err := ical.Write(&buf, ical.Feed{Name: name, TimeZone: tz, Origin: origin(c), Sessions: list, Now: time.Now()})
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", cache)
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", buf.Bytes())
}
