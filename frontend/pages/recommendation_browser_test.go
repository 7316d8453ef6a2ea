package pages

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

// The recommendation pages in headless Chromium with JavaScript on,
// against the real services and hub (recWorld.live): what the people of
// the journey do, by clicking, by keyboard alone, and what another open
// page sees meanwhile.

func TestRecommendationJourneyByClickingWithJavaScript(t *testing.T) {
	w := newRecSite(t)

	lucia := w.browser(t, "Lucia")
	lucia.open("/recommendations")
	lucia.click("#new-recommendation")
	lucia.do("fill the draft",
		chromedp.WaitVisible(chromedp.CSS("#rec-form")),
		chromedp.SetValue(chromedp.CSS("#rec-issue"), fmt.Sprint(w.issue)),
		chromedp.SetValue(chromedp.CSS("#rec-track"), fmt.Sprint(w.track)),
		chromedp.SetValue(chromedp.CSS("#rec-session"), fmt.Sprint(w.session)),
		chromedp.SendKeys(chromedp.CSS("#rec-title"), "Affordable access for all"),
		chromedp.SendKeys(chromedp.CSS("#rec-summary"), "Make the last mile cheaper."))
	lucia.do("write the text", chromedp.SetValue(chromedp.CSS("#rec-body"),
		"Governments should fund community networks.\n\nOperators should share their towers.\n\nRegulators should free spectrum for rural areas."))
	lucia.click("#rec-save")
	lucia.until("the new recommendation's page", `!!document.getElementById("p3") && document.getElementById("rec-title").textContent === "Affordable access for all"`)
	page := lucia.eval(`location.pathname`)

	amina := w.browser(t, "Amina")
	amina.open(page)
	amina.click("#p2-comments > summary")
	amina.do("write a comment", chromedp.SendKeys(chromedp.CSS("#comment-p2"), "Which operators: mobile, fixed, or both?"))
	amina.click("#p2-comments .comment-form button")
	amina.until("the comment on paragraph 2", `(document.querySelector("#p2-comment-list .comment .body") || {}).textContent === "Which operators: mobile, fixed, or both?"`)
	amina.click("#p2-amendments > summary")
	amina.do("propose new text", chromedp.Clear(chromedp.CSS("#amend-p2")),
		chromedp.SendKeys(chromedp.CSS("#amend-p2"), "Operators must share their towers."),
		chromedp.SendKeys(chromedp.CSS("#amend-p2-why"), "Sharing cuts the cost of the last mile."))
	amina.click("#p2-amendments .amend-form button")
	amina.until("the amendment to paragraph 2", `!!document.querySelector("#p2-amendment-list .amendment del") && !!document.querySelector("#p2-amendment-list .amendment ins")`)
	amendment := amina.firstID("#p2-amendment-list .amendment")

	rajesh := w.browser(t, "Rajesh")
	rajesh.open(page)
	rajesh.click("#support-" + amendment)
	rajesh.until("Rajesh's support", `document.querySelector("#amendment-`+amendment+` .support").textContent.startsWith("1 supporter")`)
	if got := rajesh.eval(`String(!!document.getElementById("support-` + amendment + `"))`); got != "false" {
		t.Errorf("Rajesh is offered to support again")
	}

	lucia.open(page)
	lucia.click("#accept-" + amendment)
	lucia.until("version 2", `document.getElementById("text-h").textContent.includes("2") && document.querySelector("#p2 .ptext").textContent.includes("Operators must share their towers.")`)
	lucia.do("compare 1 with 2", chromedp.SetValue(chromedp.CSS("#compare-from"), "1"), chromedp.SetValue(chromedp.CSS("#compare-to"), "2"))
	lucia.click("#compare-show")
	lucia.until("the diff of 1 and 2", `!!document.querySelector("#changes .diff-text")`)
	del := lucia.eval(`Array.from(document.querySelectorAll("#changes del")).map((e) => e.textContent).join("|")`)
	ins := lucia.eval(`Array.from(document.querySelectorAll("#changes ins")).map((e) => e.textContent).join("|")`)
	if del != "[deleted: should :end of deletion]" || ins != "[inserted: must :end of insertion]" {
		t.Errorf("the diff of 1 and 2 deletes %q and inserts %q", del, ins)
	}
	if n := w.count(t, `SELECT count(*) FROM recommendation_versions`); n != 2 {
		t.Errorf("%d versions, want 2", n)
	}
}

