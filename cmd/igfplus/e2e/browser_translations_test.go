package e2e

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
)

// translatedScene is a scheduled session, "Digital inclusion in
// practice", written in English with a description and a three-item
// agenda (Opening, Discussion, Conclusions), of the test's own forum.
type translatedScene struct {
	n      *node
	f      *forumtest.Forum
	id     int64
	agenda []int64
	room   string
	// sec is the Secretariat's token.
	sec string
	db  *pgdb.DB
}

func newTranslatedScene(t *testing.T) *translatedScene {
	t.Helper()
	c := newCluster(t)
	sc := &translatedScene{f: newForum(t, c), db: openDB(t, c)}
	sc.id, sc.agenda = sc.f.ScheduledSession(t, "Digital inclusion in practice")
	if _, err := sc.db.Pool.Exec(context.Background(), `UPDATE sessions SET description = 'How people get online and stay online.' WHERE id = $1`, sc.id); err != nil {
		t.Fatal(err)
	}
	sc.room = "/sessions/" + strconv.FormatInt(sc.id, 10)
	sc.n = startNode(t, c)
	sc.sec = signIn(t, sc.n, sc.f.Secretariat.Email, forumtest.Password)
	return sc
}

// translate puts a translation through the API as the Secretariat.
func (sc *translatedScene) translate(t *testing.T, kind string, id int64, field, lang, body string) {
	t.Helper()
	api(t, sc.n, "PUT", fmt.Sprintf("/api/translations/%s/%d/%s/%s", kind, id, field, lang), sc.sec, body, 200, nil)
}

// translatedJSON is what the API says of an entity's translations.
type translatedJSON struct {
	SourceLang   string `json:"source_lang"`
	Translations map[string]map[string]struct {
		Text     string `json:"text"`
		Origin   string `json:"origin"`
		Engine   string `json:"engine"`
		AuthorID int64  `json:"author_id"`
	} `json:"translations"`
}

// sessionTextsJSON is a session's texts as the API gives them.
type sessionTextsJSON struct {
	Title       string            `json:"title"`
	Description string            `json:"description"`
	SourceLang  string            `json:"source_lang"`
	TextLang    map[string]string `json:"text_lang"`
	Agenda      []struct {
		ID       int64             `json:"id"`
		Title    string            `json:"title"`
		TextLang map[string]string `json:"text_lang"`
	} `json:"agenda"`
}

// h1Is is a predicate: the page's heading is text, in lang.
func h1Is(text, lang string) string {
	return `document.querySelector("main h1")?.textContent === ` + js(text) + ` && document.querySelector("main h1").lang === ` + js(lang)
}

// itemIs is a predicate: agenda item id's title is text, in lang.
func itemIs(id int64, text, lang string) string {
	sel := `document.getElementById("ai-` + strconv.FormatInt(id, 10) + `")`
	return sel + `?.textContent === ` + js(text) + ` && ` + sel + `.lang === ` + js(lang)
}

