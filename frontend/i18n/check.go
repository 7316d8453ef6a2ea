package i18n

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// pluralForms are the CLDR plural categories a message may define.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// sampleCounts reach every CLDR plural category of whole numbers in the
// supported languages (1 000 000 is French "many").
var sampleCounts = append(seq(0, 210), 1000, 1001, 1000000, 2000000)

func seq(from, to int) []int {
	var s []int
	for i := from; i <= to; i++ {
		s = append(s, i)
	}
	return s
}

// placeholder matches {{.Name}} (server messages) and {name} (client
// strings, filled in by the browser).
var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}|\{(\w+)\}`)

// Check reports every problem of the catalogue at once: a message missing
// in a language or present in only one, empty text, a message that is
// plural in one language and not in another, a plural message lacking a
// form its language uses (or defining one it never uses), placeholders
// that differ from the reference language, or text that does not execute.
func (c *Catalogue) Check() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	refTag := c.langs[0].Tag
	ref := c.raw[refTag]
	for _, l := range c.langs {
		raw := c.raw[l.Tag]
		used, err := usedForms(l.Tag)
		if err != nil {
			return err
		}
		for _, id := range sortedKeys(raw) {
			refV, inRef := ref[id]
			if !inRef {
				add("%s: %q is not in %s.json", l.Tag, id, refTag)
				continue
			}
			switch v := raw[id].(type) {
			case string:
				if strings.TrimSpace(v) == "" {
					add("%s: %q is empty", l.Tag, id)
				}
				if _, ok := refV.(string); !ok {
					add("%s: %q is a single text here but plural in %s", l.Tag, id, refTag)
				}
			case map[string]any:
				if _, ok := refV.(map[string]any); !ok {
					add("%s: %q is plural here but a single text in %s", l.Tag, id, refTag)
				}
				for form, text := range v {
					s, ok := text.(string)
					switch {
					case !slices.Contains(pluralForms, form):
						add("%s: %q has %q, which is not a plural form", l.Tag, id, form)
					case !ok || strings.TrimSpace(s) == "":
						add("%s: %q form %q is empty", l.Tag, id, form)
					case !used[form]:
						add("%s: %q defines %q, which %s never uses", l.Tag, id, form, l.Tag)
					}
				}
				for _, form := range sortedKeys(used) {
					if _, ok := v[form]; !ok {
						add("%s: %q lacks plural form %q", l.Tag, id, form)
					}
				}
			default:
				add("%s: %q is neither a text nor plural forms", l.Tag, id)
			}
			if a, b := placeholders(raw[id]), placeholders(refV); !slices.Equal(a, b) {
				add("%s: %q has placeholders %v, %s has %v", l.Tag, id, a, refTag, b)
			}
		}
		for _, id := range sortedKeys(ref) {
			if _, ok := raw[id]; !ok {
				add("%s: %q is missing", l.Tag, id)
			}
		}
	}
	problems = append(problems, c.checkErrors()...)
	if len(problems) == 0 {
		problems = c.checkExecution()
	}
	if len(problems) > 0 {
		return fmt.Errorf("i18n: the catalogue has %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	return nil
}

// checkExecution renders every message in every language with sample
// data, catching template syntax errors that only show at execution.
func (c *Catalogue) checkExecution() []string {
	var problems []string
	for _, l := range c.langs {
		loc := c.Localizer(l.Tag)
		for _, id := range c.ids {
			data := map[string]any{}
			for _, name := range placeholders(c.raw[c.langs[0].Tag][id]) {
				data[name] = "x"
			}
			if !c.plural[id] {
				if s, err := loc.T(id, data); err != nil || strings.Contains(s, "<no value>") {
					problems = append(problems, fmt.Sprintf("%s: %q does not render: %v", l.Tag, id, err))
				}
				continue
			}
			for _, n := range sampleCounts {
				if s, err := loc.N(id, n, data); err != nil || strings.Contains(s, "<no value>") {
					problems = append(problems, fmt.Sprintf("%s: %q does not render for %d: %v", l.Tag, id, n, err))
					break
				}
			}
		}
	}
	return problems
}

// usedForms returns the plural forms lang uses for whole numbers,
// according to go-i18n's own CLDR rules (a probe message names its form),
// and "other".
func usedForms(lang string) (map[string]bool, error) {
	tag := language.Make(lang)
	b := goi18n.NewBundle(tag)
	probe := &goi18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(tag, probe); err != nil {
		return nil, err
	}
	loc := goi18n.NewLocalizer(b, lang)
	used := map[string]bool{}
	for _, n := range sampleCounts {
		form, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: "probe", PluralCount: n})
		if err != nil {
			return nil, err
		}
		used[form] = true
	}
	// CLDR gives every language "other", even where whole numbers never
	// reach it (Russian uses it for fractions only): go-i18n and the
	// client's Intl.PluralRules fall back on it, so it is always required.
	used["other"] = true
	return used, nil
}

// placeholders returns the sorted, distinct placeholder names of a text or
// of all forms of a plural message.
func placeholders(v any) []string {
	set := map[string]bool{}
	for _, t := range texts(v) {
		for _, m := range placeholder.FindAllStringSubmatch(t, -1) {
			set[m[1]+m[2]] = true
		}
	}
	return sortedKeys(set)
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// texts returns the text of a message, or the text of each of its plural
// forms, as a message file holds them.
func texts(v any) []string {
	var out []string
	switch v := v.(type) {
	case string:
		out = []string{v}
	case map[string]any:
		for _, t := range v {
			if s, ok := t.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}
