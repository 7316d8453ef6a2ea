package i18n

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Localizer looks up the messages of one language.
type Localizer struct {
	c    *Catalogue
	lang string
	l    *goi18n.Localizer
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
	return l.localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
}

// N returns the plural form of message id that suits count, filled in with
// data plus "Count", the count written as the language writes numbers.
func (l *Localizer) N(id string, count int, data map[string]any) (string, error) {
	if _, ok := l.c.plural[id]; ok && !l.c.plural[id] {
		return "", fmt.Errorf("i18n: %q has no plural forms: use T", id)
	}
	d := make(map[string]any, len(data)+1)
	for k, v := range data {
		d[k] = v
	}
	d["Count"] = l.num.Sprint(number.Decimal(count))
	return l.localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: d, PluralCount: count})
}

func (l *Localizer) localize(lc *goi18n.LocalizeConfig) (string, error) {
	s, tag, err := l.l.LocalizeWithTag(lc)
	if err != nil {
		var nf *goi18n.MessageNotFoundErr
		if errors.As(err, &nf) {
			return "", fmt.Errorf("%w: %q in %q", ErrMissing, lc.MessageID, l.lang)
		}
		return "", fmt.Errorf("i18n: %q in %q: %w", lc.MessageID, l.lang, err)
	}
	if tag.String() != l.lang {
		// go-i18n fell back to another language without saying so.
		return "", fmt.Errorf("%w: %q in %q (found in %q)", ErrMissing, lc.MessageID, l.lang, tag)
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
	out := map[string]string{}
	for _, id := range l.c.ids {
		if !hasAnyPrefix(id, prefixes) {
			continue
		}
		if l.c.plural[id] {
			forms, ok := l.c.raw[l.lang][id].(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%w: %q in %q", ErrMissing, id, l.lang)
			}
			for form, text := range forms {
				s, _ := text.(string) // Check has made sure it is
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
