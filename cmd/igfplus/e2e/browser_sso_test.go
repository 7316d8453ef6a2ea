package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/tracks/accounts/oidclogin/oidctest"
)

// providerPassword is every person's password at the tests' provider.
const providerPassword = "provider-secret-1"

// ssoNode starts a node whose one identity provider ("unid", "UN
// Identity") is a real OpenID provider on 127.0.0.1 with people, and
// returns the node and the provider.
func ssoNode(t *testing.T, c cluster, people ...oidctest.Person) (*node, *oidctest.Provider) {
	t.Helper()
	addr := freeAddr(t)
	op := oidctest.Start(t, "http://"+addr+"/signin/sso/unid/callback", people...)
	n := startNode(t, c, "--demo", "never", "--addr", addr,
		"--oidc-provider", "unid|UN Identity|"+op.Issuer+"|"+op.ClientID+"|"+op.ClientSecret)
	return n, op
}

// signInAtProvider clicks "Sign in with UN Identity" on the sign-in page
// open in b and signs in at the provider's own login page as username.
func signInAtProvider(t *testing.T, b context.Context, op *oidctest.Provider, username string) {
	t.Helper()
	step(t, b, 15*time.Second, "click Sign in with UN Identity", chromedp.Click(chromedp.ID("sso-unid")))
	issuer, _ := url.Parse(op.Issuer)
	waitFor(t, b, 15*time.Second, "the provider's login page",
		`location.host === `+js(issuer.Host)+` && document.getElementById("username") !== null`)
	step(t, b, 15*time.Second, "sign in at the provider as "+username,
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), providerPassword),
		chromedp.Click(`button[type=submit]`),
	)
}

// TestBrowserSignInThroughAnOpenIDProvider: a node configured with a real
// OpenID provider shows "Sign in with UN Identity" on its sign-in page.
// With JavaScript on, a participant who already has an account clicks it,
// signs in at the provider and lands signed in on the page they were
// going to, in their own account (linked by the provider's verified
// address). With JavaScript off, in Arabic, a newcomer does the same, is
// asked their stakeholder group and region on a short page, and lands
// signed in on their new account. Someone whose address the provider has
// not verified is refused, even for an address that has an account. Axe
// clean on the sign-in and details pages, in English and Arabic.
func TestBrowserSignInThroughAnOpenIDProvider(t *testing.T) {
	chromiumtest.Path(t)
	src := axeSource(t)
	c := newCluster(t)
	f := newForum(t, c)
	kofi := f.Participant(t, "Kofi Mensah")
	amina := f.Participant(t, "Amina Yusuf")
	n, op := ssoNode(t, c,
		oidctest.Person{Username: "kofi", Password: providerPassword, Email: strings.ToUpper(kofi.Email), EmailVerified: true, First: "Kofi", Last: "Mensah"},
		oidctest.Person{Username: "lena", Password: providerPassword, Email: "lena.novak@example.org", EmailVerified: true, First: "Lena", Last: "Novak"},
		oidctest.Person{Username: "omar", Password: providerPassword, Email: "omar@example.org", EmailVerified: true, First: "Omar", Last: "Haddad"},
		oidctest.Person{Username: "mallory", Password: providerPassword, Email: amina.Email, EmailVerified: false, First: "Mal", Last: "Lory"},
	)

	b := chromiumtest.New(t)
	open(t, b, n.URL+"/signin?next=%2Fprofile")
	checkAxe(t, b, src, "/signin with a provider (en)")
	signInAtProvider(t, b, op, "kofi")
	waitFor(t, b, 20*time.Second, "back signed in, on the profile", `location.pathname === "/profile" && document.getElementById("profile-form") !== null`)
	if got := eval[string](t, b, 5*time.Second, `document.getElementById("profile-email").textContent`); got != kofi.Email {
		t.Fatalf("signed in through the provider as %q, want Kofi's own account %q", got, kofi.Email)
	}
	if got := eval[string](t, b, 5*time.Second, `document.getElementById("whoami").textContent`); !strings.Contains(got, "Kofi Mensah") {
		t.Fatalf("the header says %q, want Kofi signed in", got)
	}

	// Someone the provider does not vouch for, with Amina's address.
	if _, err := chromedp.Call(b, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	open(t, b, n.URL+"/signin")
	signInAtProvider(t, b, op, "mallory")
	waitFor(t, b, 20*time.Second, "refused on the sign-in page", `location.pathname.startsWith("/signin") && document.getElementById("signin-error") !== null`)
	if eval[bool](t, b, 5*time.Second, `document.getElementById("whoami") !== null && document.getElementById("whoami").textContent.includes("Amina")`) {
		t.Fatal("an address the provider did not verify signed in to Amina's account")
	}

	// A newcomer, JavaScript off, in Arabic.
	nojs := noScript(t)
	open(t, nojs, n.URL+"/signin?next=%2Fprofile&lang=ar")
	signInAtProvider(t, nojs, op, "lena")
	waitFor(t, nojs, 20*time.Second, "the details page, in Arabic", `document.getElementById("sso-details-form") !== null && document.documentElement.dir === "rtl"`)
	if got := eval[string](t, nojs, 5*time.Second, `document.getElementById("sso-email").textContent`); got != "lena.novak@example.org" {
		t.Fatalf("the details page shows %q, want the provider's address", got)
	}
	step(t, nojs, 15*time.Second, "give a group and a region",
		chromedp.SetValue(chromedp.ID("group"), "civil_society"),
		chromedp.SetValue(chromedp.ID("region"), "eastern_european"),
		chromedp.Click(chromedp.ID("sso-details-submit")),
	)
	waitFor(t, nojs, 20*time.Second, "signed in on the new account's profile", `location.pathname === "/profile" && document.getElementById("profile-email") !== null`)
	if got := eval[string](t, nojs, 5*time.Second, `document.getElementById("profile-email").textContent + " " + document.getElementById("display-name").value + " " + document.getElementById("group").value`); got != "lena.novak@example.org Lena Novak civil_society" {
		t.Fatalf("the new account is %q", got)
	}

	// Axe needs a script: a browser with JavaScript on renders the same
	// pages in Arabic.
	if _, err := chromedp.Call(b, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	open(t, b, n.URL+"/signin?lang=ar")
	checkAxe(t, b, src, "/signin with a provider (ar)")
	signInAtProvider(t, b, op, "omar")
	waitFor(t, b, 20*time.Second, "the details page (ar)", `document.getElementById("sso-details-form") !== null && document.documentElement.dir === "rtl"`)
	checkAxe(t, b, src, "/signin/sso details (ar)")
	step(t, b, 10*time.Second, "submit without a group", chromedp.Click(chromedp.ID("sso-details-submit")))
	waitFor(t, b, 10*time.Second, "the problems beside the fields", `document.getElementById("group-error") !== null || document.querySelector("#group:invalid") !== null`)
}