// TestBrowserASpanishReaderGetsTheSpanishTitleAndAgendaAndARussianTheSourceWithANote:
// the Secretariat translates a session's title and two of its agenda's
// items into Spanish through the API (one a machine translation); the
// API gives them for ?lang=es and the English for ?lang=ru. In the room,
// with JavaScript on and off, a Spanish reader gets the Spanish title and
// items (the machine's marked as such), the rest in English with the
// note; a Russian reader gets the English with a note in Russian naming
// English, and the note's link to the Spanish takes her there, where the
// programme lists the session, its policy issue and its track in Spanish.
func TestBrowserASpanishReaderGetsTheSpanishTitleAndAgendaAndARussianTheSourceWithANote(t *testing.T) {
	chromiumtest.Path(t)
	sc := newTranslatedScene(t)
	sc.translate(t, "session", sc.id, "title", "es", `{"text":"La inclusión digital en la práctica"}`)
	sc.translate(t, "agenda_item", sc.agenda[0], "title", "es", `{"text":"Apertura"}`)
	sc.translate(t, "agenda_item", sc.agenda[1], "title", "es", `{"text":"Debate","origin":"machine","engine":"Test MT"}`)
	sc.translate(t, "policy_issue", sc.f.PolicyIssueID, "title", "es", `{"text":"Acceso para todos"}`)
	sc.translate(t, "track", sc.f.TrackID, "title", "es", `{"text":"Eje de acceso"}`)

	var es, ru sessionTextsJSON
	api(t, sc.n, "GET", "/api/sessions/"+strconv.FormatInt(sc.id, 10)+"?lang=es", "", "", 200, &es)
	api(t, sc.n, "GET", "/api/sessions/"+strconv.FormatInt(sc.id, 10)+"?lang=ru", "", "", 200, &ru)
	if es.Title != "La inclusión digital en la práctica" || es.TextLang["title"] != "es" || es.TextLang["description"] != "en" ||
		es.Agenda[0].Title != "Apertura" || es.Agenda[2].Title != "Conclusions" || es.Agenda[2].TextLang["title"] != "en" {
		t.Errorf("?lang=es: %+v", es)
	}
	if ru.Title != "Digital inclusion in practice" || ru.TextLang["title"] != "en" || ru.Agenda[0].Title != "Opening" || ru.SourceLang != "en" {
		t.Errorf("?lang=ru: %+v", ru)
	}
	amina := sc.f.Participant(t, "Amina Yusuf")
	machine := `document.querySelector('#agenda-list li[data-id="` + strconv.FormatInt(sc.agenda[1], 10) + `"] .machine')?.textContent === "traducción automática"`
	for _, script := range []bool{true, false} {
		b := chromiumtest.New(t)
		if !script {
			b = noScript(t)
		}
		how := map[bool]string{true: " (JavaScript on)", false: " (JavaScript off)"}[script]
		signInOn(t, b, sc.n, amina.Email, sc.room)
		open(t, b, sc.n.URL+sc.room+"?lang=es")
		waitFor(t, b, 10*time.Second, "the Spanish title and items"+how, h1Is("La inclusión digital en la práctica", "es")+` && `+
			itemIs(sc.agenda[0], "Apertura", "es")+` && `+itemIs(sc.agenda[1], "Debate", "es")+` && `+itemIs(sc.agenda[2], "Conclusions", "en")+` && `+machine+
			` && `+textOf("untranslated")+`.includes("inglés")`)
		open(t, b, sc.n.URL+sc.room+"?lang=ru")
		waitFor(t, b, 10*time.Second, "the English with a note in Russian"+how, h1Is("Digital inclusion in practice", "en")+` && `+
			itemIs(sc.agenda[0], "Opening", "en")+` && `+textOf("untranslated")+`.includes("английский")`+
			` && document.querySelector('#other-languages a[hreflang="es"]') !== null && document.querySelector('#other-languages a[hreflang="en"]') !== null`+
			` && document.getElementById("translate-link") === null`)
		press(t, b, "follow the note's link to the Spanish", `#other-languages a[hreflang="es"]`)
		waitFor(t, b, 10*time.Second, "the Spanish from the note's link"+how, h1Is("La inclusión digital en la práctica", "es"))
		open(t, b, sc.n.URL+"/")
		waitFor(t, b, 10*time.Second, "the Spanish titles in the programme"+how, `document.querySelector('main a[href="`+sc.room+`"]')?.textContent.includes("La inclusión digital en la práctica")`+
			` && document.querySelector("main").textContent.includes("Acceso para todos") && document.querySelector("main").textContent.includes("Eje de acceso")`)
	}
}