func TestRecommendationParticipantJourneyByKeyboardOnly(t *testing.T) {
	w := newRecSite(t)
	r := w.draft(t)
	page := recommendationPath(r.ID)

	amina := w.browser(t, "Amina")
	amina.open(page + "#p2")
	amina.tabTo(`#p2-comments > summary`, 6)
	amina.key(kb.Enter) // opens the thread
	amina.tabTo(`#comment-p2`, 3)
	amina.key("Keys and nothing else.")
	amina.tabTo(`#p2-comments .comment-form button`, 2)
	amina.key(kb.Enter)
	amina.until("the comment posted by keyboard", `(document.querySelector("#p2-comment-list .comment .body") || {}).textContent === "Keys and nothing else."`)
	comment := amina.firstID("#p2-comment-list .comment")
	if n := w.count(t, `SELECT count(*) FROM recommendation_comments WHERE paragraph = 2`); n != 1 {
		t.Fatalf("%d comments on paragraph 2, want 1", n)
	}

	amina.open(page + "#p2")
	amina.tabTo(`#p2-amendments > summary`, 20)
	amina.key(kb.Enter)
	amina.tabTo(`#amend-p2`, 3)
	amina.do("select the paragraph's text", chromedp.KeyEvent("a", chromedp.KeyModifiers(kb.ModifierCtrl)))
	amina.key("Operators must share their towers.")
	amina.tabTo(`#p2-amendments .amend-form button`, 3)
	amina.key(kb.Enter)
	amina.until("the amendment proposed by keyboard", `!!document.querySelector("#p2-amendment-list .amendment ins")`)
	amendment := amina.firstID("#p2-amendment-list .amendment")

	rajesh := w.browser(t, "Rajesh")
	rajesh.open(page + "#amendment-" + amendment)
	rajesh.tabTo(`#support-`+amendment, 8)
	rajesh.key(" ") // a button is pressed with Space too
	rajesh.until("the support given by keyboard", `document.querySelector("#amendment-`+amendment+` .support").textContent.startsWith("1 supporter")`)
	rajesh.open(page + "#comment-" + comment)
	rajesh.tabTo(`#comment-`+comment+` details.reply > summary`, 6)
	rajesh.key(kb.Enter)
	rajesh.tabTo(`#reply-c`+comment, 2)
	rajesh.key("Both, I would say.")
	rajesh.tabTo(`#comment-`+comment+` details.reply button`, 2)
	rajesh.key(kb.Enter)
	rajesh.until("the reply", `(document.querySelector("#comment-`+comment+` .replies .body") || {}).textContent === "Both, I would say."`)
}

