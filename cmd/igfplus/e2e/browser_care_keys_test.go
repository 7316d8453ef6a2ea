package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
)

// tabAndType tabs to the field with id and types text there with the
// keyboard.
func tabAndType(t *testing.T, ctx context.Context, id, text string) {
	t.Helper()
	tabTo(t, ctx, id)
	step(t, ctx, 10*time.Second, "type into #"+id, chromedp.KeyEvent(text))
}

// enterOn tabs to the control with id and presses Enter on it.
func enterOn(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	tabTo(t, ctx, id)
	step(t, ctx, 5*time.Second, "press Enter on #"+id, chromedp.KeyEvent(kb.Enter))
}

// TestBrowserProfilePasswordEmailAndDeletionWithTheKeyboardOnly: from the
// profile, with Tab, typing, Space and Enter only, a participant changes
// their password, asks to change their e-mail address, and deletes their
// account (the box ticked with Space).
func TestBrowserProfilePasswordEmailAndDeletionWithTheKeyboardOnly(t *testing.T) {
	chromiumtest.Path(t)
	c := newCluster(t)
	f := newForum(t, c)
	zara := f.Participant(t, "Zara Ahmed")
	n := startNode(t, c)
	b := chromiumtest.New(t)
	const fresh = "keyboard only passphrase"

	signInOn(t, b, n, zara.Email, "/profile")
	enterOn(t, b, "profile-password")
	waitFor(t, b, 10*time.Second, "the password form", `location.pathname === "/profile/password"`)
	tabAndType(t, b, "current-password", forumtest.Password)
	tabAndType(t, b, "new-password", fresh)
	enterOn(t, b, "password-submit")
	waitFor(t, b, 10*time.Second, "the password changed", `document.getElementById("profile-password-changed") !== null`)

	open(t, b, n.URL+"/profile")
	enterOn(t, b, "profile-email-change")
	waitFor(t, b, 10*time.Second, "the e-mail form", `location.pathname === "/profile/email"`)
	tabAndType(t, b, "new-email", "zara@keys.example.org")
	tabAndType(t, b, "password", fresh)
	enterOn(t, b, "email-submit")
	waitFor(t, b, 10*time.Second, "the link sent", `document.getElementById("email-sent") !== null`)

	open(t, b, n.URL+"/profile")
	enterOn(t, b, "profile-delete")
	waitFor(t, b, 10*time.Second, "the deletion page", `document.getElementById("delete-form") !== null`)
	tabTo(t, b, "confirm")
	step(t, b, 5*time.Second, "tick the box with Space", chromedp.KeyEvent(" "))
	tabAndType(t, b, "password", fresh)
	enterOn(t, b, "delete-submit")
	waitFor(t, b, 10*time.Second, "deleted", `document.getElementById("account-deleted") !== null && document.getElementById("whoami") === null`)
}
