package e2e

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// The demo's people in the call for proposals.
const (
	demoSecretariat = "secretariat@demo.igf.example"
	demoProposer    = "tech@demo.igf.example"
	demoMAG1        = "mag.member@demo.igf.example"
	demoMAG2        = "mag.member2@demo.igf.example"
)

// callJSON is what the checks read of GET /api/editions/{id}/call.
type callJSON struct {
	Closes string `json:"closes_at"`
	Intro  string `json:"intro"`
	Rubric []struct {
		ID     int64  `json:"id"`
		Name   string `json:"name"`
		Weight int    `json:"weight"`
	} `json:"rubric"`
}

func demoCall(t *testing.T, n *node) callJSON {
	t.Helper()
	var c callJSON
	apiCall(t, n, "", http.MethodGet, "/api/editions/"+strconv.FormatInt(currentEdition(t, n).ID, 10)+"/call", nil, &c)
	return c
}

// proposalJSON is what the checks read of GET /api/proposals/{id}.
type proposalJSON struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	State     string `json:"state"`
	Note      string `json:"decision_note"`
	SessionID int64  `json:"session_id"`
	Speakers  []struct {
		Name   string `json:"name"`
		Group  string `json:"stakeholder_group"`
		Region string `json:"region"`
		Gender string `json:"gender"`
	} `json:"speakers"`
}

// setField sets a form control's value as a person choosing it would,
// with the events a choice fires.
func setField(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	if !eval[bool](t, ctx, 5*time.Second, `(() => { const e = document.getElementById(`+js(id)+`); if (!e) return false;
		e.value = `+js(value)+`; e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true}));
		return e.value === `+js(value)+`; })()`) {
		t.Fatalf("no #%s taking %q\n%s", id, value, pageState(ctx))
	}
}

// count is a predicate: the diversity count of value in dimension is n.
func count(dimension, value string, n int) string {
	return `(document.querySelector('#diversity-counts ul[data-dimension="` + dimension + `"] li[data-value="` + value + `"] .count')?.textContent ?? "") === "` + strconv.Itoa(n) + `"`
}

// writeProposal fills the proposal form's fields and its first speakers.
func writeProposal(t *testing.T, ctx context.Context, e currentEditionJSON, title string, speakers [][4]string) {
	t.Helper()
	typeInto(t, ctx, "title", title)
	typeInto(t, ctx, "description", "How schools and libraries share their connections with their neighbourhoods.")
	setField(t, ctx, "policy-issue", strconv.FormatInt(e.PolicyIssues[0].ID, 10))
	setField(t, ctx, "track", strconv.FormatInt(e.Tracks[0].ID, 10))
	setField(t, ctx, "format", "town_hall")
	typeInto(t, ctx, "organisers", "Beirut Digital Commons")
	for i, s := range speakers {
		row := strconv.Itoa(i)
		typeInto(t, ctx, "speaker-name-"+row, s[0])
		setField(t, ctx, "speaker-group-"+row, s[1])
		setField(t, ctx, "speaker-region-"+row, s[2])
		setField(t, ctx, "speaker-gender-"+row, s[3])
	}
}