// TestBrowserTheSecretariatTranslatesASessionFromItsRoom: from the room's
// "Translate this session" link, the Secretariat picks Russian and
// translates the title and an item (JavaScript on); a Russian reader then
// gets them. With JavaScript off and the keyboard only, she translates
// into French, marked as a machine translation by the service named; a
// machine translation without the service's name comes back refused with
// what was typed.
func TestBrowserTheSecretariatTranslatesASessionFromItsRoom(t *testing.T) {
	chromiumtest.Path(t)
	sc := newTranslatedScene(t)
	form := sc.room + "/translations"
	b := chromiumtest.New(t)
	signInOn(t, b, sc.n, sc.f.Secretariat.Email, sc.room)
	press(t, b, "open the translations' form", "#translate-link")
	waitFor(t, b, 10*time.Second, "the form", `location.pathname === `+js(form)+` && document.getElementById("tr-title") !== null`)
	press(t, b, "choose Russian", "#to-ru")
	waitFor(t, b, 10*time.Second, "the form into Russian", `new URLSearchParams(location.search).get("to") === "ru" && document.querySelector("input[name=to]")?.value === "ru" && document.getElementById("to-ru").getAttribute("aria-current") === "page" && document.readyState === "complete"`)
	item := "tr-item-" + strconv.FormatInt(sc.agenda[0], 10)
	typeInto(t, b, "tr-title", "Цифровая инклюзия на практике")
	typeInto(t, b, item, "Открытие")
	press(t, b, "save", "#translate-save")
	waitFor(t, b, 10*time.Second, "saved", `document.getElementById("translation-saved") !== null && document.getElementById(`+js(item)+`).value === "Открытие"`)
	var got translatedJSON
	api(t, sc.n, "GET", "/api/translations/session/"+strconv.FormatInt(sc.id, 10), "", "", 200, &got)
	if tr := got.Translations["title"]["ru"]; tr.Text != "Цифровая инклюзия на практике" || tr.Origin != "human" || tr.AuthorID != sc.f.Secretariat.ID || got.SourceLang != "en" {
		t.Fatalf("after the form: %+v", got)
	}
	open(t, b, sc.n.URL+sc.room+"?lang=ru")
	waitFor(t, b, 10*time.Second, "the Russian title and item", h1Is("Цифровая инклюзия на практике", "ru")+` && `+itemIs(sc.agenda[0], "Открытие", "ru"))

	off := noScript(t)
	signInOn(t, off, sc.n, sc.f.Secretariat.Email, form)
	open(t, off, sc.n.URL+form+"?to=fr&lang=en")
	waitFor(t, off, 10*time.Second, "the form into French", `new URLSearchParams(location.search).get("to") === "fr" && document.querySelector("input[name=to]")?.value === "fr" && document.readyState === "complete"`)
	tabAndType(t, off, "tr-title", "L’inclusion numérique en pratique")
	tabTo(t, off, "tr-machine")
	step(t, off, 5*time.Second, "tick with Space", chromedp.KeyEvent(" "))
	enterOn(t, off, "translate-save")
	waitFor(t, off, 10*time.Second, "refused without the service's name, the text kept",
		`document.getElementById("translate-problem") !== null && document.getElementById("tr-title").value === "L’inclusion numérique en pratique" && document.getElementById("tr-machine").checked`)
	tabAndType(t, off, "tr-engine", "Test MT")
	enterOn(t, off, "translate-save")
	waitFor(t, off, 10*time.Second, "saved without JavaScript", `document.getElementById("translation-saved") !== null`)
	api(t, sc.n, "GET", "/api/translations/session/"+strconv.FormatInt(sc.id, 10), "", "", 200, &got)
	if tr := got.Translations["title"]["fr"]; tr.Text != "L’inclusion numérique en pratique" || tr.Origin != "machine" || tr.Engine != "Test MT" {
		t.Fatalf("after the form without JavaScript: %+v", got)
	}
	open(t, off, sc.n.URL+sc.room+"?lang=fr")
	waitFor(t, off, 10*time.Second, "the French title, said to be a machine's", h1Is("L’inclusion numérique en pratique", "fr")+` && document.getElementById("machine-translated") !== null`)
}

