package e2e

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
)

// recommendation drafts, as the Secretariat, a recommendation of the
// scene's (English) session in two paragraphs, and returns its id and
// its current version's.
func (sc *translatedScene) recommendation(t *testing.T) (rec, version int64) {
	t.Helper()
	var r struct {
		ID         int64  `json:"id"`
		SourceLang string `json:"source_lang"`
	}
	api(t, sc.n, "POST", "/api/recommendations", sc.sec, fmt.Sprintf(`{"track_id":%d,"policy_issue_id":%d,"session_id":%d,"title":"Open data on connectivity","summary":"Publish the targets.","body":"Publish connectivity targets.\n\nReview them yearly."}`,
		sc.f.TrackID, sc.f.PolicyIssueID, sc.id), 201, &r)
	var d struct {
		Current struct {
			ID int64 `json:"id"`
		} `json:"current"`
	}
	api(t, sc.n, "GET", "/api/recommendations/"+strconv.FormatInt(r.ID, 10), "", "", 200, &d)
	if r.SourceLang != "en" || d.Current.ID == 0 {
		t.Fatalf("the recommendation: %+v, its version %+v", r, d)
	}
	return r.ID, d.Current.ID
}

// publication is a published recommendation (English) whose summary,
// "Support community networks.", the high-level body translated into
// Spanish.
func (sc *translatedScene) publication(t *testing.T) int64 {
	t.Helper()
	pub := pubtest.Fixture{EditionID: sc.f.EditionID, PolicyIssueID: sc.f.PolicyIssueID, TrackID: sc.f.TrackID, Secretariat: sc.f.Secretariat.ID}.
		Adopted(t, sc.db, "Community networks")
	pubtest.MustExec(t, sc.db, `INSERT INTO publications (recommendation_id, version, summary) VALUES ($1, 1, 'Support community networks.')`, pub)
	pubtest.MustExec(t, sc.db, `INSERT INTO publication_translations (recommendation_id, language, text, updated_by) VALUES ($1, 'es', 'Apoyar las redes comunitarias.', $2)`, pub, sc.f.Secretariat.ID)
	return pub
}

