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
	req, _ := http.NewRequest(http.MethodGet, n.URL+"/admin/programme", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a participant opening the set-up page: %d, want 403", resp.StatusCode)
	}
}
