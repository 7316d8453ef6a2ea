package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/tracks/mail/smtptest"
)

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
	chromiumtest.Path(t)
	src := axeSource(t)
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
	checkAxe(t, b, src, "/profile/password (en)")
	step(t, b, 15*time.Second, "a wrong current password",
		chromedp.SendKeys(chromedp.ID("current-password"), "not my password"),
		chromedp.SendKeys(chromedp.ID("new-password"), "a fresher passphrase"),
		chromedp.Click(chromedp.ID("password-submit")),
	)
	waitFor(t, b, 10*time.Second, "refused beside the field", `document.getElementById("current-password-error") !== null`)
	checkAxe(t, b, src, "/profile/password refused (en)")
	step(t, b, 15*time.Second, "change the password",
		chromedp.SendKeys(chromedp.ID("current-password"), forumtest.Password),
		chromedp.SendKeys(chromedp.ID("new-password"), "a fresher passphrase"),
		chromedp.Click(chromedp.ID("password-submit")),
	)
	waitFor(t, b, 10*time.Second, "the password changed", `document.getElementById("profile-password-changed") !== null`)

	open(t, b, n.URL+"/profile/email?lang=ar")
	checkAxe(t, b, src, "/profile/email (ar)")
	open(t, b, n.URL+"/profile")
	step(t, b, 10*time.Second, "open the e-mail page", chromedp.Click(chromedp.ID("profile-email-change")))
	waitFor(t, b, 10*time.Second, "the e-mail form", `document.getElementById("email-form") !== null`)
	checkAxe(t, b, src, "/profile/email (en)")
	step(t, b, 15*time.Second, "ask for the change",
		chromedp.SendKeys(chromedp.ID("new-email"), newEmail),
		chromedp.SendKeys(chromedp.ID("password"), "a fresher passphrase"),
		chromedp.Click(chromedp.ID("email-submit")),
	)
	waitFor(t, b, 10*time.Second, "the link sent", `document.getElementById("email-sent") !== null`)
	checkAxe(t, b, src, "/profile/email sent (en)")
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
	checkAxe(t, b, src, "/email-change (ar)")
	open(t, b, link+"&lang=en")
	checkAxe(t, b, src, "/email-change (en)")
	step(t, b, 10*time.Second, "confirm the new address", chromedp.Click(chromedp.ID("change-submit")))
	waitFor(t, b, 10*time.Second, "the address changed", `document.getElementById("change-done") !== null`)
	checkAxe(t, b, src, "/email-change done (en)")

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
	checkAxe(t, b, src, "/profile/delete (ar)")
	open(t, b, n.URL+"/profile?lang=en") // back to English, which the page remembers
	step(t, b, 10*time.Second, "open the deletion page", chromedp.Click(chromedp.ID("profile-delete")))
	waitFor(t, b, 10*time.Second, "the deletion page", `document.getElementById("delete-form") !== null`)
	checkAxe(t, b, src, "/profile/delete (en)")
	if effects := eval[string](t, b, 5*time.Second, `document.getElementById("delete-effects").textContent`); !strings.Contains(effects, "Deleted participant") || !strings.Contains(effects, "ballot") {
		t.Errorf("the page does not say what happens to contributions and ballots: %s", effects)
	}
	step(t, b, 15*time.Second, "delete the account",
		chromedp.Click(chromedp.ID("confirm")),
		chromedp.SendKeys(chromedp.ID("password"), "a fresher passphrase"),
		chromedp.Click(chromedp.ID("delete-submit")),
	)
	waitFor(t, b, 10*time.Second, "deleted", `document.getElementById("account-deleted") !== null && document.getElementById("whoami") === null`)
	checkAxe(t, b, src, "/account-deleted (en)")
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
	step(t, b, 15*time.Second, "change the password",
		chromedp.SendKeys(chromedp.ID("current-password"), forumtest.Password),
		chromedp.SendKeys(chromedp.ID("new-password"), "no scripts passphrase"),
		chromedp.Click(chromedp.ID("password-submit")),
	)
	waitFor(t, b, 10*time.Second, "the password changed", `document.getElementById("profile-password-changed") !== null`)
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