// TestBrowserCallProposalReviewAndDecision runs the call for proposals
// with JavaScript on: the Secretariat changes the call's deadline and its
// rubric; a proposer submits a proposal (the diversity counts follow the
// speakers as they are written) and edits it; the Secretariat assigns it
// to two MAG members, who score it far apart; on the demo's first
// proposal the second member declares a conflict and is then offered no
// scores (and refused them); the board shows the mean and the
// disagreement; the Secretariat accepts; the proposer reads the decision
// on their page, its mail is in the mail folder, and the session exists.
func TestBrowserCallProposalReviewAndDecision(t *testing.T) {
	chromiumtest.Path(t)
	n := startNode(t, newCluster(t))
	e := currentEdition(t, n)

	// The Secretariat moves the deadline and adds a criterion.
	sec := chromiumtest.New(t)
	signInOn(t, sec, n, demoSecretariat, "/call")
	deadline := time.Now().UTC().AddDate(0, 0, 30).Format("2006-01-02T15:04")
	setField(t, sec, "closes-at", deadline)
	typeInto(t, sec, "call-intro", "Propose sessions that bring new voices.")
	press(t, sec, "save the call", "#call-submit")
	waitFor(t, sec, 10*time.Second, "the call saved", `location.search === "?saved=call" && document.getElementById("saved") !== null && document.getElementById("closes-at").value === `+js(deadline))
	if c := demoCall(t, n); c.Intro != "Propose sessions that bring new voices." || c.Closes[:16] != deadline {
		t.Fatalf("after saving, the call is %+v, want the deadline %s", c, deadline)
	}
	typeInto(t, sec, "criterion-name-3", "Feasibility")
	setField(t, sec, "criterion-weight-3", "2")
	press(t, sec, "save the rubric", "#rubric-submit")
	waitFor(t, sec, 10*time.Second, "the rubric saved", `location.search === "?saved=rubric" && [...document.querySelectorAll("#rubric li")].length === 4`)
	rubric := demoCall(t, n).Rubric
	if len(rubric) != 4 || rubric[3].Name != "Feasibility" || rubric[3].Weight != 2 {
		t.Fatalf("the rubric is %+v", rubric)
	}

	// A proposer submits: the counts follow the speakers as typed.
	pro := chromiumtest.New(t)
	signInOn(t, pro, n, demoProposer, "/call")
	press(t, pro, "propose a session", "#propose-link")
	waitFor(t, pro, 10*time.Second, "the proposal form", `location.pathname === "/proposals/new" && document.getElementById("proposal-form") !== null`)
	writeProposal(t, pro, e, "Neighbourhood networks", [][4]string{
		{"Layla Haddad", "technical_community", "asia_pacific", "woman"},
		{"Omar Saleh", "civil_society", "asia_pacific", "man"},
	})
	waitFor(t, pro, 5*time.Second, "the counts follow the speakers",
		count("region", "asia_pacific", 2)+" && "+count("gender", "woman", 1)+" && "+count("gender", "man", 1)+" && "+count("group", "civil_society", 1))
	press(t, pro, "submit the proposal", "#proposal-submit")
	waitFor(t, pro, 10*time.Second, "the proposal's page", `/^\/proposals\/\d+$/.test(location.pathname) && document.getElementById("saved") !== null`)
	id := eval[string](t, pro, 5*time.Second, `location.pathname.split("/").pop()`)
	path := "/proposals/" + id
	proToken := signIn(t, n, demoProposer, demoPassword)
	var p proposalJSON
	apiCall(t, n, proToken, http.MethodGet, "/api"+path, nil, &p)
	if p.Title != "Neighbourhood networks" || len(p.Speakers) != 2 || p.State != "submitted" {
		t.Fatalf("submitted: %+v", p)
	}

	// The proposer edits: a third speaker, a new title.
	typeInto(t, pro, "title", "Neighbourhood networks in cities")
	typeInto(t, pro, "speaker-name-2", "Nadia Karam")
	setField(t, pro, "speaker-group-2", "government")
	setField(t, pro, "speaker-region-2", "western_european_others")
	setField(t, pro, "speaker-gender-2", "woman")
	waitFor(t, pro, 5*time.Second, "the counts follow the new speaker", count("gender", "woman", 2)+" && "+count("group", "government", 1))
	press(t, pro, "save the proposal", "#proposal-submit")
	waitFor(t, pro, 10*time.Second, "saved", `location.pathname === `+js(path)+` && document.getElementById("saved") !== null && document.querySelector("h1").textContent === "Neighbourhood networks in cities"`)
	waitFor(t, pro, 5*time.Second, "the counts as saved", count("gender", "woman", 2)+" && "+count("region", "asia_pacific", 2))
	apiCall(t, n, proToken, http.MethodGet, "/api"+path, nil, &p)
	if p.Title != "Neighbourhood networks in cities" || len(p.Speakers) != 3 || p.Speakers[2].Gender != "woman" || p.Speakers[2].Region != "western_european_others" {
		t.Fatalf("edited: %+v", p)
	}

	// The Secretariat assigns it to both MAG members.
	open(t, sec, n.URL+"/call/board?lang=en")
	row := "#proposal-" + id
	for i, who := range []string{"Nanjala Wekesa", "Diego Alvarez"} {
		eval[bool](t, sec, 5*time.Second, `(() => { const s = document.getElementById("reviewer-`+id+`");
			s.value = [...s.options].find((o) => o.textContent === `+js(who)+`).value; return true; })()`)
		press(t, sec, "assign to "+who, row+" .assign-submit")
		waitFor(t, sec, 10*time.Second, who+" listed", `(document.querySelector(`+js(row+" .reviewers")+`)?.textContent ?? "").includes(`+js(who)+`) && (document.querySelector(`+js(row+" .scores")+`)?.textContent ?? "").includes("`+strconv.Itoa(i+1)+`")`)
	}

	// Two reviewers score it far apart.
	score := func(email string, value int, comment string) {
		b := chromiumtest.New(t)
		signInOn(t, b, n, email, "/call")
		press(t, b, "open the assigned proposal", `#assignments a[href="`+path+`"]`)
		waitFor(t, b, 10*time.Second, "the review form", `document.getElementById("review-form") !== null && document.getElementById("no-reviews") !== null`)
		for _, c := range rubric {
			press(t, b, "score "+c.Name, "#score-"+strconv.FormatInt(c.ID, 10)+"-"+strconv.Itoa(value))
		}
		typeInto(t, b, "review-comment", comment)
		press(t, b, "save the scores", "#review-submit")
		waitFor(t, b, 10*time.Second, "the scores saved", `location.hash === "#reviews" && (document.getElementById("review-list")?.textContent ?? "").includes(`+js(comment)+`)`)
		if got := eval[bool](t, b, 5*time.Second, `document.getElementById("conflict-form") === null && document.querySelector('#score-`+strconv.FormatInt(rubric[0].ID, 10)+"-"+strconv.Itoa(value)+`').checked`); !got {
			t.Fatalf("%s: after scoring, the scores are not shown as theirs or a conflict is still offered", email)
		}
	}
	score(demoMAG1, 5, "Strong and diverse.")
	score(demoMAG2, 1, "Out of scope.")

	// On the demo's first proposal, the second member declares a conflict.
	mag2 := chromiumtest.New(t)
	signInOn(t, mag2, n, demoMAG2, "/call")
	press(t, mag2, "open the demo's proposal", `#assignments a[href^="/proposals/"]:not([href="`+path+`"])`)
	waitFor(t, mag2, 10*time.Second, "the conflict form", `document.getElementById("conflict-form") !== null`)
	other := eval[string](t, mag2, 5*time.Second, `location.pathname`)
	typeInto(t, mag2, "conflict-comment", "I advise the organisers.")
	press(t, mag2, "declare a conflict", "#conflict-submit")
	waitFor(t, mag2, 10*time.Second, "the conflict declared, no scores offered",
		`document.getElementById("conflict-declared") !== null && document.getElementById("review-form") === null`)
	scores := `{"scores":{`
	for i, c := range rubric {
		if i > 0 {
			scores += ","
		}
		scores += `"` + strconv.FormatInt(c.ID, 10) + `":3`
	}
	api(t, n, http.MethodPut, "/api"+other+"/review", signIn(t, n, demoMAG2, demoPassword), scores+`}}`, http.StatusForbidden, nil)

	// The board: the mean and the disagreement; the Secretariat accepts.
	open(t, sec, n.URL+"/call/board?lang=en")
	waitFor(t, sec, 10*time.Second, "the scores aggregated", `(document.querySelector(`+js(row+" .scores")+`)?.textContent ?? "").includes("3") && document.querySelector(`+js(row+" .disagreement strong")+`) !== null`)
	otherRow := "#proposal-" + other[len("/proposals/"):]
	waitFor(t, sec, 5*time.Second, "the conflict counted", `(document.querySelector(`+js(otherRow+" .conflicts")+`)?.textContent ?? "") === "1"`)
	press(t, sec, "choose accept", "#outcome-"+id+"-accepted")
	typeInto(t, sec, "note-"+id, "Welcome to the programme.")
	press(t, sec, "decide", row+" .decide-submit")
	waitFor(t, sec, 10*time.Second, "accepted on the board",
		`location.hash === "#proposal-`+id+`" && document.querySelector(`+js(row+" .decision-form")+`) === null && document.getElementById("accepted-count").textContent.includes("1")`)

	// The proposer reads the decision; the mail is in the folder.
	open(t, pro, n.URL+path+"?lang=en")
	waitFor(t, pro, 10*time.Second, "the decision on the proposer's page",
		textIs("proposal-state", "Accepted")+` && `+textIs("decision-note", "Welcome to the programme.")+` && document.getElementById("proposal-form") === null`)
	open(t, sec, n.URL+"/admin/mail?lang=en")
	waitFor(t, sec, 20*time.Second, "the decision mailed to the proposer",
		`[...document.querySelectorAll("article.mail")].some((m) => m.textContent.includes(`+js(demoProposer)+`) && m.textContent.includes("Neighbourhood networks in cities")) || (location.reload(), false)`)
	apiCall(t, n, proToken, http.MethodGet, "/api"+path, nil, &p)
	if p.State != "accepted" || p.SessionID == 0 {
		t.Fatalf("decided: %+v", p)
	}
	var s struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
	}
	apiCall(t, n, signIn(t, n, demoSecretariat, demoPassword), http.MethodGet, "/api/sessions/"+strconv.FormatInt(p.SessionID, 10), nil, &s)
	if s.ID != p.SessionID || s.Title != "Neighbourhood networks in cities" {
		t.Fatalf("the accepted session: %+v", s)
	}
}

