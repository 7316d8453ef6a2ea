package pages

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/recommendations"
)

// wantAnswer fails unless the answer has status and, when to is not empty,
// redirects there; it returns the page.
func wantAnswer(t *testing.T, what string, rec *http.Response, body string, status int, to string) {
	t.Helper()
	if rec.StatusCode != status || (to != "" && rec.Header.Get("Location") != to) {
		t.Fatalf("%s: %d to %q, want %d to %q\n%s", what, rec.StatusCode, rec.Header.Get("Location"), status, to, body)
	}
}

func (w *recWorld) post(t *testing.T, what, target, user string, form url.Values, status int, to string) string {
	t.Helper()
	rec := w.do(http.MethodPost, target, user, form)
	wantAnswer(t, what, rec.Result(), rec.Body.String(), status, to)
	return rec.Body.String()
}

func (w *recWorld) get(t *testing.T, target, user string) string {
	t.Helper()
	rec := w.do(http.MethodGet, target, user, nil)
	wantAnswer(t, "GET "+target, rec.Result(), rec.Body.String(), http.StatusOK, "")
	return rec.Body.String()
}

// within returns the element of page with id (up to its closing tag of
// the same name, not nested in one of that name).
func within(page, id string) string {
	re := regexp.MustCompile(`<(\w+)[^>]* id="` + regexp.QuoteMeta(id) + `"`)
	m := re.FindStringSubmatchIndex(page)
	if m == nil {
		return ""
	}
	tag := page[m[2]:m[3]]
	rest := page[m[0]:]
	depth, i := 0, 0
	open, closing := "<"+tag, "</"+tag+">"
	for i < len(rest) {
		o, c := strings.Index(rest[i+1:], open), strings.Index(rest[i:], closing)
		if c < 0 {
			return rest
		}
		if o >= 0 && o+i+1 < c+i {
			depth++
			i += o + 1
			continue
		}
		if depth == 0 {
			return rest[:i+c+len(closing)]
		}
		depth--
		i += c + len(closing)
	}
	return rest
}

func holds(t *testing.T, what, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, s)
		}
	}
}

var idAfter = regexp.MustCompile(`#(?:comment|amendment)-(\d+)$`)