// TestTheTranslationsAPIAuthorisesAsEditingTheSession: a participant may
// not translate a session (403), nobody signed in is asked to sign in
// (401), a translation into the source language or a machine's without
// its service is refused (422), and a deleted translation is gone; a
// policy issue is the Secretariat's to translate, and the edition's
// answer gives it in the reader's language.
func TestTheTranslationsAPIAuthorisesAsEditingTheSession(t *testing.T) {
	sc := newTranslatedScene(t)
	path := fmt.Sprintf("/api/translations/session/%d/title/", sc.id)
	amina := signInAs(t, sc.n, sc.f.Participant(t, "Amina Yusuf"))
	api(t, sc.n, "PUT", path+"es", amina, `{"text":"Mía"}`, 403, nil)
	api(t, sc.n, "PUT", path+"es", "", `{"text":"Nadie"}`, 401, nil)
	api(t, sc.n, "PUT", path+"en", sc.sec, `{"text":"Same language"}`, 422, nil)
	api(t, sc.n, "PUT", path+"es", sc.sec, `{"text":"Sí","origin":"machine"}`, 422, nil)
	api(t, sc.n, "PUT", path+"es", sc.sec, `{"text":"La inclusión digital"}`, 200, nil)
	api(t, sc.n, "DELETE", path+"es", amina, "", 403, nil)
	api(t, sc.n, "DELETE", path+"es", sc.sec, "", 204, nil)
	var got translatedJSON
	api(t, sc.n, "GET", "/api/translations/session/"+strconv.FormatInt(sc.id, 10), "", "", 200, &got)
	if len(got.Translations) != 0 {
		t.Fatalf("after DELETE: %+v", got)
	}

	// The edition's policy issues and tracks, likewise.
	sc.translate(t, "policy_issue", sc.f.PolicyIssueID, "title", "es", `{"text":"Acceso para todos"}`)
	api(t, sc.n, "PUT", fmt.Sprintf("/api/translations/policy_issue/%d/title/fr", sc.f.PolicyIssueID), signInAs(t, sc.n, sc.f.Moderator), `{"text":"Accès"}`, 403, nil)
	var ed struct {
		PolicyIssues []struct {
			ID         int64             `json:"id"`
			Title      string            `json:"title"`
			SourceLang string            `json:"source_lang"`
			TextLang   map[string]string `json:"text_lang"`
		} `json:"policy_issues"`
	}
	api(t, sc.n, "GET", "/api/editions/current?lang=es", "", "", 200, &ed)
	if pi := ed.PolicyIssues[0]; pi.Title != "Acceso para todos" || pi.SourceLang != "en" || pi.TextLang["title"] != "es" {
		t.Fatalf("the edition in Spanish: %+v", ed)
	}
	api(t, sc.n, "GET", "/api/editions/current?lang=xx", "", "", 422, nil)
}

// TestAxeFindsNoViolationsInTranslatedPages: the room with the note and
// a machine translation's mark (Spanish, Russian, Arabic), and the
// translations' form (English, Arabic).
func TestAxeFindsNoViolationsInTranslatedPages(t *testing.T) {
	src := axeSetUp(t)
	sc := newTranslatedScene(t)
	sc.translate(t, "session", sc.id, "title", "es", `{"text":"La inclusión digital en la práctica"}`)
	sc.translate(t, "agenda_item", sc.agenda[1], "title", "es", `{"text":"Debate","origin":"machine","engine":"Test MT"}`)
	b := chromiumtest.New(t)
	signInOn(t, b, sc.n, sc.f.Secretariat.Email, sc.room)
	for _, lang := range []string{"es", "ru", "ar"} {
		open(t, b, sc.n.URL+sc.room+"?lang="+lang)
		waitFor(t, b, 10*time.Second, "the note", `document.getElementById("translation-note") !== null`)
		chromiumtest.CheckAxe(t, b, src, sc.room+" ("+lang+")")
	}
	for _, lang := range []string{"en", "ar"} {
		open(t, b, sc.n.URL+sc.room+"/translations?to=es&lang="+lang)
		waitFor(t, b, 10*time.Second, "the form", `document.getElementById("tr-title") !== null`)
		chromiumtest.CheckAxe(t, b, src, sc.room+"/translations ("+lang+")")
	}
}

