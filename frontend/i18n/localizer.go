package i18n

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Localizer looks up the messages of one language.
type Localizer struct {
	c    *Catalogue
	lang string
	m    *messages
	err  error // why m could not be read, returned by every lookup
	num  *message.Printer
}

// numbers returns the printer of counts in lang: CLDR's grouping
// ("1,000", "1 000", "1.000") in Latin digits, which every text of the
// catalogue uses, Arabic included.
func numbers(lang string) *message.Printer {
	return message.NewPrinter(language.Make(lang + "-u-nu-latn"))
}

// Lang returns the localizer's language tag.
func (l *Localizer) Lang() string { return l.lang }

// Dir returns the writing direction of the localizer's language.
func (l *Localizer) Dir() string { return Dir(l.lang) }

// T returns message id filled in with data (nil when the message has no
// placeholders). A message missing in this language is an error wrapping
// ErrMissing: the caller (a template) fails rather than show a key.
func (l *Localizer) T(id string, data map[string]any) (string, error) {
	if l.c.plural[id] {
		return "", fmt.Errorf("i18n: %q has plural forms: use N", id)
	}
	if l.err != nil {
		return "", l.err
	}
	text, ok := l.m.texts[id]
	if !ok {
		return "", l.missing(id)
	}
	return l.execute(id, "", text, data)
}

// N returns the plural form of message id that suits count, filled in with
// data plus "Count", the count written as the language writes numbers.
func (l *Localizer) N(id string, count int, data map[string]any) (string, error) {
	if _, ok := l.c.plural[id]; ok && !l.c.plural[id] {
		return "", fmt.Errorf("i18n: %q has no plural forms: use T", id)
	}
	if l.err != nil {
		return "", l.err
	}
	forms, ok := l.m.plurals[id]
	if !ok {
		return "", l.missing(id)
	}
	form, err := l.m.rule.form(count)
	if err != nil {
		return "", fmt.Errorf("i18n: %q in %q: %w", id, l.lang, err)
	}
	text, ok := forms[form]
	if !ok {
		return "", fmt.Errorf("%w: %q form %q in %q", ErrMissing, id, form, l.lang)
	}
	d := make(map[string]any, len(data)+1)
	for k, v := range data {
		d[k] = v
	}
	d["Count"] = l.num.Sprint(number.Decimal(count))
	return l.execute(id, form, text, d)
}

func (l *Localizer) missing(id string) error {
	return fmt.Errorf("%w: %q in %q", ErrMissing, id, l.lang)
}

// execute fills in text, message id's text or its plural form's.
func (l *Localizer) execute(id, form, text string, data map[string]any) (string, error) {
	s, err := l.m.execute(templateName(id, form), text, data)
	if err != nil {
		return "", fmt.Errorf("i18n: %q in %q: %w", id, l.lang, err)
	}
	return s, nil
}

// Strings returns the messages whose ids start with one of prefixes, as
// plain text (placeholders like {n} are left for the caller). The browser
// client gets its strings this way, embedded in the page.
//
// A plural message comes as one string per plural form this language uses,
// "<id>.<form>" (form a CLDR category: "one", "few", "other"...), with its
// {{.Count}} written {Count}: the client picks the form with
// Intl.PluralRules, which follows the same CLDR rules as the server.
func (l *Localizer) Strings(prefixes ...string) (map[string]string, error) {
	if l.err != nil {
		return nil, l.err
	}
	out := map[string]string{}
	for _, id := range l.c.ids {
		if !hasAnyPrefix(id, prefixes) {
			continue
		}
		if l.c.plural[id] {
			forms, ok := l.m.plurals[id]
			if !ok {
				return nil, l.missing(id)
			}
			for form, s := range forms {
				out[id+"."+form] = clientPlaceholder.ReplaceAllString(s, "{$1}")
			}
			continue
		}
		s, err := l.T(id, nil)
		if err != nil {
			return nil, err
		}
		out[id] = s
	}
	return out, nil
}

// clientPlaceholder is a server placeholder, {{.Name}}, which the client
// spells {Name}.
var clientPlaceholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
