package translations

import (
	"slices"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestAReaderGetsHerLanguageWhereTranslatedElseTheSourceMarkedUntranslated(t *testing.T) {
	s, item := Ref{Session, 1}, Ref{AgendaItem, 7}
	texts := NewTexts([]Translation{
		{Key: Key{s, Title, "es"}, Text: "Inclusión digital", Origin: Human},
		{Key: Key{item, Title, "es"}, Text: "Apertura", Origin: Machine, Engine: "MT"},
		{Key: Key{item, Title, "fr"}, Text: "Ouverture", Origin: Human},
	})
	for _, tc := range []struct {
		r          Ref
		f          Field
		source     string
		want       string
		text, lang string
		untrans    bool
		origin     Origin
	}{
		{s, Title, "Digital inclusion", "es", "Inclusión digital", "es", false, Human},
		{s, Title, "Digital inclusion", "ru", "Digital inclusion", "en", true, ""},
		{s, Title, "Digital inclusion", "en", "Digital inclusion", "en", false, ""},
		{s, Description, "", "ru", "", "en", false, ""}, // nothing to translate
		{s, Description, "About it", "es", "About it", "en", true, ""},
		{item, Title, "Opening", "es", "Apertura", "es", false, Machine},
	} {
		got := texts.Resolve(tc.r, tc.f, tc.source, "en", tc.want)
		if got.Text != tc.text || got.Lang != tc.lang || got.Untranslated != tc.untrans || got.Origin != tc.origin || got.Translated != (tc.origin != "") {
			t.Errorf("%v %s for %s: %+v", tc.r, tc.f, tc.want, got)
		}
	}
	if got := texts.Languages(s, item); !slices.Equal(got, []string{"fr", "es"}) {
		t.Errorf("languages %v, want fr, es (igfplus.Languages' order)", got)
	}
	if got := texts.Languages(s); !slices.Equal(got, []string{"es"}) {
		t.Errorf("the session's own languages %v", got)
	}
}

func TestAChangeIsCheckedAgainstItsEntity(t *testing.T) {
	e := Entity{Ref: Ref{Session, 1}, SourceLang: "en", TrackID: 3}
	long := string(make([]rune, 301))
	for _, tc := range []struct {
		c    Change
		want igfplus.Code
	}{
		{Change{Key: Key{e.Ref, Title, "es"}, Text: " Hola "}, ""},
		{Change{Key: Key{e.Ref, Title, "es"}, Text: "Hola", Origin: Machine, Engine: "MT"}, ""},
		{Change{Key: Key{e.Ref, Title, "en"}, Text: "Hello"}, igfplus.EInvalid},                 // the source
		{Change{Key: Key{e.Ref, Title, "de"}, Text: "Hallo"}, igfplus.EInvalid},                 // not a UN language
		{Change{Key: Key{e.Ref, Summary, "es"}, Text: "Resumen"}, igfplus.EInvalid},             // a session has none
		{Change{Key: Key{e.Ref, Title, "es"}, Text: long}, igfplus.EInvalid},                    // too long
		{Change{Key: Key{e.Ref, Title, "es"}, Text: "Hola", Origin: Machine}, igfplus.EInvalid}, // no service named
		{Change{Key: Key{e.Ref, Title, "es"}, Text: "Hola", Engine: "MT"}, igfplus.EInvalid},    // a person's with a service
		{Change{Key: Key{e.Ref, Title, "es"}, Text: "Hola", Origin: "robot"}, igfplus.EInvalid},
	} {
		c := tc.c
		if err := c.check(e); igfplus.ErrorCode(err) != tc.want {
			t.Errorf("%+v: %v, want %q", tc.c, err, tc.want)
		}
	}
}
