package pages

import (
	"errors"
	"strings"
	"unicode"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/sessions"
)

// genderName says a self-described gender in the reader's language when it
// is one of the common words the catalogue knows ("woman", "Non-binary":
// message client.mod.gender.<word>, in lower case with spaces and hyphens
// as "_"; only moderators' pages show genders, and only theirs embed the
// client.mod. messages), and
// as written otherwise: people describe their gender in their own words,
// which no table covers. The client's balance panel (balance.ts) does the
// same with the same messages.
func genderName(v *view, g string) (string, error) {
	if g == sessions.NotStated {
		return v.T("client.mod.not_stated")
	}
	name, err := v.T("client.mod.gender." + genderKey(g))
	if errors.Is(err, i18n.ErrMissing) {
		return g, nil
	}
	return name, err
}

// genderKey is the catalogue's spelling of a gender word: lower case, runs
// of spaces, hyphens and underscores as one "_".
func genderKey(g string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(strings.TrimSpace(g)), func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '_'
	}), "_")
}
