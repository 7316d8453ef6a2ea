package pages

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"
)

// pageNames are the templates that render a whole page through "layout".
var pageNames = []string{"programme", "room", "moderate", "signin", "register", "error", "poll", "bulletin",
	"issues", "nris", "track", "coorganisers", "archive", "publication", "review", "bodies", "deliveries",
	"recommendations", "recommendation", "recommendation_form", "recommendation_print", "confirm",
	"search", "schedule", "wall", "selfservice", "mailbox", "profile", "programme_admin", "schedule_admin", "schedule_session", "care",
	"call", "proposal", "board", "sso_details", "unsubscribe", "streams", "hubs", "translate"}

// mustParse parses each page with the layout, the live room's panels
// (panels.html), which the room and the moderator's page share, and the
// polls' parts (polls_panel.html), which the live pages and the poll
// pages share. Pages call view methods for text ({{.T "key"}}), so no
// per-request template functions are needed.
func mustParse() map[string]*template.Template {
	base := template.Must(template.New("layout.html").ParseFS(templateFS, "templates/layout.html", "templates/panels.html", "templates/captions.html", "templates/moderation.html", "templates/polls_panel.html", "templates/lists.html", "templates/provenance.html", "templates/follow.html", "templates/details.html", "templates/tallies.html", "templates/stream.html", "templates/translated.html"))
	out := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html"))
	}
	return out
}

// render writes page with status. It renders into a buffer first, so that a
// template error becomes a clean error page instead of half a page.
func (p *Pages) render(c echo.Context, status int, page string, v *view) error {
	var buf bytes.Buffer
	if err := p.tmpl[page].ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("pages: render %s: %w", page, err)
	}
	h := c.Response().Header()
	// Pages show who is signed in and depend on the language: private,
	// revalidated each time.
	h.Set("Cache-Control", "private, no-cache")
	h.Add(echo.HeaderVary, "Accept-Language, Cookie")
	h.Set("Content-Language", v.Lang)
	return c.HTMLBlob(status, buf.Bytes())
}

// seeOther redirects after a form, so that reloading does not post again.
func seeOther(c echo.Context, to string) error {
	return c.Redirect(http.StatusSeeOther, to)
}
