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
//
// It reads each language afresh, one at a time, and keeps none but those
// already in use: checking all six costs no memory once it returns.
func (c *Catalogue) Check() error {
	refTag := c.langs[0].Tag
	ref, err := c.messages(refTag)
	if err != nil {
		return err
	}
	var errRef []string
	var problems []string
	for i, l := range c.langs {
		m := ref
		if i > 0 {
			if m, err = c.read(l.Tag); err != nil {
				return err
			}
		}
		if i == 1 {
			errRef = sortedKeys(m.errors)
		}
		found, err := c.checkLanguage(l.Tag, m, ref)
		if err != nil {
			return err
		}
		if i > 0 && c.hasErrors {
			found = append(found, c.checkErrors(l.Tag, m.errors, errRef)...)
		}
		if len(found) == 0 {
			// Only a language whose messages all match the reference's can
			// run them with the reference's placeholders.
			found = c.checkExecution(l.Tag, m, ref)
		}
		problems = append(problems, found...)
	}
	if len(problems) > 0 {
		return fmt.Errorf("i18n: the catalogue has %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	return nil
}

// checkLanguage reports how lang's messages, m, differ from the reference
// language's, ref (see Check).
func (c *Catalogue) checkLanguage(lang string, m, ref *messages) ([]string, error) {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	refTag := c.langs[0].Tag
	used, err := usedForms(lang)
	if err != nil {
		return nil, err
	}
	for _, id := range m.ids() {
		if !ref.has(id) && !slices.Contains(ref.odd, id) {
			add("%s: %q is not in %s.json", lang, id, refTag)
			continue
		}
		_, refPlural := ref.plurals[id]
		if text, ok := m.texts[id]; ok {
			if strings.TrimSpace(text) == "" {
				add("%s: %q is empty", lang, id)
			}
			if refPlural {
				add("%s: %q is a single text here but plural in %s", lang, id, refTag)
			}
		} else if forms, ok := m.plurals[id]; ok {
			if _, refText := ref.texts[id]; refText {
				add("%s: %q is plural here but a single text in %s", lang, id, refTag)
			}
			for _, form := range sortedKeys(forms) {
				switch {
				case !slices.Contains(pluralForms, form):
					add("%s: %q has %q, which is not a plural form", lang, id, form)
				case strings.TrimSpace(forms[form]) == "":
					add("%s: %q form %q is empty", lang, id, form)
				case !used[form]:
					add("%s: %q defines %q, which %s never uses", lang, id, form, lang)
				}
			}
			for _, form := range sortedKeys(used) {
				if _, ok := forms[form]; !ok {
					add("%s: %q lacks plural form %q", lang, id, form)
				}
			}
		} else {
			add("%s: %q is neither a text nor plural forms", lang, id)
		}
		if a, b := placeholders(m.textsOf(id)), placeholders(ref.textsOf(id)); !slices.Equal(a, b) {
			add("%s: %q has placeholders %v, %s has %v", lang, id, a, refTag, b)
		}
	}
	for _, id := range ref.ids() {
		if !m.has(id) && !slices.Contains(m.odd, id) {
			add("%s: %q is missing", lang, id)
		}
	}
	return problems, nil
}

// checkExecution renders every message of lang, m, with sample data (a
// value for each of the reference's placeholders), catching template
// errors that only show at execution.
func (c *Catalogue) checkExecution(lang string, m, ref *messages) []string {
	var problems []string
	loc := c.localizer(lang, m, nil)
	for _, id := range c.ids {
		data := map[string]any{}
		for _, name := range placeholders(ref.textsOf(id)) {
			data[name] = "x"
		}
		if !c.plural[id] {
			if s, err := loc.T(id, data); err != nil || strings.Contains(s, "<no value>") {
				problems = append(problems, fmt.Sprintf("%s: %q does not render: %v", lang, id, err))
			}
			continue
		}
		for _, n := range sampleCounts {
			if s, err := loc.N(id, n, data); err != nil || strings.Contains(s, "<no value>") {
				problems = append(problems, fmt.Sprintf("%s: %q does not render for %d: %v", lang, id, n, err))
				break
			}
		}
	}
	return problems
}

// usedForms returns the plural forms lang uses for whole numbers,
// according to go-i18n's own CLDR rules, and "other".
func usedForms(lang string) (map[string]bool, error) {
	rule, err := newPluralRule(lang)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	for _, n := range sampleCounts {
		form, err := rule.form(n)
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

// pluralRule picks a count's CLDR plural form in one language. The rules
// are go-i18n's, reached through a probe message whose every form is its
// own name: the forms the catalogue has always been checked against.
type pluralRule struct {
	l *goi18n.Localizer
}

func newPluralRule(lang string) (*pluralRule, error) {
	tag := language.Make(lang)
	b := goi18n.NewBundle(tag)
	probe := &goi18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(tag, probe); err != nil {
		return nil, err
	}
	return &pluralRule{l: goi18n.NewLocalizer(b, lang)}, nil
}

// form returns the plural form of count: "one", "few", "other"...
func (r *pluralRule) form(count int) (string, error) {
	return r.l.Localize(&goi18n.LocalizeConfig{MessageID: "probe", PluralCount: count})
}

// placeholders returns the sorted, distinct placeholder names of a text or
// of all forms of a plural message.
func placeholders(texts []string) []string {
	set := map[string]bool{}
	for _, t := range texts {
		for _, m := range placeholder.FindAllStringSubmatch(t, -1) {
			set[m[1]+m[2]] = true
		}
	}
	return sortedKeys(set)
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
