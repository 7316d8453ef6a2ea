package pages

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Streams is what the pages use of sessions.Service for a session's
// meeting and stream links and its remote hubs (#20 point 4).
type Streams interface {
	StreamsOf(ctx context.Context, who igfplus.Identity, id int64) ([]sessions.Stream, error)
	SetStreams(ctx context.Context, who igfplus.Identity, id int64, list []sessions.Stream) ([]sessions.Stream, error)
	RegisterHub(ctx context.Context, who igfplus.Identity, id int64, h sessions.Hub) (sessions.Hub, error)
	HubsOf(ctx context.Context, who igfplus.Identity, id int64) ([]sessions.Hub, error)
	MyHubs(ctx context.Context, who igfplus.Identity, id int64) ([]sessions.Hub, error)
}

var _ Streams = (*sessions.Service)(nil)

// streamView is the room's stream block: the links the viewer may see,
// each with how it plays, and the one playing when the page was asked for
// it without JavaScript (?play=). Nothing in it makes the browser fetch
// from a stream's host until the person asks: the players' addresses wait
// in data attributes and forms.
type streamView struct {
	SessionID int64
	Links     []streamLink
	Playing   *streamLink
	// Manage links those who run the session to the links' form.
	Manage bool
}

// streamLink is one link as the room shows it.
type streamLink struct {
	sessions.Stream
	// Key names it in ?play=: "public", "speakers" or "interpretation-fr".
	Key   string
	Label string
	// LangName is an interpretation's language, named in itself.
	LangName string
	Player   sessions.Player
}

// textOnlyCookie remembers the room's text-only mode.
const textOnlyCookie = "igf_text_only"

// textOnly reads the room's text-only mode: ?text=1 turns it on and ?text=0
// off, each remembered for a year in a cookie, so that the choice works the
// same with JavaScript on and off and follows the person from room to room.
func textOnly(c echo.Context) bool {
	set := func(value string, age int) {
		c.SetCookie(&http.Cookie{Name: textOnlyCookie, Value: value, Path: "/sessions", MaxAge: age, HttpOnly: true,
			Secure: c.Scheme() == "https", SameSite: http.SameSiteLaxMode})
	}
	switch c.QueryParam("text") {
	case "1":
		set("1", 365*24*3600)
		return true
	case "0":
		set("", -1)
		return false
	}
	ck, err := c.Cookie(textOnlyCookie)
	return err == nil && ck.Value == "1"
}

// streamOf reads the stream block of session id for who. Like presence it
// is a nicety: when it cannot be read the room is served without it.
func (p *Pages) streamOf(c echo.Context, v *view, who igfplus.Identity, id int64) *streamView {
	if p.deps.Streams == nil {
		return nil
	}
	ctx := c.Request().Context()
	list, err := p.deps.Streams.StreamsOf(ctx, who, id)
	if err != nil {
		p.log.ErrorContext(ctx, "pages: room without its streams", "session", id, "err", err)
		return nil
	}
	sv := &streamView{SessionID: id, Manage: p.deps.Sessions.MayModerate(ctx, who, id) == nil}
	for _, st := range list {
		l := streamLink{Stream: st, Key: string(st.Kind), Player: sessions.PlayerOf(st)}
		if st.Kind == sessions.Interpretation {
			l.Key += "-" + st.Language
			l.LangName = languageName(st.Language)
		}
		l.Label, err = v.T("stream.kind."+string(st.Kind), "Language", v.Isolate(l.LangName))
		if err != nil {
			p.log.ErrorContext(ctx, "pages: room without its streams", "session", id, "err", err)
			return nil
		}
		sv.Links = append(sv.Links, l)
	}
	if play := c.QueryParam("play"); play != "" {
		if i := slices.IndexFunc(sv.Links, func(l streamLink) bool { return l.Key == play && l.Player.Kind != "" }); i >= 0 {
			sv.Playing = &sv.Links[i]
		}
	}
	return sv
}

// languageName names tag in itself ("français"), or gives the tag back.
func languageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if name := display.Self.Name(t); name != "" {
		return name
	}
	return tag
}

// allowPlayers lets the room's page frame or play the hosts of its
// players, and those only: the security headers' policy allows frames and
// media from nowhere but our origin. Allowing a host fetches nothing.
func allowPlayers(c echo.Context, sv *streamView) {
	if sv == nil {
		return
	}
	var frames, media []string
	for _, l := range sv.Links {
		switch o := l.Player.Origin(); l.Player.Kind {
		case "iframe":
			frames = append(frames, o)
		case "video":
			media = append(media, o)
		}
	}
	h := c.Response().Header()
	csp := h.Get("Content-Security-Policy")
	if csp == "" || len(frames)+len(media) == 0 {
		return
	}
	if len(frames) > 0 {
		csp += "; frame-src " + strings.Join(frames, " ")
	}
	if len(media) > 0 {
		csp += "; media-src " + strings.Join(media, " ")
	}
	h.Set("Content-Security-Policy", csp)
}