// TestBrowserARecommendationsVersionAndAPublicationInTheReadersLanguage:
// the Secretariat translates a recommendation's current version into
// Spanish through the API (kind recommendation_version); with JavaScript
// on and off a Spanish reader gets its title and, read-only beside the
// English text the drafting works on, its body in Spanish, with the note
// saying so; a Russian reader gets the English with the note in Russian
// and a link to the Spanish. A published recommendation's summary,
// translated into Spanish by the high-level body, likewise.
func TestBrowserARecommendationsVersionAndAPublicationInTheReadersLanguage(t *testing.T) {
	chromiumtest.Path(t)
	sc := newTranslatedScene(t)
	rec, version := sc.recommendation(t)
	sc.translate(t, "recommendation_version", version, "title", "es", `{"text":"Datos abiertos sobre conectividad"}`)
	sc.translate(t, "recommendation_version", version, "body", "es", `{"text":"Publicar las metas de conectividad.\n\nRevisarlas cada año.","origin":"machine","engine":"Test MT"}`)
	var got translatedJSON
	api(t, sc.n, "GET", fmt.Sprintf("/api/translations/recommendation_version/%d", version), "", "", 200, &got)
	if got.SourceLang != "en" || got.Translations["body"]["es"].Engine != "Test MT" {
		t.Fatalf("the version's translations: %+v", got)
	}
	pub := sc.publication(t)

	page, pubPage := "/recommendations/"+strconv.FormatInt(rec, 10), "/publications/"+strconv.FormatInt(pub, 10)
	spanish := `document.querySelector("#text-translated li")?.textContent === "Publicar las metas de conectividad." && document.getElementById("text-translated").lang === "es"` +
		` && document.querySelector("#text-translated .machine") !== null && document.getElementById("source-note")?.textContent.includes("inglés")` +
		` && document.querySelector("#p1 .ptext span").textContent === "Publish connectivity targets." && document.querySelector("#rec-summary").lang === "en"`
	amina := sc.f.Participant(t, "Amina Yusuf")
	for _, script := range []bool{true, false} {
		b := chromiumtest.New(t)
		if !script {
			b = noScript(t)
		}
		how := map[bool]string{true: " (JavaScript on)", false: " (JavaScript off)"}[script]
		signInOn(t, b, sc.n, amina.Email, page)
		open(t, b, sc.n.URL+page+"?lang=es")
		waitFor(t, b, 10*time.Second, "the Spanish version beside the English"+how, h1Is("Datos abiertos sobre conectividad", "es")+` && `+spanish+
			` && `+textOf("untranslated")+`.includes("inglés") && document.getElementById("translate-link") === null`)
		open(t, b, sc.n.URL+page+"?lang=ru")
		waitFor(t, b, 10*time.Second, "the English with a note in Russian"+how, h1Is("Open data on connectivity", "en")+` && `+
			textOf("untranslated")+`.includes("английский") && document.getElementById("text-translated") === null`+
			` && document.querySelector('#other-languages a[hreflang="es"]') !== null`)
		press(t, b, "follow the note's link to the Spanish", `#other-languages a[hreflang="es"]`)
		waitFor(t, b, 10*time.Second, "the Spanish from the note's link"+how, h1Is("Datos abiertos sobre conectividad", "es"))

		open(t, b, sc.n.URL+pubPage+"?lang=es")
		waitFor(t, b, 10*time.Second, "the publication's Spanish summary"+how, textOf("pub-summary")+` === "Apoyar las redes comunitarias." && document.getElementById("pub-summary").lang === "es"`+
			` && document.getElementById("untranslated") === null`)
		open(t, b, sc.n.URL+"/publications?lang=es")
		waitFor(t, b, 10*time.Second, "the archive's Spanish summary"+how, `[...document.querySelectorAll("#archive-list p[lang=es]")].some((p) => p.textContent === "Apoyar las redes comunitarias.")`)
		open(t, b, sc.n.URL+pubPage+"?lang=ru")
		waitFor(t, b, 10*time.Second, "the publication's English summary with the note"+how, textOf("pub-summary")+` === "Support community networks." && document.getElementById("pub-summary").lang === "en"`+
			` && `+textOf("untranslated")+`.includes("английский") && document.querySelector('#other-languages a[hreflang="es"]') !== null`)
	}
}

