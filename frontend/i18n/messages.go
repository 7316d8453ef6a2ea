package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"text/template"
)

// messages are one language's messages, held as compactly as they read:
// a text is a string, a plural message its forms' strings, and only the
// texts with placeholders are parsed, into one template set. go-i18n's
// bundle held a Message, a MessageTemplate, a map and a template (with its
// own set) for each of the ~1,500 messages of each language, about 1.5 MB
// a language before counting the texts; this holds the texts and a
// hundred small parse trees.
//
// A text with placeholders runs as go-i18n ran it (text/template,
// "missingkey=default", "{{" "}}"), and a text without them is returned
// as it is, as go-i18n's fast path did: messages render identically.
type messages struct {
	texts   map[string]string            // by id, the messages with a single text
	plurals map[string]map[string]string // by id, CLDR form ("one", "few"...) to text
	// odd lists the ids whose value is neither a text nor forms that are
	// texts, for Check.
	odd []string
	// set holds the texts with placeholders, named by templateName.
	set *template.Template
	// unparsed keeps why a text with placeholders did not parse, by
	// template name: using it is an error.
	unparsed map[string]error
	// errors is the error catalogue of this language (errors.go): the text
	// of each English message format; nil for the default language, whose
	// formats are their own text, or when the catalogue has none.
	errors map[string]string
	rule   *pluralRule
}

// lazyMessages is a language's messages, read on first use: an idle node
// holds the reference language's only, and a node the languages its
// readers use.
type lazyMessages struct {
	once sync.Once
	m    *messages
	err  error
}

// messages returns the messages of lang (a supported tag), reading them
// on the first call.
func (c *Catalogue) messages(lang string) (*messages, error) {
	lm, ok := c.byLang[lang]
	if !ok {
		return nil, fmt.Errorf("i18n: %q is not an interface language", lang)
	}
	lm.once.Do(func() { lm.m, lm.err = c.read(lang) })
	return lm.m, lm.err
}

// read reads and parses the messages of lang, and its error catalogue
// unless lang is the default language.
func (c *Catalogue) read(lang string) (*messages, error) {
	name := lang + ".json"
	b, err := fs.ReadFile(c.fsys, name)
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("i18n: %s: %w", name, err)
	}
	m := &messages{texts: make(map[string]string, len(raw)), plurals: map[string]map[string]string{},
		set: template.New("").Option("missingkey=default"), unparsed: map[string]error{}}
	if m.rule, err = newPluralRule(lang); err != nil {
		return nil, err
	}
	for id, v := range raw {
		m.add(id, v)
	}
	if c.hasErrors && lang != c.langs[0].Tag {
		if m.errors, err = readErrors(c.fsys, lang); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// add keeps message id, whose JSON value is v: a text, or an object of
// plural forms.
func (m *messages) add(id string, v json.RawMessage) {
	var text string
	if err := json.Unmarshal(v, &text); err == nil && string(v) != "null" {
		m.texts[id] = text
		m.parse(id, text)
		return
	}
	var forms map[string]any
	if err := json.Unmarshal(v, &forms); err != nil || forms == nil {
		m.odd = append(m.odd, id)
		return
	}
	m.plurals[id] = make(map[string]string, len(forms))
	for form, t := range forms {
		s, _ := t.(string) // a form that is not a text is empty: Check says so
		m.plurals[id][form] = s
		m.parse(templateName(id, form), s)
	}
}

// parse adds text to the set as name if it has placeholders.
func (m *messages) parse(name, text string) {
	if !strings.Contains(text, "{{") {
		return
	}
	if _, err := m.set.New(name).Parse(text); err != nil {
		m.unparsed[name] = err
	}
}

// templateName names a message's text, or a plural message's form, in the
// set (message ids hold no spaces).
func templateName(id, form string) string {
	if form == "" {
		return id
	}
	return id + " " + form
}

// execute fills in text, the message or form that name names, with data.
func (m *messages) execute(name, text string, data any) (string, error) {
	if !strings.Contains(text, "{{") {
		return text, nil
	}
	if err := m.unparsed[name]; err != nil {
		return "", err
	}
	var b strings.Builder
	if err := m.set.Lookup(name).Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// textsOf returns message id's text, or the text of each of its plural
// forms.
func (m *messages) textsOf(id string) []string {
	if s, ok := m.texts[id]; ok {
		return []string{s}
	}
	var out []string
	for _, s := range m.plurals[id] {
		out = append(out, s)
	}
	return out
}

// has reports whether m has message id, of either kind.
func (m *messages) has(id string) bool {
	_, text := m.texts[id]
	_, plural := m.plurals[id]
	return text || plural
}

// ids returns every message id of m, sorted, those neither text nor
// plural included.
func (m *messages) ids() []string {
	out := make([]string, 0, len(m.texts)+len(m.plurals)+len(m.odd))
	for id := range m.texts {
		out = append(out, id)
	}
	for id := range m.plurals {
		out = append(out, id)
	}
	out = append(out, m.odd...)
	slices.Sort(out)
	return out
}
