package pages

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// view is what every template gets: the page's language and who is signed
// in, the data of the page, and methods that translate.
type view struct {
	Lang       string
	Dir        string
	Me         igfplus.Identity
	Languages  []langLink
	SigninHref string
	// RegisterHref keeps the page to come back to after registering.
	RegisterHref string
	Data         any

	p   *Pages
	loc *i18n.Localizer
	// zone is the time zone session times are shown in: the current
	// edition's.
	zone *time.Location
	// act is where the page's action forms post (live pages only).
	act actTarget
}

// langLink is one entry of the language switcher.
type langLink struct {
	Tag, Name, Href string
	Current         bool
}

// view negotiates the language of the request (remembering an explicit
// choice) and prepares the common parts of a page. here is the page's own
// GET path: the language links and the sign-in link come back to it.
func (p *Pages) view(c echo.Context, here string) *view {
	r := c.Request()
	lang := p.cat.Negotiate(r)
	p.cat.Remember(c.Response(), r, lang)
	if h, ok := localPath(here); ok {
		here = h
	} else {
		here = "/"
	}
	next, hasNext := localPath(r.FormValue("next"))
	v := &view{Lang: lang, Dir: i18n.Dir(lang), Me: p.identity(c), p: p, loc: p.cat.Localizer(lang), zone: p.editionZone(r.Context())}
	for _, l := range p.cat.Languages() {
		q := url.Values{i18n.QueryParam: {l.Tag}}
		if hasNext {
			q.Set("next", next)
		}
		v.Languages = append(v.Languages, langLink{Tag: l.Tag, Name: l.Name, Href: here + "?" + q.Encode(), Current: l.Tag == lang})
	}
	back := here
	if hasNext {
		back = next
	}
	v.SigninHref, v.RegisterHref = withNext("/signin", back), withNext("/register", back)
	return v
}

// withNext adds ?next=back to path unless back is a page where coming back
// makes no sense.
func withNext(path, back string) string {
	switch back {
	case "", "/", "/signin", "/register":
		return path
	}
	return path + "?" + url.Values{"next": {back}}.Encode()
}

// T translates message id; kv are placeholder names and values in pairs.
// A missing message is an error: the page fails rather than show a key.
func (v *view) T(id string, kv ...any) (string, error) {
	data, err := pairs(kv)
	if err != nil {
		return "", err
	}
	return v.loc.T(id, data)
}

// N translates the plural message id for count (placeholder {{.Count}}).
func (v *view) N(id string, count int, kv ...any) (string, error) {
	data, err := pairs(kv)
	if err != nil {
		return "", err
	}
	return v.loc.N(id, count, data)
}

// TK translates a value of a closed set (a state, a track kind, a
// stakeholder group) as message "<prefix>.<value>". Tests check that every
// known value is translated; a value added elsewhere and not yet translated
// shows as is and is logged, instead of breaking the page.
func (v *view) TK(prefix string, value any) (string, error) {
	s := fmt.Sprint(value)
	if s == "" {
		return "", nil
	}
	out, err := v.loc.T(prefix+"."+s, nil)
	if errors.Is(err, i18n.ErrMissing) {
		v.p.log.Warn("pages: untranslated value", "prefix", prefix, "value", s, "lang", v.Lang)
		return s, nil
	}
	return out, err
}

// Country names an ISO 3166-1 country code in the page's language.
func (v *view) Country(code string) string { return countryName(v.Lang, code) }

// Date formats a day in words: "23 June 2025".
func (v *view) Date(t time.Time) (string, error) {
	t = t.UTC()
	month, err := v.loc.T("month."+strconv.Itoa(int(t.Month())), nil)
	if err != nil {
		return "", err
	}
	return v.loc.T("date.long", map[string]any{"Day": t.Day(), "Month": month, "Year": t.Year()})
}

// inZone is the edition's time zone, or UTC when there is none.
func (v *view) inZone() *time.Location {
	if v.zone == nil {
		return time.UTC
	}
	return v.zone
}

// Zone is the edition's IANA time zone, for the scripts' clocks (the
// body's data-zone), so that a time a script adds reads as the page's.
func (v *view) Zone() string { return v.inZone().String() }

// Clock is t's hours and minutes in the edition's time zone, as When
// shows a session's (a chat message's time, a moderation's).
func (v *view) Clock(t time.Time) string { return t.In(v.inZone()).Format("15:04") }

// ClockSeconds is Clock with the seconds (a caption line's).
func (v *view) ClockSeconds(t time.Time) string { return t.In(v.inZone()).Format("15:04:05") }

// When formats a session's time: its day and hours in the edition's time
// zone, with the zone's offset from UTC.
func (v *view) When(start, end time.Time) (string, error) {
	start, end = start.In(v.inZone()), end.In(v.inZone())
	month, err := v.loc.T("month."+strconv.Itoa(int(start.Month())), nil)
	if err != nil {
		return "", err
	}
	day, err := v.loc.T("date.long", map[string]any{"Day": start.Day(), "Month": month, "Year": start.Year()})
	if err != nil {
		return "", err
	}
	return v.loc.T("time.range", map[string]any{"Date": day, "Start": start.Format("15:04"), "End": end.Format("15:04"), "Zone": i18n.UTCOffset(start)})
}

// Isolate wraps s in Unicode bidi isolates (FSI...PDI), the plain-text
// <bdi>, so that a name in one script does not reorder the translated
// sentence around it ("Signed in as <name>" in Arabic with a Latin name).
func (v *view) Isolate(s string) string { return "\u2068" + s + "\u2069" }

// Who is the name to show for a contribution's author: the name as
// written, except a deleted account's, which is stored in English
// (accounts.DeletedName) and shown in the reader's language.
func (v *view) Who(name string) (string, error) {
	if name == accounts.DeletedName {
		return v.loc.T("client.deleted_participant", nil)
	}
	return name, nil
}

// Asset returns the hashed URL of a client bundle.
func (v *view) Asset(name string) (string, error) {
	u, ok := v.p.assets.Lookup(name)
	if !ok {
		return "", fmt.Errorf("pages: no asset %q", name)
	}
	return u, nil
}

// ISO formats t for a <time datetime> attribute.
func (v *view) ISO(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Day formats the day of t for a <time datetime> attribute.
func (v *view) Day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

func clock(t time.Time) string { return t.UTC().Format("15:04") }

func pairs(kv []any) (map[string]any, error) {
	if len(kv) == 0 {
		return nil, nil
	}
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("pages: odd number of placeholder arguments %v", kv)
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("pages: placeholder name %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
