package pages

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/translations"
)

// fakeTranslations has session 1's title and its first agenda item's in
// Spanish (the item's by a machine); Sam may edit.
type fakeTranslations struct {
	saved []translations.Change
}

func (f *fakeTranslations) Of(_ context.Context, refs ...translations.Ref) (translations.Texts, error) {
	s, item := translations.Ref{Kind: translations.Session, ID: 1}, translations.Ref{Kind: translations.AgendaItem, ID: 1}
	return translations.NewTexts([]translations.Translation{
		{Key: translations.Key{Ref: s, Field: translations.Title, Lang: "es"}, Text: "Conectar a los próximos mil millones", Origin: translations.Human},
		{Key: translations.Key{Ref: item, Field: translations.Title, Lang: "es"}, Text: "Apertura", Origin: translations.Machine, Engine: "MT"},
	}), nil
}

func (f *fakeTranslations) Entity(_ context.Context, r translations.Ref) (translations.Entity, error) {
	return translations.Entity{Ref: r, SourceLang: "en", TrackID: 10,
		Source: map[translations.Field]string{translations.Title: "Connecting the next billion", translations.Description: "About connectivity."}}, nil
}

func (f *fakeTranslations) MayTranslate(_ context.Context, who igfplus.Identity, _ translations.Ref) error {
	if who.Name == "Sam" {
		return nil
	}
	return igfplus.Errorf(igfplus.EForbidden, "Only the secretariat plans this track.")
}

func (f *fakeTranslations) Save(_ context.Context, _ igfplus.Identity, changes []translations.Change) error {
	f.saved = append(f.saved, changes...)
	return nil
}

func translatedFixture(t *testing.T) (*fixture, *fakeTranslations) {
	tr := &fakeTranslations{}
	f := newFixtureWith(t, func(d *Deps) {
		d.Translations = tr
		d.Sessions.(*fakeSessions).sessions[0].Language = "en"
	})
	return f, tr
}

// TestTheRoomGivesTheReadersLanguageWhereTranslatedElseTheSourceWithANote:
// a Spanish reader gets the Spanish title and first item (marked a
// machine's), the second item in English with its lang; a Russian reader
// the English, with a note in Russian naming English and a link to the
// Spanish; only an editor gets the link to translate.
func TestTheRoomGivesTheReadersLanguageWhereTranslatedElseTheSourceWithANote(t *testing.T) {
	f, _ := translatedFixture(t)
	mustContain(t, okPage(t, f, "/sessions/1?lang=es", "Amina"), `<h1 id="session-title" dir="auto" lang="es">Conectar a los próximos mil millones</h1>`,
		`<title>Conectar a los próximos mil millones`,
		`lang="es">Apertura</span> <span class="machine">traducción automática</span>`, `id="ai-2" dir="auto" lang="en">Panel</span>`,
		`id="machine-translated"`, `id="untranslated">Se muestra en su idioma original (inglés)`)
	// Read again: the Spanish must not stay behind in what the service
	// gave (the pages translate copies).
	body := okPage(t, f, "/sessions/1?lang=ru", "Amina")
	mustContain(t, body, `<h1 id="session-title" dir="auto" lang="en">Connecting the next billion</h1>`, `lang="en">Opening</span>`,
		`id="untranslated">Показано на языке оригинала (английский)`, `href="/sessions/1?lang=es" lang="es" hreflang="es">español</a>`)
	if strings.Contains(body, `id="translate-link"`) || strings.Contains(body, "machine-translated") {
		t.Error("a participant is offered to translate, or a machine's mark is shown for English")
	}
	mustContain(t, f.get("/sessions/1?lang=en", "Sam").Body.String(), `<a id="translate-link" href="/sessions/1/translations">Translate this session</a>`)
	mustContain(t, f.get("/?lang=es", "Amina").Body.String(), `>Conectar a los próximos mil millones</a>`)
}

// TestTheTranslationsFormSavesOneLanguage: the form shows each text beside
// its source, into the language chosen, and saves what it has (a machine
// translation with its service); a participant may not open it.
func TestTheTranslationsFormSavesOneLanguage(t *testing.T) {
	f, tr := translatedFixture(t)
	mustContain(t, okPage(t, f, "/sessions/1/translations?to=es&lang=en", "Sam"), `<h1>Translate the session</h1>`, `value="Conectar a los próximos mil millones"`,
		`<span lang="en" dir="auto" class="source-text">About connectivity.</span>`, `id="tr-item-2"`, `id="tr-machine" name="machine" value="true" checked`,
		`aria-current="page">español</a>`, `Translation into Spanish`)
	wantStatus(t, f.get("/sessions/1/translations", "Amina"), http.StatusForbidden)
	w := f.post("/sessions/1/translations", "Sam", url.Values{"to": {"fr"}, "title": {"Connecter"}, "description": {""}, "item-1": {"Ouverture"},
		"machine": {"true"}, "engine": {"MT"}})
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); loc != "/sessions/1/translations?saved=1&to=fr" {
		t.Errorf("back to %q", loc)
	}
	if len(tr.saved) != 3 || tr.saved[0].Lang != "fr" || tr.saved[0].Text != "Connecter" || tr.saved[0].Origin != translations.Machine ||
		tr.saved[0].Engine != "MT" || tr.saved[2].Ref != (translations.Ref{Kind: translations.AgendaItem, ID: 1}) {
		t.Errorf("saved %+v", tr.saved)
	}
	mustContain(t, f.get("/translations/track/10?lang=en", "Sam").Body.String(), `<h1>Translate the track</h1>`, `href="/tracks/10"`)
	wantStatus(t, f.get("/translations/agenda_item/1", "Sam"), http.StatusNotFound)
}
