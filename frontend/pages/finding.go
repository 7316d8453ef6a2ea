package pages

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Finding is what the pages use of finding.Service: the programme's
// filters, search, following and the calendars.
type Finding interface {
	Search(ctx context.Context, q, lang string) ([]finding.Result, error)
	Facts(ctx context.Context, editionID int64) (finding.Facts, error)
	Languages(ctx context.Context, editionID int64) ([]string, error)
	Location(ctx context.Context, editionID int64) (*time.Location, error)
	Follow(ctx context.Context, who igfplus.Identity, sessionID int64, on bool) error
	Following(ctx context.Context, who igfplus.Identity, sessionID int64) (bool, error)
	Schedule(ctx context.Context, who igfplus.Identity) ([]sessions.Session, error)
	NewCalendarToken(ctx context.Context, who igfplus.Identity) (string, error)
	RevokeCalendarToken(ctx context.Context, who igfplus.Identity) error
	HasCalendarToken(ctx context.Context, who igfplus.Identity) (bool, error)
	FeedOf(ctx context.Context, token string) ([]sessions.Session, error)
}

// Walls reads a public session's wall (sessions.Service.WallOf).
type Walls interface {
	WallOf(ctx context.Context, id, channel int64) (sessions.Wall, error)
}

var _ Finding = (*finding.Service)(nil)

// findingRoutes mounts search, the personal schedule, following and the
// calendars.
func (p *Pages) findingRoutes(g *echo.Group) {
	g.GET("/search", p.search)
	g.GET("/me/schedule", p.schedule)
	g.POST("/me/calendar-token", p.calendarToken)
	g.POST("/sessions/:id/follow", p.follow)
	g.GET("/calendar.ics", p.programmeCalendar)
	g.GET("/me/calendar.ics", p.personalCalendar)
	g.GET("/sessions/:id/calendar.ics", p.sessionCalendar)
}

// followView is the session page's follow form.
type followView struct {
	SessionID int64
	Following bool
}

// followOf reads whether the visitor follows the session, for the room's
// form; like the co-organisers it is a nicety the room goes without when
// it cannot be read (nil, also without the Finding dependency).
func (p *Pages) followOf(c echo.Context, id int64) *followView {
	if p.deps.Finding == nil {
		return nil
	}
	ctx := c.Request().Context()
	on, err := p.deps.Finding.Following(ctx, p.identity(c), id)
	if err != nil {
		p.log.ErrorContext(ctx, "pages: room without its follow form", "session", id, "err", err)
		return nil
	}
	return &followView{SessionID: id, Following: on}
}

// follow: POST /sessions/:id/follow — follow=1 follows the session,
// follow=0 stops; back to the page the form was on (the session's by
// default).
func (p *Pages) follow(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	back := sessionPath(id)
	if next, ok := localPath(c.FormValue("next")); ok {
		back = next
	}
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, back)
	}
	if err := p.deps.Finding.Follow(c.Request().Context(), who, id, c.FormValue("follow") == "1"); err != nil {
		return err
	}
	return seeOther(c, back)
}

// calendarToken: POST /me/calendar-token — action=create makes a new feed
// address (revoking the one before), shown once on the schedule page;
// action=revoke ends it.
func (p *Pages) calendarToken(c echo.Context) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/me/schedule")
	}
	ctx := c.Request().Context()
	if c.FormValue("action") == "revoke" {
		if err := p.deps.Finding.RevokeCalendarToken(ctx, who); err != nil {
			return err
		}
		return seeOther(c, "/me/schedule?feed=revoked")
	}
	token, err := p.deps.Finding.NewCalendarToken(ctx, who)
	if err != nil {
		return err
	}
	// The address is shown once, in the answer to the form: never in a
	// redirect's URL, which browsers keep in their history.
	return p.renderSchedule(c, http.StatusOK, token, "")
}
