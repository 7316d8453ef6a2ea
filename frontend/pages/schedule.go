package pages

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
)

type scheduleData struct {
	Sessions []sessions.Session
	// HasFeed: a personal feed exists; FeedURL is its address, shown only
	// in the answer to the form that made it.
	HasFeed bool
	FeedURL string
	// Said is what the last form did ("revoked").
	Said string
}

// schedule: GET /me/schedule — the sessions the participant follows, and
// the control of their personal calendar feed.
func (p *Pages) schedule(c echo.Context) error {
	return p.renderSchedule(c, http.StatusOK, "", c.QueryParam("feed"))
}

func (p *Pages) renderSchedule(c echo.Context, status int, token, said string) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/me/schedule")
	}
	ctx := c.Request().Context()
	v := p.view(c, "/me/schedule")
	data := &scheduleData{}
	if said == "revoked" {
		data.Said = said
	}
	v.Data = data
	var err error
	if data.Sessions, err = p.deps.Finding.Schedule(ctx, who); err != nil {
		return err
	}
	_, _, data.Sessions = p.translateProgramme(ctx, v, nil, nil, data.Sessions)
	if data.HasFeed, err = p.deps.Finding.HasCalendarToken(ctx, who); err != nil {
		return err
	}
	if token != "" {
		// The feed speaks the language of the page that made it: calendar
		// applications send no cookie and seldom the reader's language.
		data.FeedURL = origin(c) + "/me/calendar.ics?token=" + url.QueryEscape(token) + "&lang=" + v.Lang
	}
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	return p.render(c, status, "schedule", v)
}

// origin is the site's scheme and host as the request reached it.
func origin(c echo.Context) string {
	return c.Scheme() + "://" + c.Request().Host
}
