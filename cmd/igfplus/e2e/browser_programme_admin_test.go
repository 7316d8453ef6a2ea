package e2e

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// currentEditionJSON is what the checks read of GET /api/editions/current.
type currentEditionJSON struct {
	ID              int64  `json:"id"`
	Venue           string `json:"venue"`
	TimeZone        string `json:"time_zone"`
	MaxPolicyIssues int    `json:"max_policy_issues"`
	PolicyIssues    []struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
	} `json:"policy_issues"`
	Tracks []struct {
		ID    int64  `json:"id"`
		Kind  string `json:"kind"`
		Title string `json:"title"`
	} `json:"tracks"`
}

func currentEdition(t *testing.T, n *node) currentEditionJSON {
	t.Helper()
	var e currentEditionJSON
	apiCall(t, n, "", http.MethodGet, "/api/editions/current", nil, &e)
	return e
}

// typeInto replaces the value of the field with id by text, as a person
// clearing what is there and typing would.
func typeInto(t *testing.T, ctx context.Context, id, text string) {
	t.Helper()
	eval[bool](t, ctx, 5*time.Second, `(document.getElementById(`+js(id)+`).value = "", true)`)
	step(t, ctx, 10*time.Second, "type into "+id, chromedp.SendKeys(chromedp.ID(id), text))
}

// TestBrowserSecretariatSetsUpTheEditionItsIssuesAndTracks: from the
// header's link, the Secretariat sets the edition's time zone and venue (a
// zone that does not exist comes back refused, what was typed kept), is
// refused a cap below the issues on the agenda, fills the agenda to its
// cap (one more is refused), retitles an issue, and adds and renames a
// youth track; the API then says the same. A participant may not open the
// page; without JavaScript the same forms work.
func TestBrowserSecretariatSetsUpTheEditionItsIssuesAndTracks(t *testing.T) {
	chromiumtest.Path(t)
	n := startNode(t, newCluster(t))
	sec := chromiumtest.New(t)
	signInOn(t, sec, n, "secretariat@demo.igf.example", "/")
	press(t, sec, "open the programme's set-up from the header", "#programme-admin-link")
	waitFor(t, sec, 10*time.Second, "the set-up page", `document.getElementById("save-edition") !== null`)

	alert := func(id string) string {
		return `(document.getElementById(` + js(id) + `)?.textContent ?? "")`
	}
	typeInto(t, sec, "ed-tz", "Mars/Olympus_Mons")
	press(t, sec, "save the edition", "#save-edition")
	waitFor(t, sec, 10*time.Second, "the time zone refused beside the form, what was typed kept",
		alert("edition-problem")+`.includes("time_zone is an IANA") && document.getElementById("ed-tz").value === "Mars/Olympus_Mons"`)
	typeInto(t, sec, "ed-tz", "Africa/Nairobi")
	typeInto(t, sec, "ed-venue", "United Nations Office at Nairobi")
	press(t, sec, "save the edition", "#save-edition")
	waitFor(t, sec, 10*time.Second, "saved, no problem shown", `location.hash === "#edition" && document.getElementById("edition-problem") === null`)
	if e := currentEdition(t, n); e.TimeZone != "Africa/Nairobi" || e.Venue != "United Nations Office at Nairobi" {
		t.Fatalf("after saving, the edition's time zone %q and venue %q", e.TimeZone, e.Venue)
	}

	// The cap cannot fall below the issues on the agenda.
	e := currentEdition(t, n)
	typeInto(t, sec, "ed-cap", strconv.Itoa(len(e.PolicyIssues)-1))
	press(t, sec, "save a cap below the agenda", "#save-edition")
	waitFor(t, sec, 10*time.Second, "the cap refused", alert("edition-problem")+`.includes("cannot be lower")`)
	if got := currentEdition(t, n).MaxPolicyIssues; got != e.MaxPolicyIssues {
		t.Fatalf("a refused cap changed it to %d", got)
	}

	// Fill the agenda to its cap; one more is refused, what was typed kept.
	for i := len(e.PolicyIssues); i < e.MaxPolicyIssues; i++ {
		open(t, sec, n.URL+"/admin/programme?lang=en")
		typeInto(t, sec, "issue-new-slug", "issue-"+strconv.Itoa(i))
		typeInto(t, sec, "issue-new-title", "Issue number "+strconv.Itoa(i))
		press(t, sec, "add a policy issue", "#issue-add")
		waitFor(t, sec, 10*time.Second, "the issue added", `location.hash === "#issues" && document.getElementById("issue-new-problem") === null`)
	}
	typeInto(t, sec, "issue-new-slug", "one-too-many")
	typeInto(t, sec, "issue-new-title", "One too many")
	press(t, sec, "add a policy issue over the cap", "#issue-add")
	waitFor(t, sec, 10*time.Second, "the cap said beside the form, the title kept",
		alert("issue-new-problem")+`.includes("already has its") && document.getElementById("issue-new-title").value === "One too many"`)
	if got := len(currentEdition(t, n).PolicyIssues); got != e.MaxPolicyIssues {
		t.Fatalf("the agenda has %d issues, want its cap %d", got, e.MaxPolicyIssues)
	}

	// Retitle the first issue.
	first := "issue-" + strconv.FormatInt(e.PolicyIssues[0].ID, 10)
	open(t, sec, n.URL+"/admin/programme?lang=en")
	typeInto(t, sec, first+"-title", "Meaningful access for all")
	press(t, sec, "save the issue", "#"+first+"-save")
	waitFor(t, sec, 10*time.Second, "the issue's heading renamed", `document.getElementById(`+js(first+"-h")+`).textContent.includes("Meaningful access for all")`)
	if got := currentEdition(t, n).PolicyIssues[0].Title; got != "Meaningful access for all" {
		t.Fatalf("the first issue is titled %q", got)
	}

	// A youth track spanning every issue, added then renamed.
	eval[bool](t, sec, 5*time.Second, `(document.getElementById("track-new-kind").value = "youth", true)`)
	typeInto(t, sec, "track-new-slug", "youth-voices")
	typeInto(t, sec, "track-new-title", "Youth voices")
	press(t, sec, "add the track", "#track-add")
	waitFor(t, sec, 10*time.Second, "the track listed", `[...document.querySelectorAll("#tracks h3 a")].some((a) => a.textContent === "Youth voices")`)
	var youth int64
	for _, tr := range currentEdition(t, n).Tracks {
		if tr.Title == "Youth voices" && tr.Kind == "youth" {
			youth = tr.ID
		}
	}
	if youth == 0 {
		t.Fatal("the youth track is not in the edition")
	}
	track := "track-" + strconv.FormatInt(youth, 10)
	typeInto(t, sec, track+"-title", "Youth voices on connectivity")
	press(t, sec, "rename the track", "#"+track+"-save")
	waitFor(t, sec, 10*time.Second, "the track renamed", `document.querySelector(`+js("#"+track+"-h a")+`).textContent === "Youth voices on connectivity"`)
	// Its lead is changed on the track's own page, one click away.
	press(t, sec, "go to change its lead", "#"+track+` a[href$="#lead"]`)
	waitFor(t, sec, 10*time.Second, "the track's page with its lead form",
		`location.pathname === `+js("/tracks/"+strconv.FormatInt(youth, 10))+` && document.getElementById("lead-form") !== null`)

	// Without JavaScript: the same form saves the venue.
	off := noScript(t)
	signInOn(t, off, n, "secretariat@demo.igf.example", "/admin/programme")
	typeInto(t, off, "ed-venue", "Gigiri, Nairobi")
	press(t, off, "save the edition without JavaScript", "#save-edition")
	waitFor(t, off, 10*time.Second, "back on the page's edition", `location.hash === "#edition" && document.getElementById("ed-venue").value === "Gigiri, Nairobi"`)
	if got := currentEdition(t, n).Venue; got != "Gigiri, Nairobi" {
		t.Fatalf("without JavaScript the venue is %q", got)
	}

	// A participant may not.
	token := signIn(t, n, "youth@demo.igf.example", demoPassword)
	if code, _ := apiDo(t, n, token, http.MethodGet, "/admin/programme", nil); code != http.StatusForbidden {
		t.Errorf("a participant opening the set-up page: %d, want 403", code)
	}
}

