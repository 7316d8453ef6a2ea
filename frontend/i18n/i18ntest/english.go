// Package i18ntest finds interface text left in English on a page shown in
// another language: the check behind the page tests (server-rendered
// HTML) and the browser tests (the text a reader sees once scripts ran).
package i18ntest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/frontend/i18n"
)

// Checker holds each English message with some words in it as a pattern
// of a whole piece of text, its placeholders matching anything.
type Checker struct {
	cat *i18n.Catalogue
	en  []pattern
}

type pattern struct {
	id, text string
	re       *regexp.Regexp
}

var (
	placeholderRE = regexp.MustCompile(`\{\{[^}]*\}\}|\{\w+\}`)
	lettersRE     = regexp.MustCompile(`\pL`)
)

// New reads the embedded catalogue.
func New(tb testing.TB) *Checker {
	tb.Helper()
	cat := i18n.MustNew()
	c := &Checker{cat: cat}
	for id, s := range texts(tb, cat, i18n.Default) {
		frags := placeholderRE.Split(s, -1)
		letters := 0
		for i, f := range frags {
			letters += len(lettersRE.FindAllString(f, -1))
			frags[i] = regexp.QuoteMeta(strings.Join(strings.Fields(f), " "))
		}
		if letters < 4 {
			continue
		}
		re := regexp.MustCompile("^" + strings.Join(frags, ".+?") + "$")
		c.en = append(c.en, pattern{id: id, text: s, re: re})
	}
	return c
}

// texts is every message of lang, each plural form as "<id>.<form>".
func texts(tb testing.TB, cat *i18n.Catalogue, lang string) map[string]string {
	tb.Helper()
	out := cat.Texts(lang)
	if len(out) == 0 {
		tb.Fatalf("no messages in %q", lang)
	}
	return out
}

// Leftover is a piece of text in English on a page in another language.
type Leftover struct {
	Text, ID string // what the page shows, and the message it is the English of
}

// English returns the pieces of a page in lang that are the English of a
// message lang translates differently ("Voter" is French and English
// alike: not a leftover).
func (c *Checker) English(tb testing.TB, lang string, pieces []string) []Leftover {
	tb.Helper()
	own := texts(tb, c.cat, lang)
	ownText := make(map[string]bool, len(own))
	for _, s := range own {
		ownText[strings.Join(strings.Fields(s), " ")] = true
	}
	var out []Leftover
	for _, text := range pieces {
		if ownText[text] {
			continue
		}
		for _, m := range c.en {
			if own[m.id] != m.text && m.re.MatchString(text) {
				out = append(out, Leftover{Text: text, ID: m.id})
			}
		}
	}
	return out
}
