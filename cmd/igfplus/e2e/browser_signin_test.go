package e2e

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/tracks/accounts/oidclogin/oidctest"
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
	src := axeSetUp(t)
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
	chromiumtest.CheckAxe(t, b, src, "/signin?registered=1 (ar)")
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
	chromiumtest.CheckAxe(t, b, src, "/signin?registered=1 (en)")
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

// The registration form's country is chosen by its name in the reader's
// language (CLDR), typed into the select as a person does, and stored as
// its code.
func TestBrowserACountryIsChosenByNameOnRegistering(t *testing.T) {
	chromiumtest.Path(t)
	c := newCluster(t)
	n := startNode(t, c, "--demo", "never")
	b := chromiumtest.New(t)
	open(t, b, n.URL+"/register?lang=fr")
	step(t, b, 10*time.Second, "type the start of a country's French name into the select",
		chromedp.WaitVisible(chromedp.ID("country")),
		chromedp.Focus(chromedp.ID("country")),
		chromedp.KeyEvent("Algé"))
	if got := eval[string](t, b, 5*time.Second, `document.getElementById("country").value + " " + document.getElementById("country").selectedOptions[0].textContent`); got != "DZ Algérie" {
		t.Fatalf("the country chosen by typing: %q, want DZ Algérie", got)
	}
	registerOnPage(t, b, "samira@example.org", "a long enough passphrase", "Samira")
	var country string
	if err := openDB(t, c).Pool.QueryRow(context.Background(), `SELECT country FROM accounts WHERE email = 'samira@example.org'`).Scan(&country); err != nil {
		t.Fatal(err)
	}
	if country != "DZ" {
		t.Errorf("stored country %q, want DZ", country)
	}
}

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
	src, c, f := browserForum(t)
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
	chromiumtest.CheckAxe(t, b, src, "/signin with a provider (en)")
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
	chromiumtest.CheckAxe(t, b, src, "/signin with a provider (ar)")
	signInAtProvider(t, b, op, "omar")
	waitFor(t, b, 20*time.Second, "the details page (ar)", `document.getElementById("sso-details-form") !== null && document.documentElement.dir === "rtl"`)
	chromiumtest.CheckAxe(t, b, src, "/signin/sso details (ar)")
	step(t, b, 10*time.Second, "submit without a group", chromedp.Click(chromedp.ID("sso-details-submit")))
	waitFor(t, b, 10*time.Second, "the problems beside the fields", `document.getElementById("group-error") !== null || document.querySelector("#group:invalid") !== null`)
}