// TestBrowserPlannersChangeATracksLeadAndASessionsCoOrganisers: without
// JavaScript's help beyond clicking, the secretariat changes the
// connectivity track's lead by email (an unknown address comes back with
// the problem, the field focused); the Kenya IGF's coordinator adds the
// Ghana IGF to the co-organisers of their session, which the track's page
// and the programme then name, linked to the directory.
func TestBrowserPlannersChangeATracksLeadAndASessionsCoOrganisers(t *testing.T) {
	chromiumtest.Path(t)
	n := startNode(t, newCluster(t))
	inclusion := "/tracks/" + strconv.FormatInt(trackBySlug(t, n, "inclusion"), 10)
	kenyaTrack := "/tracks/" + strconv.FormatInt(trackBySlug(t, n, "kenya-igf-access"), 10)
	session := strconv.FormatInt(sessionBySlug(t, n, "kenya-igf-last-mile"), 10)

	sec := chromiumtest.New(t)
	signInOn(t, sec, n, "secretariat@demo.igf.example", inclusion)
	has := func(name string) string {
		return `[...document.querySelectorAll("dl.facts dd")].some((dd) => dd.textContent === ` + js(name) + `)`
	}
	waitFor(t, sec, 10*time.Second, "the lead in place and the form", has("Lucía Fernández")+` && document.getElementById("lead-form") !== null`)
	step(t, sec, 10*time.Second, "type an unknown address", chromedp.SendKeys(chromedp.ID("lead-email"), "nobody@demo.igf.example"))
	press(t, sec, "change the lead", "#lead-submit")
	waitFor(t, sec, 10*time.Second, "the problem next to the field, focused",
		`(document.getElementById("lead-email-error")?.textContent ?? "").startsWith("No account") && document.activeElement?.id === "lead-email"`)
	if !eval[bool](t, sec, 5*time.Second, has("Lucía Fernández")) {
		t.Fatal("the lead changed on an unknown address")
	}
	eval[bool](t, sec, 5*time.Second, `(document.getElementById("lead-email").value = "", true)`)
	step(t, sec, 10*time.Second, "type Rajesh's address", chromedp.SendKeys(chromedp.ID("lead-email"), "academic@demo.igf.example"))
	press(t, sec, "change the lead", "#lead-submit")
	waitFor(t, sec, 10*time.Second, "Rajesh leads the track", has("Rajesh Iyer"))

	kwame := chromiumtest.New(t)
	signInOn(t, kwame, n, "nri.coordinator@demo.igf.example", kenyaTrack)
	press(t, kwame, "open the session's co-organisers", `a.change-coorganisers[href="/sessions/`+session+`/coorganisers"]`)
	ghana := `[...document.querySelectorAll("#coorganiser-choices label")].find((l) => l.textContent.includes("Ghana IGF"))?.querySelector("input")`
	waitFor(t, kwame, 10*time.Second, "the Ghana IGF unticked, the Kenya IGF fixed",
		ghana+`?.checked === false && [...document.querySelectorAll("#coorganiser-choices input:checked")].length === 1`)
	eval[bool](t, kwame, 5*time.Second, `(`+ghana+`.click(), true)`)
	press(t, kwame, "save", "#coorganisers-submit")
	line := `(document.querySelector('a[href="/sessions/` + session + `"]')?.closest("li")?.querySelector(".coorganisers")?.textContent ?? "")`
	waitFor(t, kwame, 10*time.Second, "both initiatives under the session on the track's page", line+`.includes("Ghana IGF") && `+line+`.includes("Kenya IGF")`)
	open(t, kwame, n.URL+"/?lang=en")
	waitFor(t, kwame, 10*time.Second, "both initiatives under the session in the programme",
		line+`.includes("Ghana IGF") && document.querySelector('a[href="/sessions/`+session+`"]').closest("li").querySelector('a[href="/nris#nri-ghana-igf"]') !== null`)
}