// tabOrder presses Tab from the element with id first until the element
// with id last has the focus, and returns the ids focused on the way.
func tabOrder(t *testing.T, ctx context.Context, first, last string) []string {
	t.Helper()
	eval[bool](t, ctx, 5*time.Second, `(document.getElementById(`+js(first)+`).focus(), true)`)
	order := []string{first}
	for range 200 {
		step(t, ctx, 5*time.Second, "press Tab", chromedp.KeyEvent(kb.Tab))
		id := eval[string](t, ctx, 5*time.Second, `document.activeElement?.id ?? ""`)
		order = append(order, id)
		if id == last {
			return order
		}
	}
	t.Fatalf("Tab never reached #%s from #%s: %v", last, first, order)
	return nil
}

// TestBrowserCallProposalReviewAndDecisionWithoutJavaScript runs the same
// journey with JavaScript off, as server-rendered forms: the Secretariat
// moves the deadline; a proposer reaches every field of the proposal form
// with Tab, in the order it reads, and submits it with Enter, then edits
// it (the counts are the server's); the Secretariat assigns it, a MAG
// member scores it, the other declares a conflict; the Secretariat
// accepts and the proposer reads the decision.
func TestBrowserCallProposalReviewAndDecisionWithoutJavaScript(t *testing.T) {
	chromiumtest.Path(t)
	n := startNode(t, newCluster(t))
	e := currentEdition(t, n)

	sec := noScript(t)
	signInOn(t, sec, n, demoSecretariat, "/call")
	deadline := time.Now().UTC().AddDate(0, 0, 20).Format("2006-01-02T15:04")
	setField(t, sec, "closes-at", deadline)
	press(t, sec, "save the call", "#call-submit")
	waitFor(t, sec, 10*time.Second, "the call saved", `location.search === "?saved=call" && document.getElementById("closes-at").value === `+js(deadline))

	pro := noScript(t)
	signInOn(t, pro, n, demoProposer, "/call")
	press(t, pro, "propose a session", "#propose-link")
	waitFor(t, pro, 10*time.Second, "the proposal form", `document.getElementById("proposal-form") !== null`)
	fields := eval[[]string](t, pro, 5*time.Second, `[...document.querySelectorAll("#proposal-form input, #proposal-form select, #proposal-form textarea, #proposal-form button")].map((e) => e.id)`)
	order := tabOrder(t, pro, "title", "proposal-submit")
	if strings.Join(order, " ") != strings.Join(fields, " ") {
		t.Fatalf("Tab goes through\n%v\nwant every field in the form's order\n%v", order, fields)
	}
	writeProposal(t, pro, e, "Libraries as access points", [][4]string{{"Layla Haddad", "technical_community", "asia_pacific", "woman"}})
	eval[bool](t, pro, 5*time.Second, `(document.getElementById("proposal-submit").focus(), true)`)
	step(t, pro, 5*time.Second, "submit with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, pro, 10*time.Second, "the proposal's page", `/^\/proposals\/\d+$/.test(location.pathname) && document.getElementById("saved") !== null`)
	id := eval[string](t, pro, 5*time.Second, `location.pathname.split("/").pop()`)
	path := "/proposals/" + id
	typeInto(t, pro, "speaker-name-1", "Omar Saleh")
	setField(t, pro, "speaker-gender-1", "man")
	if eval[bool](t, pro, 5*time.Second, count("gender", "man", 1)) {
		t.Fatal("without JavaScript the counts changed before saving")
	}
	press(t, pro, "save the proposal", "#proposal-submit")
	waitFor(t, pro, 10*time.Second, "saved, the server's counts", `document.getElementById("saved") !== null && `+count("gender", "man", 1)+` && `+count("gender", "woman", 1))

	open(t, sec, n.URL+"/call/board?lang=en")
	row := "#proposal-" + id
	eval[bool](t, sec, 5*time.Second, `(() => { const s = document.getElementById("reviewer-`+id+`");
		s.value = [...s.options].find((o) => o.textContent === "Nanjala Wekesa").value; return true; })()`)
	press(t, sec, "assign", row+" .assign-submit")
	waitFor(t, sec, 10*time.Second, "assigned", `(document.querySelector(`+js(row+" .reviewers")+`)?.textContent ?? "").includes("Nanjala Wekesa")`)

	mag1 := noScript(t)
	signInOn(t, mag1, n, demoMAG1, "/call")
	press(t, mag1, "open the assigned proposal", `#assignments a[href="`+path+`"]`)
	waitFor(t, mag1, 10*time.Second, "the review form", `document.getElementById("review-form") !== null`)
	for _, c := range demoCall(t, n).Rubric {
		press(t, mag1, "score "+c.Name, "#score-"+strconv.FormatInt(c.ID, 10)+"-4")
	}
	press(t, mag1, "save the scores", "#review-submit")
	waitFor(t, mag1, 10*time.Second, "scored", `location.hash === "#reviews" && document.getElementById("review-list") !== null`)

	mag2 := noScript(t)
	signInOn(t, mag2, n, demoMAG2, "/call")
	press(t, mag2, "open the demo's proposal", `#assignments a[href^="/proposals/"]`)
	press(t, mag2, "declare a conflict", "#conflict-submit")
	waitFor(t, mag2, 10*time.Second, "the conflict declared", `document.getElementById("conflict-declared") !== null && document.getElementById("review-form") === null`)

	open(t, sec, n.URL+"/call/board?lang=en")
	waitFor(t, sec, 10*time.Second, "the mean on the board", `(document.querySelector(`+js(row+" .scores")+`)?.textContent ?? "").includes("mean 4; reviewers who scored: 1 of 1")`)
	press(t, sec, "choose accept", "#outcome-"+id+"-accepted")
	press(t, sec, "decide", row+" .decide-submit")
	waitFor(t, sec, 10*time.Second, "decided", `location.hash === "#proposal-`+id+`" && document.querySelector(`+js(row+" .decision-form")+`) === null`)

	open(t, pro, n.URL+path+"?lang=en")
	waitFor(t, pro, 10*time.Second, "the decision on the proposer's page", textIs("proposal-state", "Accepted"))
}

// TestAxeFindsNoViolationsOnTheCallPages checks the call's pages in
// English and Arabic with axe-core, each as the reader it is for: the
// call and a proposal as their proposer, the new proposal's form, the
// proposal as its reviewer, the board and the call's forms as the
// Secretariat. With PROPOSAL_SHOTS set, each page is kept as PNG at 1280
// and 390 pixels.
func TestAxeFindsNoViolationsOnTheCallPages(t *testing.T) {
	src := axeSetUp(t)
	n := startNode(t, newCluster(t))
	var mine struct {
		Proposals []struct {
			ID int64 `json:"id"`
		} `json:"proposals"`
	}
	apiCall(t, n, signIn(t, n, "youth@demo.igf.example", demoPassword), http.MethodGet, "/api/me/proposals", nil, &mine)
	if len(mine.Proposals) != 1 {
		t.Fatalf("the demo's proposer has %d proposals", len(mine.Proposals))
	}
	proposal := "/proposals/" + strconv.FormatInt(mine.Proposals[0].ID, 10)
	for _, c := range []struct {
		who, name string
		pages     []string
	}{
		{"youth@demo.igf.example", "proposer", []string{"/call", "/proposals/new", proposal}},
		{demoMAG1, "reviewer", []string{"/call", proposal}},
		{demoSecretariat, "secretariat", []string{"/call", "/call/board", proposal}},
	} {
		b := chromiumtest.New(t)
		signInOn(t, b, n, c.who, "/call")
		for _, page := range c.pages {
			for _, lang := range []string{"en", "ar"} {
				open(t, b, n.URL+page+"?lang="+lang)
				chromiumtest.CheckAxe(t, b, src, page+" as "+c.name+" ("+lang+")")
				shotsTo(t, b, "PROPOSAL_SHOTS", c.name+strings.ReplaceAll(page, "/", "-")+"-"+lang)
			}
		}
	}
}
