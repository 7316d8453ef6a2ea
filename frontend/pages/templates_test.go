package pages

import (
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func templateFiles(tb testing.TB) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, path)
		out[path] = string(b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

var (
	actionRe   = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	commentRe  = regexp.MustCompile(`(?s)<!--.*?-->`)
	tagRe      = regexp.MustCompile(`(?s)<[^>]*>`)
	scriptRe   = regexp.MustCompile(`(?s)<script[^>]*>.*?</script>`)
	textAttrRe = regexp.MustCompile(`\b(aria-label|title|placeholder|alt|value)="([^"]*)"`)
	// dataInputRe finds inputs whose value is data sent with a form, never
	// shown: hidden fields, radio buttons and checkboxes (their labels are
	// translated).
	dataInputRe = regexp.MustCompile(`<input type="(hidden|radio|checkbox)"[^>]*>`)
)

// TestTemplatesHaveNoUntranslatedText: outside {{...}} actions and tags,
// templates hold no letters (only punctuation such as "·" or "–"), and the
// attributes people read carry no literal words. Every word a reader sees
// comes from the catalogue.
func TestTemplatesHaveNoUntranslatedText(t *testing.T) {
	for path, src := range templateFiles(t) {
		s := actionRe.ReplaceAllString(src, " ")
		s = dataInputRe.ReplaceAllString(s, " ")
		for _, m := range textAttrRe.FindAllStringSubmatch(s, -1) {
			if strings.IndexFunc(m[2], unicode.IsLetter) >= 0 {
				t.Errorf("%s: literal text in %s=%q", path, m[1], m[2])
			}
		}
		s = commentRe.ReplaceAllString(s, " ")
		s = scriptRe.ReplaceAllString(s, " ")
		s = tagRe.ReplaceAllString(s, " ")
		for _, line := range strings.Split(s, "\n") {
			if strings.IndexFunc(line, unicode.IsLetter) >= 0 {
				t.Errorf("%s: untranslated text %q", path, strings.TrimSpace(line))
			}
		}
	}
}

// TestTemplateKeysExist checks every literal key of .T and .N against the
// catalogue, so that a typo fails here rather than on a rare page.
func TestTemplateKeysExist(t *testing.T) {
	ids := i18n.MustNew().IDs()
	keyRe := regexp.MustCompile(`\.(T|N) "([^"]+)"`)
	found := 0
	for path, src := range templateFiles(t) {
		for _, m := range keyRe.FindAllStringSubmatch(src, -1) {
			found++
			if !slices.Contains(ids, m[2]) {
				t.Errorf("%s: %q is not in the catalogue", path, m[2])
			}
		}
	}
	if found < 50 {
		t.Fatalf("found only %d keys: the pattern is stale", found)
	}
}

// TestEveryValueOfClosedSetsIsTranslated covers the keys that templates
// and handlers compose at run time.
func TestEveryValueOfClosedSetsIsTranslated(t *testing.T) {
	ids := i18n.MustNew().IDs()
	var keys []string
	add := func(prefix string, values ...string) {
		for _, v := range values {
			keys = append(keys, prefix+"."+v)
		}
	}
	for _, k := range tracks.Kinds {
		add("kind", string(k))
	}
	for _, g := range igfplus.StakeholderGroups {
		add("group", string(g))
	}
	for _, r := range igfplus.Regions {
		add("region", string(r))
	}
	for _, f := range sessions.Formats {
		add("format", string(f))
	}
	add("state", string(sessions.Scheduled), string(sessions.Live), string(sessions.Ended), string(sessions.Reported))
	add("edition_format", "hybrid", "online", "onsite")
	add("age", ageBands...)
	for m := 1; m <= 12; m++ {
		add("month", strconv.Itoa(m))
	}
	for _, k := range errorKeys {
		add("error."+k, "title", "body")
	}
	add("error.500", "title", "body")
	for _, e := range checkRegistration(RegisterForm{Country: "x", AgeBand: "x", Gender: strings.Repeat("x", 51)}) {
		add("register.error", e)
		if fieldOf[e] == "" {
			t.Errorf("check %q names no field", e)
		}
	}
	add("register.error", "invalid", "rate_limited", "unavailable")
	add("chat.error", "invalid", "conflict", "rate_limited", "forbidden")
	add("signin.error", "credentials", "rate_limited", "forbidden", "unavailable")
	add("stream.kind", string(sessions.SpeakersLink), string(sessions.PublicStream), string(sessions.Interpretation))
	add("streams.error", "https", "url", "long", "language", "refused")
	add("hubs.error", "name", "city", "country", "expected", "refused")
	for _, k := range keys {
		if !slices.Contains(ids, k) {
			t.Errorf("%q is not in the catalogue", k)
		}
	}
}
