package recommendations

import (
	"strings"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Limits on what people write. They match the CHECK constraints of the
// migrations, so that a too-long text is refused with a clear message here
// rather than by the database.
const (
	MaxTitleRunes     = 300
	MaxSummaryRunes   = 2000
	MaxBodyRunes      = 50000
	MaxNoteRunes      = 1000
	MaxCommentRunes   = 5000
	MaxAmendmentRunes = 10000
	MaxRationaleRunes = 5000
	MaxConsensusRunes = 10000
	MaxDissentRunes   = 5000
	MaxWhoRunes       = 200
	MaxDissentEntries = 100
)

// Paragraph is one numbered paragraph of a version's text.
type Paragraph struct {
	Number int    `json:"number"`
	Text   string `json:"text"`
}

// Paragraphs splits a body into its paragraphs, numbered from 1. Paragraphs
// are separated by blank lines (lines of nothing but spaces count as
// blank); single line breaks stay inside a paragraph. Comments and
// amendments point at these numbers, so the split must be the same
// wherever it is made: this is the one place.
func Paragraphs(body string) []Paragraph {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	var out []Paragraph
	var cur []string
	flush := func() {
		if text := strings.TrimSpace(strings.Join(cur, "\n")); text != "" {
			out = append(out, Paragraph{Number: len(out) + 1, Text: text})
		}
		cur = cur[:0]
	}
	for line := range strings.SplitSeq(body, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, strings.TrimRight(line, " \t"))
	}
	flush()
	return out
}

// join is the canonical body of paragraphs: one blank line between each.
func join(ps []Paragraph) string {
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.Text
	}
	return strings.Join(texts, "\n\n")
}

// CleanBody returns body in its canonical form (paragraphs separated by
// exactly one blank line, no surrounding space), or EInvalid. Stored bodies
// are canonical, so that splitting a stored body always gives the numbers
// people saw.
func CleanBody(body string) (string, error) {
	if !utf8.ValidString(body) {
		return "", igfplus.Errorf(igfplus.EInvalid, "The text is not valid UTF-8.")
	}
	out := join(Paragraphs(body))
	if out == "" {
		return "", igfplus.Errorf(igfplus.EInvalid, "The text is empty.")
	}
	if utf8.RuneCountInString(out) > MaxBodyRunes {
		return "", igfplus.Errorf(igfplus.EInvalid, "The text is longer than %d characters.", MaxBodyRunes)
	}
	return out, nil
}

// cleanText trims s and checks it is valid UTF-8 of at most max runes, and
// not empty when required; what names the field in the error.
func cleanText(s string, what igfplus.Text, max int, required bool) (string, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	switch {
	case !utf8.ValidString(s):
		return "", igfplus.Errorf(igfplus.EInvalid, "The %s is not valid UTF-8.", what)
	case required && s == "":
		return "", igfplus.Errorf(igfplus.EInvalid, "The %s is empty.", what)
	case utf8.RuneCountInString(s) > max:
		return "", igfplus.Errorf(igfplus.EInvalid, "The %s is longer than %d characters.", what, max)
	}
	return s, nil
}

// ApplyAmendment returns body with paragraph number paragraph replaced by
// text, or with text added as a new last paragraph when paragraph is one
// past the last. The text may itself hold several paragraphs (a split), so
// the paragraphs after it may be renumbered. The result is canonical (see
// CleanBody). It is pure: tracks/voting calls it for an amendment that a
// poll accepted.
func ApplyAmendment(body string, paragraph int, text string) (string, error) {
	ps := Paragraphs(body)
	if paragraph < 1 || paragraph > len(ps)+1 {
		return "", igfplus.Errorf(igfplus.EInvalid, "There is no paragraph %d: the text has %d.", paragraph, len(ps))
	}
	text, err := CleanBody(text)
	if err != nil {
		return "", err
	}
	if paragraph <= len(ps) {
		ps[paragraph-1].Text = text
	} else {
		ps = append(ps, Paragraph{Text: text})
	}
	return CleanBody(join(ps))
}
