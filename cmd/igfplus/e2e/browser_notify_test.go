package e2e

import (
	"bytes"
	"context"
	"io"
	"net/http"
	netmail "net/mail"
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
	chromiumtest.Path(t)
	src := axeSource(t)
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
	checkAxe(t, b, src, "/profile notifications (en)")
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
	checkAxe(t, b, src, "/profile notifications (ar)")

	open(t, b, link+"&lang=ar")
	waitFor(t, b, 10*time.Second, "the unsubscribe page in Arabic", `document.documentElement.dir === "rtl" && document.getElementById("unsubscribe-submit") !== null`)
	checkAxe(t, b, src, "/unsubscribe (ar)")
	open(t, b, link)
	waitFor(t, b, 10*time.Second, "the unsubscribe page", `document.getElementById("unsubscribe-submit") !== null`)
	checkAxe(t, b, src, "/unsubscribe (en)")
	step(t, b, 10*time.Second, "press the button", chromedp.Click(chromedp.ID("unsubscribe-submit")))
	waitFor(t, b, 10*time.Second, "done", `document.getElementById("unsubscribe-done") !== null`)
	checkAxe(t, b, src, "/unsubscribe done (en)")
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
