package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/tracks/mail/smtptest"
)

// changePassword changes the password on the open /profile/password page
// from current to next, and waits for the page to say it changed.
func changePassword(t *testing.T, b context.Context, current, next string) {
	t.Helper()
	step(t, b, 15*time.Second, "change the password",
		chromedp.SendKeys(chromedp.ID("current-password"), current),
		chromedp.SendKeys(chromedp.ID("new-password"), next),
		chromedp.Click(chromedp.ID("password-submit")),
	)
	waitFor(t, b, 10*time.Second, "the password changed", `document.getElementById("profile-password-changed") !== null`)
}

// mailTo waits until the SMTP server has received n mails and returns
// the text of the one to to, failing when none went there.
func mailTo(t *testing.T, smtp *smtptest.Server, n int, to string) (subject, text string) {
	t.Helper()
	for _, m := range smtp.Wait(t, n, 20*time.Second) {
		if len(m.To) == 1 && strings.EqualFold(m.To[0], to) {
			l := m.Letter(t)
			subject, text = l.Subject, l.Text
		}
	}
	if subject == "" {
		t.Fatalf("no mail to %s among the first %d", to, n)
	}
	return subject, text
}

// TestBrowserChangePasswordAndEmailDownloadDataAndDeleteTheAccount: with
// JavaScript on, a participant changes their password from the profile
// (a wrong current password is refused beside its field), changes their
// e-mail address (the link goes to the new address, a notice to the old;
// the address changes only when the link's page is confirmed), downloads
// their data (the file holds the new address), and deletes the account
// on a page that says what happens before asking; the address no longer
// signs in. Every new page is axe clean in English and Arabic.
func TestBrowserChangePasswordAndEmailDownloadDataAndDeleteTheAccount(t *testing.T) {
	src := axeSetUp(t)
	smtp := smtptest.Start(t, false)
	c := newCluster(t)
	f := newForum(t, c)
	ama := f.Participant(t, "Ama Owusu")
	n := startMailNode(t, c, smtp)
	b := chromiumtest.New(t)
	const newEmail = "ama.owusu@new.example.org"

	signInOnPage(t, b, n.URL, ama.Email, forumtest.Password)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	open(t, b, n.URL+"/profile")
	step(t, b, 10*time.Second, "open the password page", chromedp.Click(chromedp.ID("profile-password")))
	waitFor(t, b, 10*time.Second, "the password form", `document.getElementById("password-form") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/profile/password (en)")
	step(t, b, 15*time.Second, "a wrong current password",
		chromedp.SendKeys(chromedp.ID("current-password"), "not my password"),
		chromedp.SendKeys(chromedp.ID("new-password"), "a fresher passphrase"),
		chromedp.Click(chromedp.ID("password-submit")),
	)
	waitFor(t, b, 10*time.Second, "refused beside the field", `document.getElementById("current-password-error") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/profile/password refused (en)")
	changePassword(t, b, forumtest.Password, "a fresher passphrase")

	open(t, b, n.URL+"/profile/email?lang=ar")
	chromiumtest.CheckAxe(t, b, src, "/profile/email (ar)")
	open(t, b, n.URL+"/profile")
	step(t, b, 10*time.Second, "open the e-mail page", chromedp.Click(chromedp.ID("profile-email-change")))
	waitFor(t, b, 10*time.Second, "the e-mail form", `document.getElementById("email-form") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/profile/email (en)")
	step(t, b, 15*time.Second, "ask for the change",
		chromedp.SendKeys(chromedp.ID("new-email"), newEmail),
		chromedp.SendKeys(chromedp.ID("password"), "a fresher passphrase"),
		chromedp.Click(chromedp.ID("email-submit")),
	)
	waitFor(t, b, 10*time.Second, "the link sent", `document.getElementById("email-sent") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/profile/email sent (en)")
	if subject, _ := mailTo(t, smtp, 2, ama.Email); subject != "A change of your IGF Plus e-mail address was asked" {
		t.Errorf("the old address was told %q", subject)
	}
	_, text := mailTo(t, smtp, 2, newEmail)
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/email-change\?token=[A-Za-z0-9_-]+`).FindString(text)
	if link == "" {
		t.Fatalf("no /email-change link in:\n%s", text)
	}
	if me := eval[string](t, b, 10*time.Second, `fetch("/api/me").then((r) => r.json()).then((a) => a.email)`, chromedp.EvalAwaitPromise); me != ama.Email {
		t.Fatalf("the address is %s before the link's page was confirmed", me)
	}
	open(t, b, link+"&lang=ar")
	chromiumtest.CheckAxe(t, b, src, "/email-change (ar)")
	open(t, b, link+"&lang=en")
	chromiumtest.CheckAxe(t, b, src, "/email-change (en)")
	step(t, b, 10*time.Second, "confirm the new address", chromedp.Click(chromedp.ID("change-submit")))
	waitFor(t, b, 10*time.Second, "the address changed", `document.getElementById("change-done") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/email-change done (en)")

	dir := t.TempDir()
	if _, err := chromedp.Call(b, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	open(t, b, n.URL+"/profile")
	step(t, b, 10*time.Second, "download my data", chromedp.Click(chromedp.ID("profile-export")))
	export := waitForDownload(t, dir)
	var got struct {
		Data struct {
			Account struct {
				Email string `json:"email"`
			} `json:"account"`
		} `json:"data"`
	}
	if err := json.Unmarshal(export, &got); err != nil || got.Data.Account.Email != newEmail {
		t.Fatalf("the download: %v %s", err, export)
	}

	open(t, b, n.URL+"/profile/delete?lang=ar")
	chromiumtest.CheckAxe(t, b, src, "/profile/delete (ar)")
	open(t, b, n.URL+"/profile?lang=en") // back to English, which the page remembers
	step(t, b, 10*time.Second, "open the deletion page", chromedp.Click(chromedp.ID("profile-delete")))
	waitFor(t, b, 10*time.Second, "the deletion page", `document.getElementById("delete-form") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/profile/delete (en)")
	if effects := eval[string](t, b, 5*time.Second, `document.getElementById("delete-effects").textContent`); !strings.Contains(effects, "Deleted participant") || !strings.Contains(effects, "ballot") {
		t.Errorf("the page does not say what happens to contributions and ballots: %s", effects)
	}
	step(t, b, 15*time.Second, "delete the account",
		chromedp.Click(chromedp.ID("confirm")),
		chromedp.SendKeys(chromedp.ID("password"), "a fresher passphrase"),
		chromedp.Click(chromedp.ID("delete-submit")),
	)
	waitFor(t, b, 10*time.Second, "deleted", `document.getElementById("account-deleted") !== null && document.getElementById("whoami") === null`)
	chromiumtest.CheckAxe(t, b, src, "/account-deleted (en)")
	signInOnPage(t, b, n.URL, newEmail, "a fresher passphrase")
	waitFor(t, b, 10*time.Second, "the deleted account refused", `document.getElementById("signin-error") !== null`)
}

// waitForDownload returns the content of the first file completed in dir.
func waitForDownload(t *testing.T, dir string) []byte {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".json") {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err == nil && json.Valid(b) {
					return b
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("nothing downloaded to %s", dir)
	return nil
}

// TestBrowserAccountPagesWorkWithoutJavaScript: with JavaScript off, the
// password, e-mail and deletion forms are plain posts that do the whole
// job, and a deletion not ticked is refused beside its box.
func TestBrowserAccountPagesWorkWithoutJavaScript(t *testing.T) {
	chromiumtest.Path(t)
	smtp := smtptest.Start(t, true)
	c := newCluster(t)
	f := newForum(t, c)
	kwame := f.Participant(t, "Kwame Asante")
	n := startMailNode(t, c, smtp)
	b := noScript(t)
	signInOnPage(t, b, n.URL, kwame.Email, forumtest.Password)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	open(t, b, n.URL+"/profile/password")
	changePassword(t, b, forumtest.Password, "no scripts passphrase")
	open(t, b, n.URL+"/profile/email")
	step(t, b, 15*time.Second, "ask for the change",
		chromedp.SendKeys(chromedp.ID("new-email"), "kwame@new.example.org"),
		chromedp.SendKeys(chromedp.ID("password"), "no scripts passphrase"),
		chromedp.Click(chromedp.ID("email-submit")),
	)
	waitFor(t, b, 10*time.Second, "the link sent", `document.getElementById("email-sent") !== null`)
	_, text := mailTo(t, smtp, 2, "kwame@new.example.org")
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/email-change\?token=[A-Za-z0-9_-]+`).FindString(text)
	open(t, b, link)
	step(t, b, 10*time.Second, "confirm", chromedp.Click(chromedp.ID("change-submit")))
	waitFor(t, b, 10*time.Second, "the address changed", `document.getElementById("change-done") !== null`)
	open(t, b, n.URL+"/profile/delete")
	eval[bool](t, b, 5*time.Second, `document.getElementById("confirm").removeAttribute("required"), true`)
	step(t, b, 15*time.Second, "delete without ticking the box",
		chromedp.SendKeys(chromedp.ID("password"), "no scripts passphrase"),
		chromedp.Click(chromedp.ID("delete-submit")),
	)
	waitFor(t, b, 10*time.Second, "refused beside the box", `document.getElementById("confirm-error") !== null`)
	step(t, b, 15*time.Second, "delete the account",
		chromedp.Click(chromedp.ID("confirm")),
		chromedp.SendKeys(chromedp.ID("password"), "no scripts passphrase"),
		chromedp.Click(chromedp.ID("delete-submit")),
	)
	waitFor(t, b, 10*time.Second, "deleted", `document.getElementById("account-deleted") !== null`)
	signInOnPage(t, b, n.URL, "kwame@new.example.org", "no scripts passphrase")
	waitFor(t, b, 10*time.Second, "the deleted account refused", `document.getElementById("signin-error") !== null`)
}

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
	src, c, f := browserForum(t)
	kofi := f.Participant(t, "Kofi Mensah")
	f.Unverified(t, kofi)
	n := startNode(t, c, "--demo", "never")
	b := chromiumtest.New(t)

	signInOnPage(t, b, n.URL, kofi.Email, forumtest.Password)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	step(t, b, 10*time.Second, "open the profile from the header", chromedp.Click(`#whoami a`))
	waitFor(t, b, 10*time.Second, "the profile form", `document.getElementById("profile-form") !== null && document.documentElement.lang === "en"`)
	chromiumtest.CheckAxe(t, b, src, "/profile (en)")
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
	chromiumtest.CheckAxe(t, b, src, "/profile saved (ar)")
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
