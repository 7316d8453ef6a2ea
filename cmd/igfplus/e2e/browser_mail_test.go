package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	netmail "net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/mail/smtptest"
)

// startMailNode starts a node that sends its mail through smtp (a test
// server with a certificate of its own, which the node trusts through
// SSL_CERT_FILE).
func startMailNode(t *testing.T, c cluster, smtp *smtptest.Server) *node {
	t.Helper()
	ca := filepath.Join(t.TempDir(), "smtp-ca.pem")
	if err := os.WriteFile(ca, smtp.CertPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SSL_CERT_FILE", ca)
	return startNode(t, c, "--demo", "never", "--smtp-url", smtp.URL, "--mail-from", "IGF Plus <noreply@igf.example>")
}

// mailedLink waits for the n-th mail (1-based) the SMTP server received,
// checks it went to to, and returns the link to path in it.
func mailedLink(t *testing.T, smtp *smtptest.Server, n int, to, path string) (subject, link string) {
	t.Helper()
	m := smtp.Wait(t, n, 20*time.Second)[n-1]
	l := m.Letter(t)
	if len(m.To) != 1 || !strings.EqualFold(m.To[0], to) || !m.TLS {
		t.Fatalf("mail %d went to %v (TLS %v), want %s over TLS", n, m.To, m.TLS, to)
	}
	found := regexp.MustCompile(`http://127\.0\.0\.1:\d+` + regexp.QuoteMeta(path) + `(\?token=[A-Za-z0-9_-]+)?`).FindString(l.Text)
	if found == "" || !strings.Contains(l.HTML, found) {
		t.Fatalf("mail %d (%q) has no %s link in both bodies:\n%s", n, l.Subject, path, l.Text)
	}
	return l.Subject, found
}

// signInOnPage signs in with the page's form.
func signInOnPage(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	open(t, ctx, base+"/signin")
	step(t, ctx, 15*time.Second, "sign in as "+email,
		chromedp.WaitVisible(chromedp.ID("signin-form")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("signin-submit")),
	)
}

// TestBrowserRegisterVerifyAndResetByMailedLinks: with JavaScript on, a
// person registers on the French page; the node mails (in French) (through a real SMTP server,
// over TLS with AUTH) a link that, opened and confirmed, verifies the
// address. Registering the address again mails its holder instead. The
// forgotten-password page (Arabic, right to left) mails a reset link; its
// page sets a new password, after which the old one no longer signs in and
// the new one does. Every new page is axe clean in English and Arabic.
func TestBrowserRegisterVerifyAndResetByMailedLinks(t *testing.T) {
	src := axeSetUp(t)
	smtp := smtptest.Start(t, false)
	n := startMailNode(t, newCluster(t), smtp)
	b := chromiumtest.New(t)
	const email = "noor.rahman@example.org"

	open(t, b, n.URL+"/register?lang=fr")
	registerOnPage(t, b, email, "the first long passphrase", "Noor")
	subject, link := mailedLink(t, smtp, 1, email, "/verify-email")
	if subject != "Confirmez votre adresse électronique pour IGF Plus" {
		t.Errorf("verification mail's subject %q, want it in the language of the page that registered", subject)
	}
	open(t, b, link+"&lang=ar")
	chromiumtest.CheckAxe(t, b, src, "/verify-email (ar)")
	shotsTo(t, b, "MAIL_SHOTS", "verify-email-ar")
	open(t, b, link+"&lang=en")
	chromiumtest.CheckAxe(t, b, src, "/verify-email (en)")
	step(t, b, 10*time.Second, "confirm the address", chromedp.Click(chromedp.ID("verify-submit")))
	waitFor(t, b, 10*time.Second, "confirmed", `document.getElementById("verify-done") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/verify-email done (en)")

	open(t, b, n.URL+"/register?lang=en")
	registerOnPage(t, b, strings.ToUpper(email), "an imposter's passphrase", "Imposter")
	if subject, _ := mailedLink(t, smtp, 2, email, "/password-reset"); subject != "Votre compte IGF Plus existe déjà" {
		t.Errorf("the holder of a registered address was told %q", subject)
	}

	open(t, b, n.URL+"/signin?lang=ar")
	step(t, b, 10*time.Second, "forgotten password", chromedp.Click(chromedp.ID("signin-forgot")))
	waitFor(t, b, 10*time.Second, "the reset form", `document.getElementById("reset-form") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/password-reset (ar)")
	shotsTo(t, b, "MAIL_SHOTS", "password-reset-ar")
	step(t, b, 15*time.Second, "ask for a reset",
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.Click(chromedp.ID("reset-submit")),
	)
	waitFor(t, b, 10*time.Second, "the reset asked", `document.getElementById("reset-sent") !== null && document.documentElement.dir === "rtl"`)
	chromiumtest.CheckAxe(t, b, src, "/password-reset sent (ar)")
	_, link = mailedLink(t, smtp, 3, email, "/password-reset/confirm")
	open(t, b, link+"&lang=ar")
	chromiumtest.CheckAxe(t, b, src, "/password-reset/confirm (ar)")
	shotsTo(t, b, "MAIL_SHOTS", "password-reset-confirm-ar")
	open(t, b, link+"&lang=en")
	chromiumtest.CheckAxe(t, b, src, "/password-reset/confirm (en)")
	step(t, b, 15*time.Second, "set a new password",
		chromedp.SendKeys(chromedp.ID("password"), "a brand new passphrase"),
		chromedp.Click(chromedp.ID("reset-confirm-submit")),
	)
	waitFor(t, b, 10*time.Second, "the password set", `document.getElementById("reset-done") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/password-reset done (en)")
	shotsTo(t, b, "MAIL_SHOTS", "password-reset-done-en")

	signInOnPage(t, b, n.URL, email, "the first long passphrase")
	waitFor(t, b, 10*time.Second, "the old password refused", `document.getElementById("signin-error") !== null`)
	signInOnPage(t, b, n.URL, email, "a brand new passphrase")
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	var me struct {
		DisplayName     string     `json:"display_name"`
		EmailVerifiedAt *time.Time `json:"email_verified_at"`
	}
	raw := eval[string](t, b, 10*time.Second, `fetch("/api/me").then((r) => r.text())`, chromedp.EvalAwaitPromise)
	if err := json.Unmarshal([]byte(raw), &me); err != nil || me.DisplayName != "Noor" || me.EmailVerifiedAt == nil {
		t.Fatalf("/api/me = %s (%v), want Noor's verified account", raw, err)
	}
}

// TestPasswordResetAPIAnswersAlikeAndTheMailPageShowsTheFolder: without
// --smtp-url (the zero-configuration run) mail lands in the data folder:
// POST /api/auth/password-reset answers 202 for a known and an unknown
// address alike (and 422 problem+json for a malformed one), the known one's
// mail is on the Secretariat's /admin/mail page with its link, which works;
// the page is refused to others and axe clean in English and Arabic.
func TestPasswordResetAPIAnswersAlikeAndTheMailPageShowsTheFolder(t *testing.T) {
	src, c, f := browserForum(t)
	amina := f.Participant(t, "Amina Okafor")
	n := startNode(t, c, "--demo", "never")
	post := func(body string) (int, string, string) {
		resp, err := http.Post(n.URL+"/api/auth/password-reset", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	known, _, knownBody := post(`{"email":"` + amina.Email + `"}`)
	unknown, _, unknownBody := post(`{"email":"nobody.at.all@example.org"}`)
	if known != http.StatusAccepted || unknown != known || knownBody != unknownBody {
		t.Fatalf("known address: %d %s; unknown: %d %s; want the same 202", known, knownBody, unknown, unknownBody)
	}
	if status, ctype, _ := post(`{"email":"not an address"}`); status != http.StatusUnprocessableEntity || ctype != "application/problem+json" {
		t.Fatalf("a malformed address: %d %s, want 422 problem+json", status, ctype)
	}

	b := chromiumtest.New(t)
	signInOnPage(t, b, n.URL, amina.Email, forumtest.Password)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	if status := eval[int](t, b, 10*time.Second, `fetch("/admin/mail").then((r) => r.status)`, chromedp.EvalAwaitPromise); status != http.StatusForbidden {
		t.Fatalf("a participant opened /admin/mail: %d", status)
	}
	step(t, b, 10*time.Second, "sign out", chromedp.Click(`form[action="/signout"] button`))
	waitFor(t, b, 10*time.Second, "signed out", `document.querySelector('form[action="/signout"]') === null`)
	signInOnPage(t, b, n.URL, f.Secretariat.Email, forumtest.Password)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	step(t, b, 10*time.Second, "the Secretariat's mail link", chromedp.Click(chromedp.ID("mail-link")))
	waitFor(t, b, 10*time.Second, "the mail page", `location.pathname === "/admin/mail"`)
	open(t, b, n.URL+"/admin/mail?lang=ar")
	waitFor(t, b, 20*time.Second, "the mail on the page", `document.querySelector("article.mail a[href*='/password-reset/confirm?token=']") !== null || (location.reload(), false)`)
	chromiumtest.CheckAxe(t, b, src, "/admin/mail (ar)")
	shotsTo(t, b, "MAIL_SHOTS", "admin-mail-ar")
	open(t, b, n.URL+"/admin/mail?lang=en")
	chromiumtest.CheckAxe(t, b, src, "/admin/mail (en)")
	if to := eval[string](t, b, 5*time.Second, `document.querySelector("article.mail dd").textContent`); to != amina.Email {
		t.Fatalf("the mail on the page went to %q, want %s (and none to the unknown address)", to, amina.Email)
	}
	if count := eval[int](t, b, 5*time.Second, `document.querySelectorAll("article.mail").length`); count != 1 {
		t.Fatalf("%d mails on the page, want the one to the known address", count)
	}
	step(t, b, 10*time.Second, "follow the mailed link", chromedp.Click(`article.mail a[href*='/password-reset/confirm?token=']`))
	waitFor(t, b, 10*time.Second, "the reset form", `document.getElementById("reset-confirm-form") !== null`)
}

// TestBrowserPasswordResetWorksWithoutJavaScript: with JavaScript off, the
// forgotten-password form, the mailed link's form and the sign-in form
// are plain form posts that do the whole job.
func TestBrowserPasswordResetWorksWithoutJavaScript(t *testing.T) {
	chromiumtest.Path(t)
	smtp := smtptest.Start(t, true) // TLS from the first byte, this time
	c := newCluster(t)
	f := newForum(t, c)
	amina := f.Participant(t, "Amina Diallo")
	n := startMailNode(t, c, smtp)
	b := noScript(t)
	open(t, b, n.URL+"/password-reset")
	step(t, b, 15*time.Second, "ask for a reset",
		chromedp.SendKeys(chromedp.ID("email"), amina.Email),
		chromedp.Click(chromedp.ID("reset-submit")),
	)
	waitFor(t, b, 10*time.Second, "the reset asked", `document.getElementById("reset-sent") !== null`)
	_, link := mailedLink(t, smtp, 1, amina.Email, "/password-reset/confirm")
	open(t, b, link)
	step(t, b, 15*time.Second, "set a new password",
		chromedp.SendKeys(chromedp.ID("password"), "a passphrase without scripts"),
		chromedp.Click(chromedp.ID("reset-confirm-submit")),
	)
	waitFor(t, b, 10*time.Second, "the password set", `document.getElementById("reset-done") !== null`)
	signInOnPage(t, b, n.URL, amina.Email, "a passphrase without scripts")
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin" && document.getElementById("whoami") !== null`)
}

// reminderMail starts a node mailing through a real SMTP server, with a
// participant following a session of an edition in Riyadh's time zone
// that starts in 20 minutes; it waits for the reminder and returns its
// one-click unsubscribe link (from List-Unsubscribe, which it checks
// with List-Unsubscribe-Post).
func reminderMail(t *testing.T) (n *node, db *pgdb.DB, kofi forumtest.Person, link string) {
	smtp := smtptest.Start(t, false)
	c := newCluster(t)
	db = openDB(t, c)
	f := forumtest.New(t, db)
	kofi = f.Participant(t, "Kofi Mensah")
	session, _ := f.ScheduledSession(t, "Community networks")
	pgtest.Exec(t, db, `UPDATE editions SET time_zone = 'Asia/Riyadh' WHERE id = $1`, f.EditionID)
	pgtest.Exec(t, db, `UPDATE sessions SET starts_at = now() + interval '20 minutes' WHERE id = $1`, session)
	pgtest.Exec(t, db, `INSERT INTO session_follows (account_id, session_id) VALUES ($1, $2)`, kofi.ID, session)
	n = startMailNode(t, c, smtp)
	got := smtp.Wait(t, 1, 30*time.Second)[0]
	m, err := netmail.ReadMessage(bytes.NewReader(got.Raw))
	if err != nil {
		t.Fatal(err)
	}
	l := got.Letter(t)
	if len(got.To) != 1 || got.To[0] != kofi.Email || !strings.Contains(l.Subject, "Community networks") || !strings.Contains(l.Text, "(UTC+3)") {
		t.Fatalf("the reminder: to %v, %q\n%s", got.To, l.Subject, l.Text)
	}
	unsub, post := m.Header.Get("List-Unsubscribe"), m.Header.Get("List-Unsubscribe-Post")
	if !strings.HasPrefix(unsub, "<"+n.URL+"/unsubscribe?token=") || !strings.HasSuffix(unsub, ">") || post != "List-Unsubscribe=One-Click" {
		t.Fatalf("List-Unsubscribe %q, List-Unsubscribe-Post %q", unsub, post)
	}
	return n, db, kofi, strings.Trim(unsub, "<>")
}

// reminders reads whether the account wants reminders (true without a row).
func reminders(t *testing.T, db *pgdb.DB, account int64) bool {
	t.Helper()
	on := true
	if err := db.Pool.QueryRow(context.Background(), `SELECT COALESCE((SELECT reminders FROM notification_prefs WHERE account_id = $1), true)`, account).Scan(&on); err != nil {
		t.Fatal(err)
	}
	return on
}

// oneClick posts List-Unsubscribe=One-Click to link as a mail client does:
// no cookies, no Origin.
func oneClick(t *testing.T, link string) int {
	t.Helper()
	res, err := http.Post(link, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

// TestAReminderCarriesAOneClickUnsubscribeThatTurnsItOffAndTheProfileTurnsItOn:
// the reminder of a followed session arrives through SMTP with the RFC
// 8058 headers; a GET of its link changes nothing, a forged token is
// refused, and the one-click POST without sign-in turns reminders off. With
// JavaScript on, the profile shows that, and its form turns reminders on
// again and activity to a mail each time, which GET /api/me/notifications
// reads and PUT changes (422 for a frequency it does not know); the
// unsubscribe page's button
// turns them off again. Axe clean in English and Arabic.
func TestAReminderCarriesAOneClickUnsubscribeThatTurnsItOffAndTheProfileTurnsItOn(t *testing.T) {
	src := axeSetUp(t)
	n, db, kofi, link := reminderMail(t)

	res, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !bytes.Contains(page, []byte(`id="unsubscribe-submit"`)) || !reminders(t, db, kofi.ID) {
		t.Fatalf("GET the link: %d, reminders %v\n%s", res.StatusCode, reminders(t, db, kofi.ID), page)
	}
	token := link[strings.Index(link, "token=")+len("token="):]
	forged := n.URL + "/unsubscribe?token=" + strings.Replace(token, ".reminders.", ".activity.", 1)
	if code := oneClick(t, forged); code != http.StatusBadRequest || !reminders(t, db, kofi.ID) {
		t.Fatalf("a forged token: %d", code)
	}
	if res, err := http.Get(forged); err != nil || res.Body.Close() != nil || res.StatusCode != http.StatusBadRequest {
		t.Fatalf("GET a forged link: %v %v", res, err)
	}
	if code := oneClick(t, link); code != http.StatusOK || reminders(t, db, kofi.ID) {
		t.Fatalf("the one-click POST: %d, reminders still %v", code, reminders(t, db, kofi.ID))
	}

	b := chromiumtest.New(t)
	signInOnPage(t, b, n.URL, kofi.Email, forumtest.Password)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	open(t, b, n.URL+"/profile")
	waitFor(t, b, 10*time.Second, "the notifications form, reminders off, digest", `document.getElementById("notifications-form") !== null
		&& !document.getElementById("reminders").checked && document.getElementById("activity-digest").checked`)
	chromiumtest.CheckAxe(t, b, src, "/profile notifications (en)")
	step(t, b, 15*time.Second, "turn reminders on and activity to each",
		chromedp.Click(chromedp.ID("reminders")),
		chromedp.Click(chromedp.ID("activity-each")),
		chromedp.Click(chromedp.ID("notifications-submit")),
	)
	waitFor(t, b, 10*time.Second, "saved", `document.getElementById("notifications-saved") !== null
		&& document.getElementById("reminders").checked && document.getElementById("activity-each").checked`)
	var activity string
	if err := db.Pool.QueryRow(context.Background(), `SELECT activity FROM notification_prefs WHERE account_id = $1`, kofi.ID).Scan(&activity); err != nil || activity != "each" || !reminders(t, db, kofi.ID) {
		t.Fatalf("saved activity %q, reminders %v (%v)", activity, reminders(t, db, kofi.ID), err)
	}
	api := func(method, body string) string {
		return eval[string](t, b, 10*time.Second, `fetch("/api/me/notifications", {method: `+js(method)+`, headers: {"Content-Type": "application/json"}, body: `+body+`})
			.then(async (r) => r.status + " " + await r.text())`, chromedp.EvalAwaitPromise)
	}
	if got := api("GET", "undefined"); !strings.HasPrefix(got, `200 {"reminders":true,"activity":"each"}`) {
		t.Fatalf("GET /api/me/notifications: %s", got)
	}
	if got := api("PUT", js(`{"reminders":true,"activity":"hourly"}`)); !strings.HasPrefix(got, "422 ") {
		t.Fatalf("PUT a bad frequency: %s", got)
	}
	if got := api("PUT", js(`{"reminders":true,"activity":"digest"}`)); !strings.HasPrefix(got, `200 {"reminders":true,"activity":"digest"}`) {
		t.Fatalf("PUT the choices: %s", got)
	}
	open(t, b, n.URL+"/profile?lang=ar")
	waitFor(t, b, 10*time.Second, "the profile in Arabic", `document.documentElement.dir === "rtl" && document.getElementById("notifications-form") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/profile notifications (ar)")

	open(t, b, link+"&lang=ar")
	waitFor(t, b, 10*time.Second, "the unsubscribe page in Arabic", `document.documentElement.dir === "rtl" && document.getElementById("unsubscribe-submit") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/unsubscribe (ar)")
	open(t, b, link)
	waitFor(t, b, 10*time.Second, "the unsubscribe page", `document.getElementById("unsubscribe-submit") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/unsubscribe (en)")
	step(t, b, 10*time.Second, "press the button", chromedp.Click(chromedp.ID("unsubscribe-submit")))
	waitFor(t, b, 10*time.Second, "done", `document.getElementById("unsubscribe-done") !== null`)
	chromiumtest.CheckAxe(t, b, src, "/unsubscribe done (en)")
	if reminders(t, db, kofi.ID) {
		t.Error("the button left reminders on")
	}
}

// TestNotificationChoicesAndUnsubscribeWorkWithoutJavaScript: with
// JavaScript off, the profile's notifications form and the unsubscribe
// page's button are plain posts that do the whole job.
func TestNotificationChoicesAndUnsubscribeWorkWithoutJavaScript(t *testing.T) {
	chromiumtest.Path(t)
	n, db, kofi, link := reminderMail(t)
	b := noScript(t)
	open(t, b, link)
	step(t, b, 10*time.Second, "press the button", chromedp.Click(chromedp.ID("unsubscribe-submit")))
	waitFor(t, b, 10*time.Second, "done", `document.getElementById("unsubscribe-done") !== null`)
	if reminders(t, db, kofi.ID) {
		t.Fatal("the button left reminders on")
	}
	signInOnPage(t, b, n.URL, kofi.Email, forumtest.Password)
	waitFor(t, b, 10*time.Second, "signed in", `location.pathname !== "/signin"`)
	open(t, b, n.URL+"/profile")
	step(t, b, 15*time.Second, "turn reminders on, activity off",
		chromedp.Click(chromedp.ID("reminders")),
		chromedp.Click(chromedp.ID("activity-none")),
		chromedp.Click(chromedp.ID("notifications-submit")),
	)
	waitFor(t, b, 10*time.Second, "saved", `document.getElementById("notifications-saved") !== null && document.getElementById("activity-none").checked`)
	if !reminders(t, db, kofi.ID) {
		t.Error("the form left reminders off")
	}
}
