// Package i18n is the translation catalogue of the pages and the browser
// client: message files embedded as JSON (one per language, CLDR plural
// forms through go-i18n), language negotiation for a request, and the
// writing direction of each language.
//
// Lookups are strict: a message missing in the requested language is an
// error, never the bare key or a silent fallback, so that a template using
// an unknown key fails its tests. New checks the whole catalogue before it
// returns (same keys in every language, no empty text, every plural form a
// language needs, the same placeholders), so an incomplete catalogue stops
// the server at start rather than showing mixed languages.
package i18n

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

//go:embed locales/*.json locales/errors/*.json
var locales embed.FS

// Default is the language used when nothing better is known. Its file is
// the reference every other language must match.
const Default = "en"

// Language is an interface language and its name in itself (its endonym),
// as shown in a language switcher.
type Language struct {
	Tag  string
	Name string
}

// languages lists the interface languages in switcher order: the six
// official languages of the United Nations, English first because it is
// the reference. Chinese is Simplified Chinese, the UN's written form,
// tagged "zh" so that ?lang=zh and any zh-* preference reach it.
var languages = named("en", "fr", "ar", "es", "zh", "ru")

// named returns the languages of tags, each named in itself from CLDR
// ("español", "中文", "русский") rather than from a table of our own.
func named(tags ...string) []Language {
	out := make([]Language, len(tags))
	for i, t := range tags {
		out[i] = Language{Tag: t, Name: SelfName(t)}
	}
	return out
}

// SelfName names language tag in itself, from CLDR ("español", "中文"),
// or returns the tag when CLDR has no name for it.
func SelfName(tag string) string {
	if name := display.Self.Name(language.Make(tag)); name != "" {
		return name
	}
	return tag
}

// rtl lists the right-to-left languages.
var rtl = []string{"ar", "fa", "he", "ur"}

// Dir returns the writing direction of lang: "rtl" or "ltr".
func Dir(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if slices.Contains(rtl, base) {
		return "rtl"
	}
	return "ltr"
}

// ErrMissing reports a message that is not in the catalogue for a
// language.
var ErrMissing = errors.New("i18n: missing message")

// Catalogue holds the messages of every interface language.
type Catalogue struct {
	bundle  *goi18n.Bundle
	langs   []Language
	tags    []language.Tag
	matcher language.Matcher
	// ids lists every message id of the default language, sorted; plural
	// marks those with plural forms.
	ids    []string
	plural map[string]bool
	// raw keeps each language's parsed file, for Check.
	raw map[string]map[string]any
	// errors is the error catalogue (errors.go): by language but the
	// default, each English message format's text.
	errors map[string]map[string]string
}

// New returns the embedded catalogue, checked with Check.
func New() (*Catalogue, error) {
	sub, err := fs.Sub(locales, "locales")
	if err != nil {
		return nil, err
	}
	return Load(sub, languages)
}

// MustNew is New for program start and tests: the embedded catalogue is
// covered by tests, so an error here is a build mistake.
func MustNew() *Catalogue {
	c, err := New()
	if err != nil {
		panic(err)
	}
	return c
}

// Load reads "<tag>.json" from fsys for each of langs (the first is the
// reference language) and checks the result.
func Load(fsys fs.FS, langs []Language) (*Catalogue, error) {
	if len(langs) == 0 {
		return nil, errors.New("i18n: no languages")
	}
	ref := language.Make(langs[0].Tag)
	c := &Catalogue{
		bundle: goi18n.NewBundle(ref),
		langs:  langs,
		plural: map[string]bool{},
		raw:    map[string]map[string]any{},
	}
	for _, l := range langs {
		name := l.Tag + ".json"
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		var raw map[string]any
		if err := json.Unmarshal(b, &raw); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		c.raw[l.Tag] = raw
		if _, err := c.bundle.ParseMessageFileBytes(b, path.Join("locales", name)); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		c.tags = append(c.tags, language.Make(l.Tag))
	}
	for id, v := range c.raw[langs[0].Tag] {
		c.ids = append(c.ids, id)
		_, isMap := v.(map[string]any)
		c.plural[id] = isMap
	}
	sort.Strings(c.ids)
	if err := c.loadErrors(fsys); err != nil {
		return nil, err
	}
	c.matcher = language.NewMatcher(c.tags)
	if err := c.Check(); err != nil {
		return nil, err
	}
	return c, nil
}

// Languages returns the interface languages in switcher order.
func (c *Catalogue) Languages() []Language { return slices.Clone(c.langs) }

// Supported returns the interface language that lang names (its base
// language, any letter case), and whether there is one.
func (c *Catalogue) Supported(lang string) (string, bool) {
	tag, err := language.Parse(strings.TrimSpace(lang))
	if err != nil {
		return "", false
	}
	base, _ := tag.Base()
	for _, l := range c.langs {
		if l.Tag == base.String() {
			return l.Tag, true
		}
	}
	return "", false
}

// IDs returns every message id, sorted.
func (c *Catalogue) IDs() []string { return slices.Clone(c.ids) }

// Localizer returns the messages of lang, which should be a supported
// language (an unsupported one gets the default language).
func (c *Catalogue) Localizer(lang string) *Localizer {
	tag, ok := c.Supported(lang)
	if !ok {
		tag = c.langs[0].Tag
	}
	return &Localizer{c: c, lang: tag, l: goi18n.NewLocalizer(c.bundle, tag), num: numbers(tag)}
}

// ClientPrefixes select the messages the browser client needs (its
// statuses and errors, the presence panel, and the names of stakeholder
// groups and regions), which the room page embeds. Their placeholders are
// {name}, filled in by the client; plural messages reach it form by form
// (see Localizer.Strings).
var ClientPrefixes = []string{"client.", "chat.error.", "group.", "region.", "presence."}

// Texts returns every message of lang as its file writes it, placeholders
// and all, each plural form as "<id>.<form>": for the checks of what pages
// show (i18ntest).
func (c *Catalogue) Texts(lang string) map[string]string {
	out := map[string]string{}
	for id, v := range c.raw[lang] {
		switch v := v.(type) {
		case string:
			out[id] = v
		case map[string]any:
			for form, s := range v {
				out[id+"."+form], _ = s.(string)
			}
		}
	}
	return out
}
