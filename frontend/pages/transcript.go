package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
)

type transcriptData struct {
	Session sessions.Session
	Lines   []sessions.Caption
}

// transcript: GET /sessions/:id/transcript — every caption line of the
// session, to read during it or afterwards (the room shows only the latest
// lines). Whoever may follow the session may read it, as over the API.
func (p *Pages) transcript(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	here := sessionPath(id) + "/transcript"
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, here)
	}
	ctx := c.Request().Context()
	sess, err := p.deps.Sessions.Session(ctx, id)
	if err != nil {
		return err
	}
	lines, err := p.deps.Sessions.Transcript(ctx, who, id)
	if err != nil {
		return err
	}
	v := p.view(c, here)
	v.Data = &transcriptData{Session: sess, Lines: lines}
	return p.render(c, http.StatusOK, "transcript", v)
}

func init() { pageNames = append(pageNames, "transcript") }