func TestRecommendationFormsWorkWithoutJavaScriptAndRefuseBadInputBesideTheControl(t *testing.T) {
	w := newRecWorld(t)
	if page := w.get(t, "/recommendations", ""); !strings.Contains(page, "0 recommendations") {
		t.Fatalf("an empty list:\n%s", page)
	}
	newForm := url.Values{"policy_issue": {fmt.Sprint(w.issue)}, "track": {fmt.Sprint(w.track)}, "session": {fmt.Sprint(w.session)},
		"title": {" "}, "summary": {"Make the last mile cheaper."},
		"body": {"Governments should fund community networks.\n\nOperators should share their towers.\n\nRegulators should free spectrum."}}
	page := w.post(t, "a draft without a title", "/recommendations", "Lucia", newForm, http.StatusUnprocessableEntity, "")
	holds(t, "the refused draft", page, `<p id="rec-title-error" class="error">Give it a title.</p>`,
		`aria-describedby="rec-title-error" aria-invalid="true"`, "Make the last mile cheaper.")
	newForm.Set("title", "Affordable access for all")
	rec := w.do(http.MethodPost, "/recommendations", "Lucia", newForm)
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/recommendations/") {
		t.Fatalf("draft: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	here := rec.Header().Get("Location")
	if page = w.post(t, "a draft by a participant", "/recommendations", "Amina", newForm, http.StatusForbidden, ""); !strings.Contains(page, `id="form-problem"`) && !strings.Contains(page, "Only the Secretariat") {
		t.Errorf("the participant's refused draft says nothing:\n%s", page)
	}

	list := w.get(t, "/recommendations", "")
	holds(t, "the list", list, "Universal access", "Access and inclusion", "Affordable access for all", "Draft, open for comment")
	if list = w.get(t, "/recommendations?state=adopted", ""); strings.Contains(list, "Affordable access for all") {
		t.Errorf("the adopted ones list a draft:\n%s", list)
	}

	// Amina comments on paragraph 2; Rajesh answers her.
	to := w.post(t, "a comment", here+"/comments", "Amina", url.Values{"version": {"1"}, "paragraph": {"2"}, "body": {"Which operators?"}}, http.StatusSeeOther, "")
	_ = to
	loc := w.do(http.MethodPost, here+"/comments", "Amina", url.Values{"version": {"1"}, "paragraph": {"2"}, "body": {"And which towers?"}}).Header().Get("Location")
	m := idAfter.FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("a comment goes to %q", loc)
	}
	w.post(t, "a reply", here+"/comments", "Rajesh", url.Values{"reply_to": {m[1]}, "body": {"Mobile ones."}}, http.StatusSeeOther, "")
	page = w.get(t, here, "Amina")
	thread := within(page, "p2-comment-list")
	holds(t, "paragraph 2's comments", thread, "Which operators?", "And which towers?", "Mobile ones.", `class="comment reply"`, "Civil society", "Academia")
	page = w.post(t, "an empty comment", here+"/comments", "Amina", url.Values{"version": {"1"}, "paragraph": {"3"}, "body": {"  "}}, http.StatusUnprocessableEntity, "")
	holds(t, "the empty comment's form", within(page, "p3-comments"), `<p id="comment-p3-error" class="error">Write something before posting.</p>`, `aria-invalid="true"`, " open>")

	// An amendment to a paragraph that does not exist changes nothing.
	page = w.post(t, "an amendment to paragraph 9", here+"/amendments", "Amina", url.Values{"version": {"1"}, "paragraph": {"9"}, "text": {"Nine."}}, http.StatusUnprocessableEntity, "")
	holds(t, "the refused amendment", within(page, "form-problem"), "There is no paragraph 9: the text has 3.")
	if n := w.count(t, `SELECT count(*) FROM amendments`); n != 0 {
		t.Fatalf("%d amendments after the refused one", n)
	}
	loc = w.do(http.MethodPost, here+"/amendments", "Amina", url.Values{"version": {"1"}, "paragraph": {"2"},
		"text": {"Operators must share their towers."}, "rationale": {"Sharing cuts costs."}}).Header().Get("Location")
	m = idAfter.FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("an amendment goes to %q", loc)
	}
	amendment := m[1]
	support := here + "/amendments/" + amendment + "/support"
	w.post(t, "Rajesh supports", support, "Rajesh", url.Values{}, http.StatusSeeOther, here+"#amendment-"+amendment)
	page = w.post(t, "Rajesh supports again", support, "Rajesh", url.Values{}, http.StatusConflict, "")
	holds(t, "the second support's answer", within(page, "amendment-"+amendment+"-error"), "You already support this amendment: a person supports an amendment once.")
	holds(t, "the second support's alert", within(page, "form-problem"), `role="alert"`, "You already support this amendment")
	page = w.post(t, "Amina supports her own", support, "Amina", url.Values{}, http.StatusConflict, "")
	holds(t, "the proposer's support", within(page, "amendment-"+amendment+"-error"), "You proposed this amendment")
	if n := w.count(t, `SELECT count(*) FROM amendment_supports`); n != 1 {
		t.Fatalf("%d supports, want 1", n)
	}
	page = w.get(t, here, "Sophie")
	item := within(page, "amendment-"+amendment)
	holds(t, "the amendment", item, "<del><span class=\"vh\">[deleted: </span>should<span class=\"vh\"> :end of deletion]</span></del>",
		"<ins><span class=\"vh\">[inserted: </span>must<span class=\"vh\"> :end of insertion]</span></ins>", "1 supporter", "\u2068Rajesh\u2069 (Academia)",
		"Sharing cuts costs.", `id="support-`+amendment+`"`)
	if strings.Contains(item, `id="accept-`) {
		t.Errorf("a participant gets the drafters' buttons:\n%s", item)
	}
	w.post(t, "a participant accepts", here+"/amendments/"+amendment+"/accept", "Sophie", url.Values{}, http.StatusForbidden, "")
	if strings.Contains(within(w.get(t, here, "Rajesh"), "amendment-"+amendment), `id="support-`) {
		t.Errorf("Rajesh is offered to support again")
	}

	// The drafter accepts it: version 2, and the diff of 1 to 2 shows it.
	holds(t, "the drafter's view", within(w.get(t, here, "Lucia"), "amendment-"+amendment), `id="accept-`+amendment+`"`, `id="reject-`+amendment+`"`)
	w.post(t, "Lucia accepts", here+"/amendments/"+amendment+"/accept", "Lucia", url.Values{}, http.StatusSeeOther, here+"#amendment-"+amendment)
	page = w.get(t, here+"?from=1&to=2", "")
	holds(t, "the changes from 1 to 2", within(page, "changes"), "Changes from version 1 to version 2",
		"<del><span class=\"vh\">[deleted: </span>should", "<ins><span class=\"vh\">[inserted: </span>must")
	holds(t, "the text", within(page, "p2"), "Operators must share their towers.")
	holds(t, "the versions", within(page, "version-list"), "Version 2", "Amendment "+amendment+" to paragraph 2 accepted.")
	holds(t, "the earlier comments", within(page, "earlier"), "Which operators?")

	// The drafter edits; an edit that changes nothing says so.
	edit := w.get(t, here+"/edit", "Lucia")
	holds(t, "the edit form", edit, `name="based_on" value="2"`, "Operators must share their towers.")
	w.do(http.MethodGet, here+"/edit", "Amina", nil)
	if rec := w.do(http.MethodGet, here+"/edit", "Amina", nil); rec.Code != http.StatusForbidden {
		t.Errorf("a participant opens the edit form: %d", rec.Code)
	}
	body := "Governments should fund community networks.\n\nOperators must share their towers.\n\nRegulators should free spectrum."
	w.post(t, "a new title", here+"/edit", "Lucia", url.Values{"based_on": {"2"}, "title": {"Affordable access"}, "summary": {"Cheaper."}, "body": {body}}, http.StatusSeeOther, here)
	page = w.post(t, "an edit of nothing", here+"/edit", "Lucia", url.Values{"based_on": {"3"}, "title": {"Affordable access"}, "summary": {"Cheaper."}, "body": {body}}, http.StatusUnprocessableEntity, "")
	holds(t, "the unchanged edit", page, "Nothing has changed: there is nothing to save.")

	// The record: the drafter keeps it; a participant may not.
	record := url.Values{"consensus": {"Broad support for sharing."}, "dissent_group_1": {"private_sector"}, "dissent_who_1": {"GSMA"}, "dissent_reason_1": {"Costs of compliance."}}
	page = w.post(t, "a dissent without a reason", here+"/record", "Lucia", url.Values{"consensus": {"x"}, "dissent_group_1": {"private_sector"}}, http.StatusUnprocessableEntity, "")
	holds(t, "the incomplete dissent", within(page, "record-error"), "Dissent 1 needs a stakeholder group and a reason.")
	w.post(t, "the record", here+"/record", "Lucia", record, http.StatusSeeOther, here+"#record")
	w.post(t, "a participant's record", here+"/record", "Amina", record, http.StatusForbidden, "")
	page = w.get(t, here, "Amina")
	holds(t, "the record", within(page, "record"), "Broad support for sharing.", "Private sector", "GSMA", "Costs of compliance.")
	if strings.Contains(page, `id="record-edit"`) {
		t.Errorf("a participant gets the record's form")
	}

	print := w.get(t, here+"/print", "")
	holds(t, "the printable view", print, "Affordable access", "Universal access", "Community networks workshop",
		"\u2068Lucia\u2069 (Government)", "Operators must share their towers.", "Costs of compliance.", "version 3 of")

	// A comment on another edition's recommendation changes nothing.
	if _, err := w.db.Pool.Exec(t.Context(), `INSERT INTO editions (year, title, starts_on, ends_on) VALUES (2032, 'IGF 2032', '2032-06-01', '2032-06-05')`); err != nil {
		t.Fatal(err)
	}
	comments := w.count(t, `SELECT count(*) FROM recommendation_comments`)
	page = w.post(t, "a comment on another edition's recommendation", here+"/comments", "Amina",
		url.Values{"version": {"2"}, "paragraph": {"1"}, "body": {"A year late."}}, http.StatusConflict, "")
	holds(t, "the refused comment", within(page, "form-problem"), "belongs to an earlier edition")
	if n := w.count(t, `SELECT count(*) FROM recommendation_comments`); n != comments {
		t.Fatalf("%d comments, want %d", n, comments)
	}
	if strings.Contains(page, `class="comment-form"`) {
		t.Errorf("a past edition's recommendation offers the comment form")
	}
}