// TestBrowserTheSecretariatTranslatesAPolicyIssueAndATrackFromTheProgrammesSetUp:
// from the programme's set-up, the Secretariat translates the policy
// issue's title into French (JavaScript on, clicks) and the track's into
// Chinese (JavaScript off, the keyboard only); the programme then shows
// them to French and Chinese readers, and the track's page (which links
// its planners to its form) to Chinese readers.
func TestBrowserTheSecretariatTranslatesAPolicyIssueAndATrackFromTheProgrammesSetUp(t *testing.T) {
	chromiumtest.Path(t)
	sc := newTranslatedScene(t)
	issue, track := "issue-"+strconv.FormatInt(sc.f.PolicyIssueID, 10), "track-"+strconv.FormatInt(sc.f.TrackID, 10)
	b := chromiumtest.New(t)
	signInOn(t, b, sc.n, sc.f.Secretariat.Email, "/admin/programme")
	press(t, b, "translate the policy issue", "#"+issue+"-translate")
	waitFor(t, b, 10*time.Second, "the issue's form", `location.pathname === "/translations/policy_issue/`+strconv.FormatInt(sc.f.PolicyIssueID, 10)+`" && `+textOf("translate-of")+` === "Access for all"`)
	press(t, b, "choose French", "#to-fr")
	waitFor(t, b, 10*time.Second, "the form into French", `new URLSearchParams(location.search).get("to") === "fr" && document.querySelector("input[name=to]")?.value === "fr" && document.readyState === "complete"`)
	typeInto(t, b, "tr-title", "L’accès pour tous")
	press(t, b, "save", "#translate-save")
	waitFor(t, b, 10*time.Second, "saved", `document.getElementById("translation-saved") !== null`)
	open(t, b, sc.n.URL+"/?lang=fr")
	waitFor(t, b, 10*time.Second, "the issue in French in the programme", `document.querySelector("main").textContent.includes("L’accès pour tous")`)
	// The track's planners reach its form from the track's page too.
	open(t, b, sc.n.URL+"/tracks/"+strconv.FormatInt(sc.f.TrackID, 10)+"?lang=en")
	press(t, b, "translate the track from its page", "#track-translate")
	waitFor(t, b, 10*time.Second, "the track's form", `location.pathname === "/translations/track/`+strconv.FormatInt(sc.f.TrackID, 10)+`" && `+textOf("translate-of")+` === "Access track"`)

	off := noScript(t)
	signInOn(t, off, sc.n, sc.f.Secretariat.Email, "/admin/programme")
	open(t, off, sc.n.URL+"/admin/programme?lang=en")
	// The page is long: start from the track's own form.
	eval[bool](t, off, 5*time.Second, `(document.getElementById(`+js(track+"-save")+`).focus(), true)`)
	enterOn(t, off, track+"-translate")
	waitFor(t, off, 10*time.Second, "the track's form", `location.pathname === "/translations/track/`+strconv.FormatInt(sc.f.TrackID, 10)+`"`)
	enterOn(t, off, "to-zh")
	waitFor(t, off, 10*time.Second, "the form into Chinese", `document.querySelector("input[name=to]")?.value === "zh" && document.readyState === "complete"`)
	tabAndType(t, off, "tr-title", "普及轨道")
	enterOn(t, off, "translate-save")
	waitFor(t, off, 10*time.Second, "saved without JavaScript", `document.getElementById("translation-saved") !== null`)
	open(t, off, sc.n.URL+"/?lang=zh")
	waitFor(t, off, 10*time.Second, "the track in Chinese in the programme", `document.querySelector("main").textContent.includes("普及轨道")`)
	open(t, off, sc.n.URL+"/tracks/"+strconv.FormatInt(sc.f.TrackID, 10))
	waitFor(t, off, 10*time.Second, "the track's page in Chinese", `document.querySelector("main h1")?.textContent === "普及轨道"`)
}

