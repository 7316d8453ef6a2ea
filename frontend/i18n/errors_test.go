package i18n

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// errorCatalogue is a two-language catalogue whose French error file is
// errorsFR.
func errorCatalogue(errorsFR string) (*Catalogue, error) {
	fsys := fstest.MapFS{
		"en.json":        {Data: []byte(`{"hello": "Hello"}`)},
		"fr.json":        {Data: []byte(`{"hello": "Bonjour"}`)},
		"errors/fr.json": {Data: []byte(errorsFR)},
	}
	return Load(fsys, named("en", "fr"))
}

func TestAnErrorTranslationWithOtherVerbsIsRefused(t *testing.T) {
	for _, bad := range []string{
		`{"There are %d of %s.": "Il y a %s sur %d."}`,
		`{"There are %d of %s.": "Il y en a %d."}`,
		`{"There are %d of %s.": "Il y a %[1]d sur %[1]s."}`,
		`{"There are %d of %s.": ""}`,
	} {
		if _, err := errorCatalogue(bad); err == nil || !strings.Contains(err.Error(), "errors/fr") {
			t.Errorf("%s: loaded, or refused for another reason: %v", bad, err)
		}
	}
}

func TestAnErrorIsWordedInTheLocalizersLanguageWithItsWordsTranslated(t *testing.T) {
	c, err := errorCatalogue(`{"Version %d has %d paragraphs.": "%[2]d paragraphes dans la version %[1]d.",
		"The poll is already %s.": "Le scrutin est déjà à l’état « %s ».", "closed": "clos"}`)
	if err != nil {
		t.Fatal(err)
	}
	fr, en := c.Localizer("fr"), c.Localizer("en")
	var two igfplus.Texts
	two.Note("closed")
	two.Note("open")
	for _, tc := range []struct {
		err    error
		fr, en string
	}{
		{igfplus.Errorf(igfplus.EInvalid, "Version %d has %d paragraphs.", 3, 12), "12 paragraphes dans la version 3.", "Version 3 has 12 paragraphs."},
		{igfplus.Errorf(igfplus.EConflict, "The poll is already %s.", igfplus.Text("closed")), "Le scrutin est déjà à l’état « clos ».", "The poll is already closed."},
		// A list of words, each translated (open is not in the catalogue).
		{igfplus.Errorf(igfplus.EConflict, "The poll is already %s.", two), "Le scrutin est déjà à l’état « clos; open ».", "The poll is already closed; open."},
		// Other errors' messages, each localized with its own arguments.
		{igfplus.Errorf(igfplus.EConflict, "The poll is already %s.", igfplus.Errors{igfplus.Errorf(igfplus.EInvalid, "Version %d has %d paragraphs.", 1, 2)}),
			"Le scrutin est déjà à l’état « 2 paragraphes dans la version 1. ».", "The poll is already Version 1 has 2 paragraphs.."},
		// What the catalogue does not have stays English, whole.
		{igfplus.Errorf(igfplus.EConflict, "Not in the catalogue: %s.", igfplus.Text("closed")), "Not in the catalogue: clos.", "Not in the catalogue: closed."},
	} {
		if got := fr.Error(tc.err); got != tc.fr {
			t.Errorf("in French %q, want %q", got, tc.fr)
		}
		if got := en.Error(tc.err); got != tc.en {
			t.Errorf("in English %q, want %q", got, tc.en)
		}
	}
}
