package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
)

// TestBrowserProfileSavesTheLanguageThatThenWinsOverTheBrowsers: with
// JavaScript on, a participant whose browser asks for English opens their
// profile from their name in the header, asks for the link confirming
// their address again, changes their name and language
// to Arabic and saves; the pages are then in Arabic, right to left, without
// any ?lang= (the saved language wins over Accept-Language), and their new
// name is in the header. PATCH /api/me refuses a bad region with a
// problem+json 422 and changes the language back. Axe clean in English
// and Arabic.
func TestBrowserProfileSavesTheLanguageThatThenWinsOverTheBrowsers(t *testing.T) {
	chromiumtest.Path(t)
	src := axeSource(t)
	c := newCluster(t)
	f := newForum(t, c)
	kofi := f.Participant(t, "Kofi Mensah")
	f.Unverified(t, kofi)
	n := startNode(t, c, "--demo", "never")
	b := chromiumtest.New(t)

	signInOnPage(t, b, n.URL, kofi.Email, forumtest.Password)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	step(t, b, 10*time.Second, "open the profile from the header", chromedp.Click(`#whoami a`))
	waitFor(t, b, 10*time.Second, "the profile form", `document.getElementById("profile-form") !== null && document.documentElement.lang === "en"`)
	checkAxe(t, b, src, "/profile (en)")
	shotsTo(t, b, "MAIL_SHOTS", "profile-en")
	step(t, b, 10*time.Second, "ask for the confirmation link again", chromedp.Click(chromedp.ID("verification-submit")))
	waitFor(t, b, 10*time.Second, "the link sent", `document.getElementById("profile-sent") !== null`)
	step(t, b, 15*time.Second, "save a new name and Arabic",
		chromedp.SetValue(chromedp.ID("display-name"), "Kofi A. Mensah"),
		chromedp.SetValue(chromedp.ID("locale"), "ar"),
		chromedp.Click(chromedp.ID("profile-submit")),
	)
	waitFor(t, b, 15*time.Second, "saved, in Arabic", `document.getElementById("profile-saved") !== null && document.documentElement.dir === "rtl"`)
	if !strings.Contains(eval[string](t, b, 5*time.Second, `document.getElementById("whoami").textContent`), "Kofi A. Mensah") {
		t.Error("the header does not show the new name")
	}
	checkAxe(t, b, src, "/profile saved (ar)")
	shotsTo(t, b, "MAIL_SHOTS", "profile-saved-ar")
	open(t, b, n.URL+"/")
	if lang := eval[string](t, b, 5*time.Second, `document.documentElement.lang`); lang != "ar" {
		t.Fatalf("the programme is in %q after saving Arabic, want ar over the browser's English", lang)
	}

	patch := func(body string) string {
		return eval[string](t, b, 10*time.Second, `fetch("/api/me", {method: "PATCH", headers: {"Content-Type": "application/json"}, body: `+js(body)+`})
			.then(async (r) => r.status + " " + r.headers.get("Content-Type") + " " + await r.text())`, chromedp.EvalAwaitPromise)
	}
	if got := patch(`{"region":"mars"}`); !strings.HasPrefix(got, "422 application/problem+json") {
		t.Fatalf("PATCH a bad region: %s", got)
	}
	if got := patch(`{"locale":"fr"}`); !strings.HasPrefix(got, "200 ") || !strings.Contains(got, `"locale":"fr"`) || !strings.Contains(got, `"display_name":"Kofi A. Mensah"`) {
		t.Fatalf("PATCH the language: %s", got)
	}
	open(t, b, n.URL+"/profile")
	if lang := eval[string](t, b, 5*time.Second, `document.documentElement.lang`); lang != "fr" {
		t.Fatalf("after PATCH /api/me the pages are in %q, want fr", lang)
	}
}