func TestRecommendationChangesAppearLiveOnAnotherOpenPage(t *testing.T) {
	w := newRecSite(t)
	r := w.draft(t)
	page := recommendationPath(r.ID)

	rajesh := w.browser(t, "Rajesh")
	rajesh.open(page)
	rajesh.until("the live room", `document.getElementById("rec-conn").textContent.startsWith("Live")`)
	rajesh.eval(`(window.stillHere = "yes")`)
	// Rajesh is half-way through a comment of his own: what arrives live
	// must not take it from him, nor close his thread.
	rajesh.click("#p2-comments > summary")
	rajesh.do("start a comment", chromedp.SendKeys(chromedp.CSS("#comment-p2"), "Half a thought"))

	amina := w.browser(t, "Amina")
	amina.open(page)
	amina.click("#p2-comments > summary")
	amina.do("write a comment", chromedp.SendKeys(chromedp.CSS("#comment-p2"), "Seen live?"))
	amina.click("#p2-comments .comment-form button")
	amina.until("Amina's comment", `!!document.querySelector("#p2-comment-list .comment")`)
	comment := amina.firstID("#p2-comment-list .comment")

	rajesh.until("the comment, live", `(document.querySelector("#comment-`+comment+` .body") || {}).textContent === "Seen live?"`)
	rajesh.until("its announcement", `document.getElementById("rec-news").textContent === "Amina commented on paragraph 2."`)
	if got := rajesh.eval(`document.querySelector("#p2-comments .count").textContent + " " + window.stillHere`); got != "1 yes" {
		t.Errorf("Rajesh's page: count and no reload %q, want \"1 yes\"", got)
	}

	ctx := context.Background()
	a, err := w.svc.ProposeAmendment(ctx, w.people["Amina"], r.ID, recommendations.Proposal{Paragraph: 2, Text: "Operators must share their towers."})
	if err != nil {
		t.Fatal(err)
	}
	id := fmt.Sprint(a.ID)
	rajesh.until("the amendment, live, with its diff", `!!document.querySelector("#amendment-`+id+` del") && document.querySelector("#amendment-`+id+` ins").textContent.includes("must")`)
	rajesh.until("the live amendment's own support button", `!!document.getElementById("support-`+id+`")`)
	if _, err := w.svc.Support(ctx, w.people["Sophie"], r.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	rajesh.until("the support, live", `document.querySelector("#amendment-`+id+` .support").textContent.includes("Sophie")`)
	if _, err := w.svc.DecideAmendment(ctx, w.people["Lucia"], r.ID, a.ID, true); err != nil {
		t.Fatal(err)
	}
	rajesh.until("the new version, live", `!!document.getElementById("version-2") && document.getElementById("rec-news").textContent.startsWith("Version 2 is now the current text.")`)
	rajesh.until("the new text in place of the old", `document.querySelector("#p2 .ptext").textContent.includes("Operators must share their towers.") && document.getElementById("text-h").textContent.includes("2")`)
	if got := rajesh.eval(`[document.getElementById("comment-p2").value, String(document.getElementById("p2-comments").open), window.stillHere].join("|")`); got != "Half a thought|true|yes" {
		t.Errorf("Rajesh's draft, open thread and page after the new version: %q, want \"Half a thought|true|yes\"", got)
	}
	// His draft was written on version 1's paragraph 2: it still says so,
	// so that the server tells him if the paragraph has changed instead of
	// filing it under whatever paragraph 2 now is.
	if got := rajesh.eval(`document.getElementById("comment-p2").form.elements.namedItem("version").value`); got != "1" {
		t.Errorf("Rajesh's kept draft goes with version %q, want 1 (the one he wrote it on)", got)
	}
	if got := rajesh.eval(`String(!!document.querySelector("#p2-amendment-list #amendment-` + id + `"))`); got != "false" {
		t.Errorf("the accepted amendment still offered on version 2's paragraph")
	}

	// What arrives live works like what the page was served with: Rajesh
	// supports a new amendment with the button that came live.
	b, err := w.svc.ProposeAmendment(ctx, w.people["Amina"], r.ID, recommendations.Proposal{Version: 2, Paragraph: 3, Text: "Regulators must free spectrum for rural areas."})
	if err != nil {
		t.Fatal(err)
	}
	second := fmt.Sprint(b.ID)
	rajesh.until("the second amendment, live", `!!document.getElementById("support-`+second+`")`)
	rajesh.click("#p3-amendments > summary")
	rajesh.click("#support-" + second)
	rajesh.until("Rajesh's support through the live button", `document.querySelector("#amendment-`+second+` .support").textContent.startsWith("1 supporter")`)
	if n := w.count(t, `SELECT count(*) FROM amendment_supports WHERE amendment_id = `+second); n != 1 {
		t.Errorf("%d supports stored for the second amendment, want 1", n)
	}
}

func TestRecommendationPagesHaveNoAxeViolationsInEnglishAndArabic(t *testing.T) {
	src := chromiumtest.AxeSource(t)
	w := newRecSite(t)
	r := w.furnished(t)
	here := recommendationPath(r.ID)
	for _, who := range []string{"Lucia", "Amina"} {
		b := w.browser(t, who)
		for _, lang := range []string{"en", "ar"} {
			for _, path := range []string{"/recommendations", "/recommendations/new", here + "?from=1&to=2", here + "/edit", here + "/print"} {
				if who == "Amina" && (path != here+"?from=1&to=2") {
					continue // the others are the same for her, or not hers
				}
				b.open(withLang(path, lang))
				// Every thread and form open: comments, replies, amendments, the record.
				b.eval(`(document.querySelectorAll("details").forEach((d) => { d.open = true; }), "")`)
				chromiumtest.CheckAxe(b.t, b.ctx, src, who+" "+lang+" "+path)
			}
		}
	}
}

// furnished is a recommendation with everything its page can show:
// comments and a reply, amendments proposed, supported, accepted and
// rejected, two versions, and a record with dissent.
func (w *recWorld) furnished(t *testing.T) recommendations.Recommendation {
	t.Helper()
	ctx := context.Background()
	r := w.draft(t)
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c, err := w.svc.Comment(ctx, w.people["Amina"], r.ID, 0, 2, "Which operators: mobile, fixed, or both?")
	must(c, err)
	must(w.svc.Reply(ctx, w.people["Rajesh"], r.ID, c.ID, "Both, I would say."))
	must(w.svc.Comment(ctx, w.people["Sophie"], r.ID, 0, 1, "Funding from where?"))
	a, err := w.svc.ProposeAmendment(ctx, w.people["Amina"], r.ID, recommendations.Proposal{Paragraph: 2, Text: "Operators must share their towers.", Rationale: "Sharing cuts costs."})
	must(a, err)
	must(w.svc.Support(ctx, w.people["Rajesh"], r.ID, a.ID))
	must(w.svc.DecideAmendment(ctx, w.people["Lucia"], r.ID, a.ID, true))
	b, err := w.svc.ProposeAmendment(ctx, w.people["Sophie"], r.ID, recommendations.Proposal{Paragraph: 3, Text: "Regulators should free spectrum for rural and remote areas."})
	must(b, err)
	must(w.svc.Support(ctx, w.people["Rajesh"], r.ID, b.ID))
	d, err := w.svc.ProposeAmendment(ctx, w.people["Rajesh"], r.ID, recommendations.Proposal{Paragraph: 4, Text: "Everyone should measure progress yearly."})
	must(d, err)
	e, err := w.svc.ProposeAmendment(ctx, w.people["Sophie"], r.ID, recommendations.Proposal{Paragraph: 1, Text: "Governments may fund community networks."})
	must(e, err)
	must(w.svc.DecideAmendment(ctx, w.people["Lucia"], r.ID, e.ID, false))
	must(w.svc.SetRecord(ctx, w.people["Lucia"], r.ID, recommendations.Record{Consensus: "Broad support for sharing infrastructure.",
		Dissent: []recommendations.Dissent{{StakeholderGroup: "private_sector", Who: "GSMA", Reason: "The cost of compliance."}}}))
	return r
}

// TestRecommendationScreenshots writes screenshots of the recommendation
// pages (desktop 1280 px and a 390 px phone, English and Arabic) into the
// folder RECOMMENDATION_SHOTS names, for people to look at; without it,
// into a folder of its own that goes with the test (every page must still
// render and be captured: no test skips under CI).
func TestRecommendationScreenshots(t *testing.T) {
	dir := shotsDir(t, "RECOMMENDATION_SHOTS")
	w := newRecSite(t)
	r := w.furnished(t)
	here := recommendationPath(r.ID)
	b := w.browser(t, "Amina")
	for _, shot := range []struct{ name, path string }{
		{"list", "/recommendations"}, {"new", "/recommendations/new"}, {"page", here + "?from=1&to=2"}, {"print", here + "/print"},
	} {
		for _, lang := range []string{"en", "ar"} {
			for _, width := range []int64{1280, 390} {
				b.do("viewport", chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))
				b.open(withLang(shot.path, lang))
				b.shoot(filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", shot.name, lang, width)))
			}
		}
	}
}

// The drafter's other controls, clicked with JavaScript on: rejecting an
// amendment, keeping the record, and editing the draft.
func TestRecommendationDrafterRejectsKeepsTheRecordAndEditsByClicking(t *testing.T) {
	w := newRecSite(t)
	r := w.furnished(t)
	page := recommendationPath(r.ID)
	proposed := w.count(t, `SELECT min(id) FROM amendments WHERE state = 'proposed' AND recommendation_id = `+fmt.Sprint(r.ID))

	lucia := w.browser(t, "Lucia")
	lucia.open(page + fmt.Sprintf("#amendment-%d", proposed))
	lucia.eval(`(document.querySelectorAll("details.thread").forEach((d) => { d.open = true; }), "")`)
	// Each form posts and the page comes back: the marker tells the page
	// that came back from the one whose live update may show the change
	// first.
	lucia.eval(`(window.before = "yes")`)
	lucia.press(fmt.Sprintf("#reject-%d", proposed))
	lucia.until("the amendment rejected", fmt.Sprintf(`window.before === undefined && document.readyState === "complete" && document.querySelector("#amendment-%d .astate")?.textContent === "Rejected"`, proposed))
	if n := w.count(t, fmt.Sprintf(`SELECT count(*) FROM amendments WHERE id = %d AND state = 'rejected'`, proposed)); n != 1 {
		t.Errorf("the rejection was not stored")
	}

	lucia.press("#record-edit > summary")
	lucia.do("write the consensus", chromedp.SetValue(chromedp.CSS("#record-consensus"), "Consensus on sharing; dissent on cost."))
	lucia.eval(`(window.before = "yes")`)
	lucia.press("#record-save")
	lucia.until("the record kept", `window.before === undefined && document.readyState === "complete" && document.getElementById("record-consensus-text").textContent === "Consensus on sharing; dissent on cost."`)

	lucia.press("#edit-link")
	lucia.do("retitle", chromedp.WaitVisible(chromedp.CSS("#rec-form")), chromedp.Clear(chromedp.CSS("#rec-title")),
		chromedp.SendKeys(chromedp.CSS("#rec-title"), "Shared infrastructure for access"))
	lucia.press("#rec-save")
	lucia.until("the new title on the page", `location.pathname === `+js(page)+` && document.getElementById("rec-title").textContent === "Shared infrastructure for access"`)
}

// Recommendations are public: a reader who is not signed in follows the
// page live too, and is offered to sign in rather than forms.
func TestRecommendationChangesReachASignedOutReaderLive(t *testing.T) {
	w := newRecSite(t)
	r := w.draft(t)
	reader := w.tab(t)
	reader.open(recommendationPath(r.ID))
	reader.until("the live room", `document.getElementById("rec-conn").textContent.startsWith("Live")`)
	if got := reader.eval(`String(!!document.querySelector(".comment-form"))`); got != "false" {
		t.Errorf("a signed-out reader is offered the comment form")
	}
	c, err := w.svc.Comment(context.Background(), w.people["Amina"], r.ID, 0, 1, "Who funds it?")
	if err != nil {
		t.Fatal(err)
	}
	reader.until("the comment, live", fmt.Sprintf(`(document.querySelector("#comment-%d .body") || {}).textContent === "Who funds it?"`, c.ID))
	reader.until("its announcement", `document.getElementById("rec-news").textContent === "Amina commented on paragraph 1."`)
}

// The drafter's part of the journey, by keyboard alone: writing a
// recommendation and accepting an amendment to it.
func TestRecommendationDrafterJourneyByKeyboardOnly(t *testing.T) {
	w := newRecSite(t)
	lucia := w.browser(t, "Lucia")
	lucia.open("/recommendations")
	lucia.tabTo("#new-recommendation", 30)
	lucia.key(kb.Enter)
	lucia.until("the new recommendation's form", `!!document.getElementById("rec-form")`)
	for _, sel := range []string{"#rec-issue", "#rec-track", "#rec-session"} {
		lucia.tabTo(sel, 30)
		lucia.key(kb.ArrowDown) // the first choice after "Choose…"
	}
	lucia.tabTo("#rec-title", 3)
	lucia.key("Access by keyboard")
	lucia.tabTo("#rec-body", 4)
	lucia.key("Governments should fund networks.\n\nOperators should share towers.")
	lucia.tabTo("#rec-save", 6)
	lucia.key(kb.Enter)
	lucia.until("the recommendation written by keyboard", `!!document.getElementById("p2") && document.getElementById("rec-title").textContent === "Access by keyboard"`)
	var id int64
	if _, err := fmt.Sscanf(lucia.eval(`location.pathname`), "/recommendations/%d", &id); err != nil {
		t.Fatal(err)
	}
	a, err := w.svc.ProposeAmendment(context.Background(), w.people["Amina"], id, recommendations.Proposal{Paragraph: 2, Text: "Operators must share towers."})
	if err != nil {
		t.Fatal(err)
	}
	lucia.open(recommendationPath(id) + "#p2")
	lucia.until("the amendment on the page", fmt.Sprintf(`!!document.getElementById("accept-%d")`, a.ID))
	lucia.tabTo("#p2-amendments > summary", 12)
	if lucia.eval(`String(document.getElementById("p2-amendments").open)`) != "true" {
		lucia.key(kb.Enter) // opens the thread
	}
	lucia.tabTo(fmt.Sprintf("#accept-%d", a.ID), 6)
	lucia.key(kb.Enter)
	lucia.until("version 2, accepted by keyboard", `document.getElementById("text-h").textContent.includes("2") && document.querySelector("#p2 .ptext").textContent.includes("Operators must share towers.")`)
}
