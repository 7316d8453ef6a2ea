package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

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
