package pages

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// captionsPanel is the live pages' captions: the session's caption
// channels (one per language), each with its latest lines, the one the
// reader sees, and what a captioner and a moderator need of them.
type captionsPanel struct {
	Channels []channelView
	// Shown is the channel the reader sees (zero: the session has none
	// yet, and its first line will make the default one).
	Shown channelView
	// Sendable are the channels the viewer captions into, when they
	// caption the session.
	Sendable []channelView
	// Setup is the moderators' set-up form (nil for the others).
	Setup *captionSetup
}

// channelView is a caption channel as a live page shows it: its language
// named in itself (as the language menu names them, so that whoever reads
// it finds their own), the page with it chosen, and its latest lines.
type channelView struct {
	sessions.CaptionChannel
	Name, Href string
	Shown      bool
	Lines      []sessions.Caption
}

// captionSetup is what the moderators' form offers: a language for a new
// channel and the session's captioners to give it.
type captionSetup struct {
	Languages  []i18n.Language
	Captioners []sessions.ChannelCaptioner
}

// captionsCookie remembers the caption language a reader chose, for every
// session's room: the client sets it too, when the reader switches
// without reloading.
const captionsCookie = "igf_captions"

// captionsParam chooses the caption language in a room's address: the
// switcher's links without JavaScript.
const captionsParam = "captions"

// captionChoice is the caption language the reader chose: ?captions=,
// which is then remembered, or the cookie ("" when none).
func captionChoice(c echo.Context) string {
	r := c.Request()
	if q := r.URL.Query().Get(captionsParam); sessions.IsCaptionLanguage(q) {
		// Not HttpOnly: captions.ts writes the same cookie when the reader
		// switches in place. It holds a language code, nothing private.
		c.SetCookie(&http.Cookie{Name: captionsCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
			Secure: r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https", SameSite: http.SameSiteLaxMode})
		return q
	}
	if ck, err := r.Cookie(captionsCookie); err == nil && sessions.IsCaptionLanguage(ck.Value) {
		return ck.Value
	}
	return ""
}

// captionsOf reads the captions' panel of session id for who, at page
// (the room or the moderator's page): every channel's latest lines, the
// one chosen shown; captioner and moderator add their forms' choices.
func (p *Pages) captionsOf(c echo.Context, v *view, who igfplus.Identity, id int64, page string, captioner, moderator bool) (captionsPanel, error) {
	ctx := c.Request().Context()
	var out captionsPanel
	channels, err := p.deps.Sessions.CaptionChannels(ctx, who, id)
	if err != nil {
		return out, err
	}
	lines, err := p.deps.Sessions.Transcript(ctx, who, id)
	if err != nil {
		return out, err
	}
	shown := sessions.ReaderChannel(channels, captionChoice(c), v.Lang)
	for _, ch := range channels {
		cv := channelView{CaptionChannel: ch, Name: i18n.SelfName(ch.Language), Shown: ch.ID == shown.ID,
			Href: page + "?" + url.Values{captionsParam: {ch.Language}}.Encode() + "#captions", Lines: latest(lines, ch.ID)}
		out.Channels = append(out.Channels, cv)
		if cv.Shown {
			out.Shown = cv
		}
		if captioner && ch.Takes(who.AccountID) {
			out.Sendable = append(out.Sendable, cv)
		}
	}
	if moderator {
		out.Setup = &captionSetup{Languages: p.cat.Languages()}
		if out.Setup.Captioners, err = p.deps.Sessions.SessionCaptioners(ctx, who, id); err != nil {
			return out, err
		}
	}
	return out, nil
}

// latest are the last captionHistory lines of channel: a page starts with
// those, and the transcript has them all.
func latest(lines []sessions.Caption, channel int64) []sessions.Caption {
	out := linesOf(lines, channel)
	return out[max(0, len(out)-captionHistory):]
}