// TestBrowserTheDrafterTranslatesAVersionFromTheRecommendationsPage: from
// the page's "Translate this version" link the Secretariat (who runs the
// session) translates the body into French (JavaScript on, clicks), and
// then, with JavaScript off and the keyboard only, the title into
// Arabic; readers of each get them, and a new version shows live as
// untranslated on the French reader's open page. The API refuses a
// participant who does not draft it.
func TestBrowserTheDrafterTranslatesAVersionFromTheRecommendationsPage(t *testing.T) {
	chromiumtest.Path(t)
	sc := newTranslatedScene(t)
	rec, version := sc.recommendation(t)
	page, form := "/recommendations/"+strconv.FormatInt(rec, 10), fmt.Sprintf("/translations/recommendation_version/%d", version)
	amina := signInAs(t, sc.n, sc.f.Participant(t, "Amina Yusuf"))
	api(t, sc.n, "PUT", "/api"+form+"/title/fr", amina, `{"text":"À moi"}`, 403, nil)

	b := chromiumtest.New(t)
	signInOn(t, b, sc.n, sc.f.Secretariat.Email, page)
	press(t, b, "open the version's translation form", "#translate-link")
	waitFor(t, b, 10*time.Second, "the form", `location.pathname === `+js(form)+` && document.getElementById("tr-body") !== null && document.getElementById("translate-back").getAttribute("href") === `+js(page))
	press(t, b, "choose French", "#to-fr")
	waitFor(t, b, 10*time.Second, "the form into French", `document.querySelector("input[name=to]")?.value === "fr" && document.getElementById("tr-body") !== null && document.readyState === "complete"`)
	typeInto(t, b, "tr-body", "Publier les objectifs de connectivité.")
	press(t, b, "save", "#translate-save")
	waitFor(t, b, 10*time.Second, "saved", `document.getElementById("translation-saved") !== null`)
	open(t, b, sc.n.URL+page+"?lang=fr")
	waitFor(t, b, 10*time.Second, "the French body", `document.querySelector("#text-translated li")?.textContent === "Publier les objectifs de connectivité."`)

	off := noScript(t)
	signInOn(t, off, sc.n, sc.f.Secretariat.Email, form)
	open(t, off, sc.n.URL+form+"?to=ar&lang=en")
	waitFor(t, off, 10*time.Second, "the form into Arabic", `document.querySelector("input[name=to]")?.value === "ar" && document.getElementById("translate-save") !== null && document.readyState === "complete"`)
	tabAndType(t, off, "tr-title", "بيانات مفتوحة عن الاتصال")
	enterOn(t, off, "translate-save")
	waitFor(t, off, 10*time.Second, "saved without JavaScript", `document.getElementById("translation-saved") !== null`)
	open(t, off, sc.n.URL+page+"?lang=ar")
	waitFor(t, off, 10*time.Second, "the Arabic title, the body in English with the note", h1Is("بيانات مفتوحة عن الاتصال", "ar")+
		` && document.getElementById("untranslated") !== null && document.getElementById("text-translated") === null`)

	// A new version starts untranslated: the French reader's open page
	// (live) shows its English text with the note, without a reload.
	open(t, b, sc.n.URL+page+"?lang=fr")
	waitFor(t, b, 10*time.Second, "the French body again", `document.getElementById("text-translated") !== null && document.getElementById("rec-conn")?.textContent !== ""`)
	api(t, sc.n, "POST", "/api/recommendations/"+strconv.FormatInt(rec, 10)+"/versions", sc.sec, `{"based_on":1,"body":"Publish the targets as open data."}`, 201, nil)
	waitFor(t, b, 15*time.Second, "the new version in English with the note, live", `document.getElementById("text-translated") === null && document.getElementById("untranslated") !== null`+
		` && document.querySelector("#p1 .ptext span")?.textContent === "Publish the targets as open data."`)
}

// TestAxeFindsNoViolationsInTranslatedRecommendationsAndPublications: the
// recommendation's page with its version in Spanish beside the English,
// and with the note (English, Arabic); the version's form (English,
// Arabic); the publication with its note (Arabic).
func TestAxeFindsNoViolationsInTranslatedRecommendationsAndPublications(t *testing.T) {
	chromiumtest.Path(t)
	src := axeSource(t)
	sc := newTranslatedScene(t)
	rec, version := sc.recommendation(t)
	sc.translate(t, "recommendation_version", version, "body", "es", `{"text":"Publicar las metas.","origin":"machine","engine":"Test MT"}`)
	sc.translate(t, "recommendation_version", version, "title", "es", `{"text":"Datos abiertos"}`)
	page := "/recommendations/" + strconv.FormatInt(rec, 10)
	b := chromiumtest.New(t)
	signInOn(t, b, sc.n, sc.f.Secretariat.Email, page)
	for _, lang := range []string{"es", "en", "ar"} {
		open(t, b, sc.n.URL+page+"?lang="+lang)
		waitFor(t, b, 10*time.Second, "the note", `document.getElementById("translation-note") !== null`)
		checkAxe(t, b, src, page+" ("+lang+")")
	}
	form := fmt.Sprintf("/translations/recommendation_version/%d", version)
	for _, lang := range []string{"en", "ar"} {
		open(t, b, sc.n.URL+form+"?to=es&lang="+lang)
		waitFor(t, b, 10*time.Second, "the form", `document.getElementById("tr-body") !== null`)
		checkAxe(t, b, src, form+" ("+lang+")")
	}
	pub := sc.publication(t)
	for _, lang := range []string{"en", "ar"} {
		open(t, b, sc.n.URL+"/publications/"+strconv.FormatInt(pub, 10)+"?lang="+lang)
		waitFor(t, b, 10*time.Second, "the note", `document.getElementById("translation-note") !== null`)
		checkAxe(t, b, src, "/publications ("+lang+")")
	}
}
