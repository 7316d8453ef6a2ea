package e2e

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// registerOnPage fills the registration form of the page open in ctx and
// submits it, waiting for the sign-in form that follows.
func registerOnPage(t *testing.T, ctx context.Context, email, password, name string) {
	t.Helper()
	step(t, ctx, 15*time.Second, "register "+email,
		chromedp.WaitVisible(chromedp.ID("register-form")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.SendKeys(chromedp.ID("display-name"), name),
		chromedp.SetValue(chromedp.ID("group"), "civil_society"),
		chromedp.SetValue(chromedp.ID("region"), "african"),
		chromedp.Click(chromedp.ID("register-submit")),
	)
	waitFor(t, ctx, 10*time.Second, "the sign-in form after registering", `location.pathname === "/signin" && document.getElementById("signin-registered") !== null`)
}

// TestBrowserRegisterTellsNothingOfAnExistingAccount: with JavaScript on, a
// person registers on the page and lands on the sign-in form, which thanks
// them in a status region (in English and in Arabic, right to left, axe
// clean); registering the same address again lands on the very same page,
// saying nothing of an account that exists; the first password then signs
// in and the second does not (the existing account was left alone).
func TestBrowserRegisterTellsNothingOfAnExistingAccount(t *testing.T) {
	chromiumtest.Path(t)
	src := axeSource(t)
	n := startNode(t, newCluster(t), "--demo", "never")
	b := chromiumtest.New(t)
	landing := func() string {
		return eval[string](t, b, 5*time.Second, `document.querySelector("main").innerText`)
	}

	open(t, b, n.URL+"/register?lang=ar&next=%2Fsessions")
	registerOnPage(t, b, "layla.haddad@example.org", "the first long passphrase", "Layla")
	first := landing()
	if dir := eval[string](t, b, 5*time.Second, `document.documentElement.dir`); dir != "rtl" {
		t.Errorf("the Arabic sign-in form is %q, want rtl", dir)
	}
	checkAxe(t, b, src, "/signin?registered=1 (ar)")
	shotsTo(t, b, "REGISTER_SHOTS", "signin-registered-ar")

	open(t, b, n.URL+"/register?lang=ar&next=%2Fsessions")
	registerOnPage(t, b, "Layla.Haddad@example.org", "an imposter's passphrase", "Imposter")
	if again := landing(); again != first {
		t.Errorf("registering a taken address shows\n%q\nnot what a new one shows\n%q", again, first)
	}
	for _, tell := range []string{"exist", "يوجد", "already"} {
		if strings.Contains(strings.ToLower(landing()), tell) {
			t.Errorf("the page after registering a taken address says %q", tell)
		}
	}

	open(t, b, n.URL+"/signin?registered=1&lang=en")
	checkAxe(t, b, src, "/signin?registered=1 (en)")
	shotsTo(t, b, "REGISTER_SHOTS", "signin-registered-en")
	step(t, b, 15*time.Second, "the imposter's password",
		chromedp.SendKeys(chromedp.ID("email"), "layla.haddad@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), "an imposter's passphrase"),
		chromedp.Click(chromedp.ID("signin-submit")),
	)
	waitFor(t, b, 10*time.Second, "refused", `document.getElementById("signin-error") !== null`)
	step(t, b, 15*time.Second, "the first password",
		chromedp.WaitVisible(chromedp.ID("signin-error")), // the form comes back, its password empty
		chromedp.SendKeys(chromedp.ID("password"), "the first long passphrase"),
		chromedp.Click(chromedp.ID("signin-submit")),
	)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	if me := eval[string](t, b, 10*time.Second, `fetch("/api/me").then((r) => r.json()).then((a) => a.display_name)`, chromedp.EvalAwaitPromise); me != "Layla" {
		t.Fatalf("signed in as %q, want Layla's own account", me)
	}
}

// shotsTo saves screenshots as shots does, into the folder named by the
// environment variable env (or a temporary one).
func shotsTo(t *testing.T, ctx context.Context, env, name string) {
	t.Helper()
	if dir := os.Getenv(env); dir != "" {
		t.Setenv("ELECTION_SHOTS", dir)
	}
	shots(t, ctx, name)
}
