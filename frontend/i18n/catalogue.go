// Package i18n is the translation catalogue of the pages and the browser
// client: message files embedded as JSON (one per language, CLDR plural
// forms by go-i18n's rules), language negotiation for a request, and the
// writing direction of each language.
//
// Lookups are strict: a message missing in the requested language is an
// error, never the bare key or a silent fallback, so that a template using
// an unknown key fails its tests. New checks the whole catalogue before it
// returns (same keys in every language, no empty text, every plural form a
// language needs, the same placeholders), so an incomplete catalogue stops
// the server at start rather than showing mixed languages. It then keeps
// the reference language alone in memory and reads another language when
// it is first asked for.
package i18n

import (
	"embed"
	"errors"
	"io/fs"
	"slices"
	"strings"

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

// Catalogue holds the messages of every interface language. It reads a
// language's messages when they are first asked for (messages.go): New
// reads the reference language, and checks the others without keeping
// them.
type Catalogue struct {
	fsys    fs.FS
	langs   []Language
	tags    []language.Tag
	matcher language.Matcher
	// ids lists every message id of the default language, sorted; plural
	// marks those with plural forms.
	ids    []string
	plural map[string]bool
	// byLang holds each language's messages once read.
	byLang map[string]*lazyMessages
	// hasErrors is whether the catalogue has an error catalogue
	// (errors.go): a catalogue of interface messages alone, as some tests
	// load, has none.
	hasErrors bool
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
// reference language) and checks the result. Only the reference language
// stays in memory; the others are read again on first use.
func Load(fsys fs.FS, langs []Language) (*Catalogue, error) {
	if len(langs) == 0 {
		return nil, errors.New("i18n: no languages")
	}
	c := &Catalogue{
		fsys:   fsys,
		langs:  langs,
		plural: map[string]bool{},
		byLang: make(map[string]*lazyMessages, len(langs)),
	}
	for _, l := range langs {
		c.byLang[l.Tag] = &lazyMessages{}
		c.tags = append(c.tags, language.Make(l.Tag))
	}
	_, err := fs.Stat(fsys, errorsDir)
	c.hasErrors = err == nil
	ref, err := c.messages(langs[0].Tag)
	if err != nil {
		return nil, err
	}
	c.ids = ref.ids()
	for id := range ref.plurals {
		c.plural[id] = true
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
	m, err := c.messages(tag)
	return c.localizer(tag, m, err)
}

// localizer returns the localizer of lang over m; err, when m could not
// be read, is what its lookups return.
func (c *Catalogue) localizer(lang string, m *messages, err error) *Localizer {
	return &Localizer{c: c, lang: lang, m: m, err: err, num: numbers(lang)}
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
	m, err := c.messages(lang)
	if err != nil {
		return out
	}
	for id, s := range m.texts {
		out[id] = s
	}
	for id, forms := range m.plurals {
		for form, s := range forms {
			out[id+"."+form] = s
		}
	}
	return out
}
