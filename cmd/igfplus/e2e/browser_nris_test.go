package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

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