// TestEveryListGivesASpanishReaderTheSpanishTitle (#20 point 2): where a
// session is listed — the API's list and schedule, the schedule page, the
// calendar feeds, search and the public wall — a Spanish reader gets its
// Spanish title and description, a Russian reader the English source.
func TestEveryListGivesASpanishReaderTheSpanishTitle(t *testing.T) {
	sc := newTranslatedScene(t)
	const title, description = "La inclusión digital en la práctica", "Cómo se conecta la gente."
	sc.translate(t, "session", sc.id, "title", "es", `{"text":`+js(title)+`}`)
	sc.translate(t, "session", sc.id, "description", "es", `{"text":`+js(description)+`}`)
	amina := signInAs(t, sc.n, sc.f.Participant(t, "Amina Yusuf"))
	api(t, sc.n, "PUT", "/api"+sc.room+"/follow", amina, "", 204, nil)
	var feed struct {
		Token string `json:"token"`
	}
	api(t, sc.n, "POST", "/api/me/calendar-token", amina, "", 201, &feed)
	for _, lang := range []string{"es", "ru"} {
		wantTitle, wantDesc := title, description
		if lang == "ru" {
			wantTitle, wantDesc = "Digital inclusion in practice", "How people get online and stay online."
		}
		for _, path := range []string{"/api/sessions?lang=" + lang, "/api/me/schedule?lang=" + lang} {
			var list struct {
				Sessions []sessionTextsJSON `json:"sessions"`
			}
			api(t, sc.n, "GET", path, amina, "", 200, &list)
			i := slices.IndexFunc(list.Sessions, func(s sessionTextsJSON) bool { return s.Title == wantTitle })
			if i < 0 || list.Sessions[i].Description != wantDesc || list.Sessions[i].TextLang["title"] != map[string]string{"es": "es", "ru": "en"}[lang] {
				t.Errorf("GET %s: %+v", path, list.Sessions)
			}
		}
		for _, u := range []string{"/calendar.ics?lang=" + lang, sc.room + "/calendar.ics?lang=" + lang, "/me/calendar.ics?token=" + feed.Token + "&lang=" + lang} {
			ev := eventOf(t, calendar(t, sc.n.URL+u, http.StatusOK), sc.id)
			if got := ev.GetProperty(ics.ComponentPropertySummary).Value; got != wantTitle {
				t.Errorf("GET %s: the event's summary %q, want %q", u, got, wantTitle)
			}
		}
		for _, page := range []string{"/search?q=inclusion&lang=" + lang, sc.room + "/wall?lang=" + lang, "/me/schedule?lang=" + lang} {
			if _, body := apiDo(t, sc.n, amina, http.MethodGet, page, nil); !strings.Contains(string(body), html.EscapeString(wantTitle)) {
				t.Errorf("GET %s: no %q in the page", page, wantTitle)
			}
		}
	}
}

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
	waitFor(t, b, 10*time.Second, "the form into French", `new URLSearchParams(location.search).get("to") === "fr" && document.querySelector("input[name=to]")?.value === "fr" && document.getElementById("tr-body") !== null && document.readyState === "complete"`)
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
	src := axeSetUp(t)
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
		chromiumtest.CheckAxe(t, b, src, page+" ("+lang+")")
	}
	form := fmt.Sprintf("/translations/recommendation_version/%d", version)
	for _, lang := range []string{"en", "ar"} {
		open(t, b, sc.n.URL+form+"?to=es&lang="+lang)
		waitFor(t, b, 10*time.Second, "the form", `document.getElementById("tr-body") !== null`)
		chromiumtest.CheckAxe(t, b, src, form+" ("+lang+")")
	}
	pub := sc.publication(t)
	for _, lang := range []string{"en", "ar"} {
		open(t, b, sc.n.URL+"/publications/"+strconv.FormatInt(pub, 10)+"?lang="+lang)
		waitFor(t, b, 10*time.Second, "the note", `document.getElementById("translation-note") !== null`)
		chromiumtest.CheckAxe(t, b, src, "/publications ("+lang+")")
	}
}