func TestRecommendationPagesSendVisitorsToSignInAndRenderInArabic(t *testing.T) {
	w := newRecWorld(t)
	r := w.draft(t)
	here := recommendationPath(r.ID)
	rec := w.do(http.MethodPost, here+"/comments", "", url.Values{"paragraph": {"1"}, "body": {"Hello"}})
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/api/auth/resume?next=") {
		t.Fatalf("an anonymous comment: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	page := w.get(t, here, "")
	// A visitor follows the page live too (the room is public, read-only).
	holds(t, "a visitor's page", page, "Sign in to comment", `data-rec-id="`, `data-live="true"`, `<script src="/assets/recommendation.`,
		`<a id="recommendations-link" href="/recommendations">Recommendations</a>`)
	if strings.Contains(strings.ReplaceAll(page, "/assets/recommendation.", ""), "recommendation.") {
		t.Errorf("a visitor's page shows a message's key:\n%s", page)
	}
	for _, path := range []string{"/recommendations", here, here + "/print", "/recommendations/new", here + "/edit"} {
		page = w.get(t, path+"?lang=ar", "Lucia")
		holds(t, path+" in Arabic", page, `lang="ar" dir="rtl"`)
	}
	holds(t, "the page in Arabic", w.get(t, here+"?lang=ar", "Amina"), "التعليقات على الفقرة 2", "/assets/recommendation.")
}

// A comment written without JavaScript on a paragraph of the version the
// reader had open stands, even once a later version has dropped that
// paragraph: it is checked against its own version, as the service does.
func TestACommentOnAParagraphALaterVersionDroppedStands(t *testing.T) {
	w := newRecWorld(t)
	r := w.draft(t) // version 1: three paragraphs
	if _, err := w.svc.EditDraft(context.Background(), w.people["Lucia"], r.ID, recommendations.Edit{BasedOn: 1, Title: r.Title, Summary: r.Summary,
		Body: "Governments should fund community networks.\n\nOperators should share their towers."}); err != nil {
		t.Fatal(err)
	}
	here := recommendationPath(r.ID)
	w.post(t, "a comment on version 1's third paragraph", here+"/comments", "Amina",
		url.Values{"version": {"1"}, "paragraph": {"3"}, "body": {"Which regulators?"}}, http.StatusSeeOther, "")
	if n := w.count(t, `SELECT count(*) FROM recommendation_comments WHERE recommendation_id = $1 AND version = 1 AND paragraph = 3`, r.ID); n != 1 {
		t.Fatalf("%d comments on version 1's paragraph 3, want 1", n)
	}
}
