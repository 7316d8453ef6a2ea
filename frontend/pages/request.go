package pages

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// localPath returns s if it is a path on this site that is safe to
// redirect to: it starts with one "/", and has no scheme, host, backslash
// (browsers read "/\evil" as "//evil") or control character.
func localPath(s string) (string, bool) {
	if len(s) == 0 || len(s) > 2048 || s[0] != '/' || strings.HasPrefix(s, "//") {
		return "", false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return "", false
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "", false
	}
	return s, true
}

// nextOf returns where to go after a form: the "next" field or query
// parameter when it is a local path, else the programme.
func nextOf(c echo.Context) string {
	if next, ok := localPath(c.FormValue("next")); ok {
		return next
	}
	return "/"
}

// signinFor sends a browser that must be signed in through the session
// resume (/api/auth/resume): a browser whose access cookie merely expired
// comes straight back to back, signed in again from its refresh cookie;
// any other goes on to the sign-in page, and back afterwards.
func signinFor(c echo.Context, back string) error {
	return seeOther(c, withNext("/api/auth/resume", back))
}

// sessionID reads the :id path parameter.
func sessionID(c echo.Context) (int64, error) { return pathInt(c, "session") }

// sessionPath is the room page of session id.
func sessionPath(id int64) string { return "/sessions/" + strconv.FormatInt(id, 10) }

// moderatePath is the moderator's page of session id.
func moderatePath(id int64) string { return sessionPath(id) + "/moderate" }

// statusOf is the HTTP status of a form refused for a domain error: the
// server's one mapping, so that a page and the API never disagree.
func statusOf(code igfplus.Code) int { return web.StatusOf(code) }

// secretariatPage is who asks for one of the Secretariat's pages (the
// programme's set-up, its scheduling): sent to sign in when anonymous (ok
// false with the redirect's error), forbidden unless of the secretariat.
func (p *Pages) secretariatPage(c echo.Context, back string) (igfplus.Identity, bool, error) {
	who := p.identity(c)
	if who.Anonymous() {
		return who, false, signinFor(c, back)
	}
	return who, true, who.Require(igfplus.RoleSecretariat, "Only the secretariat sets up and schedules the programme.")
}

// sessionHead is the argument of the template "session-head": the head
// of a page of a session's own (its report, its transcript), under a link
// back to the session's room.
type sessionHead struct {
	V                    *view
	ID                   int64
	Title, Back, Heading string
}

// SessionHead hands "session-head" the head of a page of session id,
// titled title, with the messages back and heading.
func (v *view) SessionHead(id int64, title, back, heading string) sessionHead {
	return sessionHead{V: v, ID: id, Title: title, Back: back, Heading: heading}
}
