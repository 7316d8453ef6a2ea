package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// The domain's error messages have a catalogue of their own, apart from the
// interface's: errors/<tag>.json maps each English message format of the
// source (igfplus.Errorf's format, an igfplus.Error's Message, an
// igfplus.Text) to its text in that language, gettext's way, so that the
// call sites keep their English. English has no file: the key is its text.
// A translation has the format's verbs for the same arguments, in their
// order or with explicit indexes (%[2]s). The errors test walks the source
// and fails on a message missing here or an entry no code uses.

// errorsDir holds the error catalogue of each language but the default.
const errorsDir = "errors"

// readErrors reads the error catalogue of lang from fsys.
func readErrors(fsys fs.FS, lang string) (map[string]string, error) {
	name := errorsDir + "/" + lang + ".json"
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("i18n: %s: %w", name, err)
	}
	return m, nil
}

// ErrorFormats returns the English formats the error catalogue translates
// (the keys of its first translated language; Check makes sure every
// language has the same).
func (c *Catalogue) ErrorFormats() []string {
	if len(c.langs) < 2 || !c.hasErrors {
		return nil
	}
	m, err := c.messages(c.langs[1].Tag)
	if err != nil {
		return nil
	}
	return sortedKeys(m.errors)
}

// checkErrors reports what is wrong with lang's error catalogue, m: a
// format missing, or present in lang only (ref lists the formats of the
// first translated language), an empty text, and verbs that differ from
// the English format's.
func (c *Catalogue) checkErrors(lang string, m map[string]string, ref []string) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	for _, k := range sortedKeys(m) {
		if !slices.Contains(ref, k) {
			add("errors/%s: %q is not in errors/%s.json", lang, k, c.langs[1].Tag)
		}
		if m[k] == "" {
			add("errors/%s: %q is empty", lang, k)
		}
		if a, b := verbsOf(k), verbsOf(m[k]); a != b {
			add("errors/%s: %q has verbs %s, its English %s", lang, k, b, a)
		}
	}
	for _, k := range ref {
		if _, ok := m[k]; !ok {
			add("errors/%s: %q is missing", lang, k)
		}
	}
	return problems
}

// verb matches one fmt verb: an optional explicit argument index, flags,
// width, precision and the verb letter (%% included).
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?([a-zA-Z%])`)

// verbsOf describes the verbs of a format by the argument each one prints:
// "1:s 2:d", sorted by argument, so that a translation that reorders its
// arguments with explicit indexes matches its English. Literal percent
// signs (%%) count too.
func verbsOf(format string) string {
	byArg := map[int]string{}
	percents, next := 0, 1
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			percents++
			continue
		}
		if m[1] != "" {
			next, _ = strconv.Atoi(m[1])
		}
		byArg[next] += m[2]
		next++
	}
	args := slices.Sorted(maps.Keys(byArg))
	out := make([]string, 0, len(args)+1)
	for _, i := range args {
		out = append(out, fmt.Sprintf("%d:%s", i, byArg[i]))
	}
	return fmt.Sprintf("%v %d%%%%", out, percents)
}

// ErrorText returns the English message format or Text english in the
// localizer's language, and whether the catalogue has it (English always
// has it: it is the key).
func (l *Localizer) ErrorText(english string) (string, bool) {
	if l.lang == l.c.langs[0].Tag {
		return english, true
	}
	if l.err != nil {
		return english, false
	}
	s, ok := l.m.errors[english]
	return s, ok
}

// Error returns the user-facing message of err in the localizer's
// language (igfplus.Localize): what the catalogue does not have stays
// English.
func (l *Localizer) Error(err error) string {
	return igfplus.Localize(err, l.ErrorText)
}

// Wording returns how refusals to r are worded: in the language r
// negotiates (Negotiate). It is the hub's Config.Wording, so that a live
// connection's error frames speak its page's language.
func (c *Catalogue) Wording(r *http.Request) func(error) string {
	return c.Localizer(c.Negotiate(r)).Error
}
