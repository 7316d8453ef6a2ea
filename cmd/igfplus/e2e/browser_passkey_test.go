package e2e

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
)

// TestBrowserPasskeyFromTheProfileSignsInWithoutAPassword: with
// JavaScript on and a virtual authenticator (CTAP2, internal, resident
// keys, user verification), a participant signed in with their password
// adds a passkey on their profile; signed out, they sign in from the
// sign-in page with the passkey alone and land on the page they were
// going to, signed in as themselves. The node is configured with nothing
// for it: its own origin (localhost) is the relying party. Axe clean on
// the profile and sign-in pages, in English and Arabic.
func TestBrowserPasskeyFromTheProfileSignsInWithoutAPassword(t *testing.T) {
	chromiumtest.Path(t)
	src := axeSource(t)
	c := newCluster(t)
	f := newForum(t, c)
	kofi := f.Participant(t, "Kofi Mensah")
	addr := freeAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	base := "http://localhost:" + port // browsers take no IP address as a relying party
	startNode(t, c, "--demo", "never", "--addr", addr, "--public-url", base)
	b := chromiumtest.New(t)
	if _, err := chromedp.Call(b, webauthn.Enable, webauthn.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(b, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{
		Options: &webauthn.VirtualAuthenticatorOptions{Protocol: webauthn.AuthenticatorProtocolCtap2,
			Transport: webauthn.AuthenticatorTransportInternal, HasResidentKey: true, HasUserVerification: true,
			IsUserVerified: true, AutomaticPresenceSimulation: true}}); err != nil {
		t.Fatal(err)
	}

	signInOnPage(t, b, base, kofi.Email, forumtest.Password)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	open(t, b, base+"/profile")
	waitFor(t, b, 10*time.Second, "the passkey control shown", `document.getElementById("passkey-register").hidden === false`)
	checkAxe(t, b, src, "/profile with passkeys (en)")
	step(t, b, 10*time.Second, "add a passkey", chromedp.Click(chromedp.ID("passkey-add")))
	waitFor(t, b, 15*time.Second, "the passkey added", `document.getElementById("passkey-status").textContent.includes("added")`)
	open(t, b, base+"/profile?lang=ar")
	if got := eval[string](t, b, 5*time.Second, `document.getElementById("passkey-count").textContent`); !strings.Contains(got, "1") {
		t.Fatalf("the profile says %q after adding a passkey, want 1", got)
	}
	checkAxe(t, b, src, "/profile with passkeys (ar)")

	if _, err := chromedp.Call(b, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	open(t, b, base+"/signin?next=%2Fprofile&lang=ar")
	waitFor(t, b, 10*time.Second, "the passkey sign-in shown", `document.getElementById("passkey-signin").hidden === false`)
	checkAxe(t, b, src, "/signin with passkeys (ar)")
	open(t, b, base+"/signin?next=%2Fprofile&lang=en")
	waitFor(t, b, 10*time.Second, "the passkey sign-in shown", `document.getElementById("passkey-signin").hidden === false`)
	checkAxe(t, b, src, "/signin with passkeys (en)")
	step(t, b, 10*time.Second, "sign in with the passkey", chromedp.Click(chromedp.ID("passkey-submit")))
	waitFor(t, b, 15*time.Second, "signed in on the profile", `location.pathname === "/profile" && document.getElementById("profile-email") !== null`)
	if got := eval[string](t, b, 5*time.Second, `document.getElementById("profile-email").textContent`); got != kofi.Email {
		t.Fatalf("signed in with the passkey as %q, want %q", got, kofi.Email)
	}
}