// TestBrowserPasskeyFromTheProfileSignsInWithoutAPassword: with
// JavaScript on and a virtual authenticator (CTAP2, internal, resident
// keys, user verification), a participant signed in with their password
// adds a passkey on their profile; signed out, they sign in from the
// sign-in page with the passkey alone and land on the page they were
// going to, signed in as themselves. The node is configured with nothing
// for it: its own origin (localhost) is the relying party. Axe clean on
// the profile and sign-in pages, in English and Arabic.
func TestBrowserPasskeyFromTheProfileSignsInWithoutAPassword(t *testing.T) {
	src, c, f := browserForum(t)
	kofi := f.Participant(t, "Kofi Mensah")
	addr := freeAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	base := "http://localhost:" + port // browsers take no IP address as a relying party
	n := startNode(t, c, "--demo", "never", "--addr", addr, "--public-url", base)
	// Nobody adds a passkey to an account whose address is unconfirmed:
	// whoever registered someone else's address could plant one.
	ama := f.Participant(t, "Ama Owusu")
	f.Unverified(t, ama)
	api(t, n, http.MethodPost, "/api/me/passkeys/options", signInAs(t, n, ama), "", http.StatusForbidden, nil)

	b := chromiumtest.New(t)
	if _, err := chromedp.Call(b, webauthn.Enable, webauthn.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	authenticator, err := chromedp.Call(b, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{
		Options: &webauthn.VirtualAuthenticatorOptions{Protocol: webauthn.AuthenticatorProtocolCtap2,
			Transport: webauthn.AuthenticatorTransportInternal, HasResidentKey: true, HasUserVerification: true,
			IsUserVerified: true, AutomaticPresenceSimulation: true,
			HasCmtgKey: true}}) // the client library always sends the CMTG fields of a credential it adds
	if err != nil {
		t.Fatal(err)
	}

	signInOnPage(t, b, base, kofi.Email, forumtest.Password)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	open(t, b, base+"/profile")
	waitFor(t, b, 10*time.Second, "the passkey control shown", `document.getElementById("passkey-register").hidden === false`)
	chromiumtest.CheckAxe(t, b, src, "/profile with passkeys (en)")
	step(t, b, 10*time.Second, "add a passkey", chromedp.Click(chromedp.ID("passkey-add")))
	waitFor(t, b, 15*time.Second, "the passkey added", `document.getElementById("passkey-status").textContent.includes("added")`)
	open(t, b, base+"/profile?lang=ar")
	if got := eval[string](t, b, 5*time.Second, `document.getElementById("passkey-count").textContent`); !strings.Contains(got, "1") {
		t.Fatalf("the profile says %q after adding a passkey, want 1", got)
	}
	chromiumtest.CheckAxe(t, b, src, "/profile with passkeys (ar)")

	if _, err := chromedp.Call(b, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	open(t, b, base+"/signin?next=%2Fprofile&lang=ar")
	waitFor(t, b, 10*time.Second, "the passkey sign-in shown", `document.getElementById("passkey-signin").hidden === false`)
	chromiumtest.CheckAxe(t, b, src, "/signin with passkeys (ar)")
	open(t, b, base+"/signin?next=%2Fprofile&lang=en")
	waitFor(t, b, 10*time.Second, "the passkey sign-in shown", `document.getElementById("passkey-signin").hidden === false`)
	chromiumtest.CheckAxe(t, b, src, "/signin with passkeys (en)")
	step(t, b, 10*time.Second, "sign in with the passkey", chromedp.Click(chromedp.ID("passkey-submit")))
	waitFor(t, b, 15*time.Second, "signed in on the profile", `location.pathname === "/profile" && document.getElementById("profile-email") !== null`)
	if got := eval[string](t, b, 5*time.Second, `document.getElementById("profile-email").textContent`); got != kofi.Email {
		t.Fatalf("signed in with the passkey as %q, want %q", got, kofi.Email)
	}

	// A copy of the passkey, its sign count back at 0, is refused: a
	// cloned authenticator.
	creds, err := chromedp.Call(b, webauthn.GetCredentials, webauthn.GetCredentialsParams{AuthenticatorID: authenticator.AuthenticatorID})
	if err != nil || len(creds.Credentials) != 1 {
		t.Fatalf("the authenticator's credentials: %v, %v", creds, err)
	}
	got := creds.Credentials[0]
	clone := webauthn.Credential{CredentialID: got.CredentialID, IsResidentCredential: got.IsResidentCredential, RpID: got.RpID,
		PrivateKey: got.PrivateKey, UserHandle: got.UserHandle, SignCount: 0}
	if _, err := chromedp.Call(b, webauthn.ClearCredentials, webauthn.ClearCredentialsParams{AuthenticatorID: authenticator.AuthenticatorID}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(b, webauthn.AddCredential, webauthn.AddCredentialParams{AuthenticatorID: authenticator.AuthenticatorID, Credential: &clone}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(b, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	open(t, b, base+"/signin?next=%2Fprofile&lang=en")
	waitFor(t, b, 10*time.Second, "the passkey sign-in shown", `document.getElementById("passkey-signin").hidden === false`)
	step(t, b, 10*time.Second, "sign in with the cloned passkey", chromedp.Click(chromedp.ID("passkey-submit")))
	waitFor(t, b, 15*time.Second, "the clone refused", textIs("passkey-status", "The passkey could not be used. Try again, or sign in with your password.")+` && location.pathname === "/signin"`)
}
