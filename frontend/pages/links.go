package pages

import (
	"net/url"
	"regexp"
	"strings"
)

// textPart is a piece of a plain-text message: text, or a link when Href
// is set. Templates write both as text (html/template escapes them), so a
// message can never add markup; only http and https URLs become links.
type textPart struct {
	Text, Href string
}

// linkRe finds URLs written out in full. Quotes and angle brackets end a
// URL, so that `http://x/"onmouseover=...` links only up to the quote.
var linkRe = regexp.MustCompile(`https?://[^\s<>"'` + "`" + `]+`)

// linkTrail are characters that end a sentence rather than the URL before
// them ("see https://example.org.").
const linkTrail = ".,;:!?)]}»"

// Links splits plain text into text and link parts (the client's links.ts
// does the same). A candidate that is not an absolute http(s) URL with a
// host stays text.
func Links(s string) []textPart {
	var out []textPart
	last := 0
	for _, m := range linkRe.FindAllStringIndex(s, -1) {
		start, end := m[0], m[1]
		for end > start && strings.ContainsRune(linkTrail, rune(s[end-1])) {
			end--
		}
		href := s[start:end]
		if u, err := url.Parse(href); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		if start > last {
			out = append(out, textPart{Text: s[last:start]})
		}
		out = append(out, textPart{Text: href, Href: href})
		last = end
	}
	if last < len(s) {
		out = append(out, textPart{Text: s[last:]})
	}
	return out
}

// Links is Links for templates: {{range $.Links .Body}}.
func (v *view) Links(s string) []textPart { return Links(s) }