// TestBrowserNRICoordinatorLinksATrackAndItsRecommendationReachesTheIntake:
// the demo's NRI coordinator asks, on the Ghana IGF track's page, to link
// it to the global data track; the secretariat accepts on the global
// track's page; the recommendation the Ghana IGF adopted then shows in the
// global track's intake with its origin.
func TestBrowserNRICoordinatorLinksATrackAndItsRecommendationReachesTheIntake(t *testing.T) {
	chromiumtest.Path(t)
	n := startNode(t, newCluster(t))
	nriTrack, global := trackBySlug(t, n, "ghana-igf-data"), trackBySlug(t, n, "data")
	nriPage, globalPage := "/tracks/"+strconv.FormatInt(nriTrack, 10), "/tracks/"+strconv.FormatInt(global, 10)
	const title = "Local hosting of public data"

	kwame, sec := chromiumtest.New(t), chromiumtest.New(t)
	signInOn(t, kwame, n, "nri.coordinator@demo.igf.example", nriPage)
	waitFor(t, kwame, 10*time.Second, "the ask-to-link form", `document.getElementById("ask-link") !== null`)
	eval[bool](t, kwame, 5*time.Second, `(document.getElementById("ask-global").value = `+js(strconv.FormatInt(global, 10))+`, true)`)
	step(t, kwame, 10*time.Second, "write a note", chromedp.SendKeys(chromedp.ID("ask-note"), "Ghana's messages on data"))
	press(t, kwame, "ask for the link", "#ask-link-submit")
	waitFor(t, kwame, 10*time.Second, "the link waits for a decision", `(document.querySelector("#link-list .link-state")?.textContent ?? "") === "Waiting for a decision"`)

	signInOn(t, sec, n, "secretariat@demo.igf.example", globalPage)
	if eval[bool](t, sec, 5*time.Second, `[...document.querySelectorAll("#intake-list h3")].some((h) => h.textContent === `+js(title)+`)`) {
		t.Fatal("the recommendation is in the intake before the link is accepted")
	}
	row := `[...document.querySelectorAll("#link-list li")].find((li) => li.textContent.includes("Ghana IGF"))`
	waitFor(t, sec, 10*time.Second, "the request on the global track's page", row+`?.querySelector(".accept-link") != null`)
	if !eval[bool](t, sec, 5*time.Second, `(`+row+`.querySelector(".accept-link").click(), true)`) {
		t.Fatal("no accept button")
	}
	item := `[...document.querySelectorAll("#intake-list li")].find((li) => li.querySelector("h3")?.textContent === ` + js(title) + `)`
	waitFor(t, sec, 10*time.Second, "the Ghana IGF's recommendation in the intake with its origin",
		item+`?.querySelector(".meta").textContent.includes("Ghana IGF") && `+item+`.querySelector(".intake-state").textContent === "To be considered"`)
	waitFor(t, sec, 5*time.Second, "the link shows as linked", row+`.querySelector(".link-state").textContent === "Linked"`)
}
