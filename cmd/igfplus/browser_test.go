package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive the real pages in headless Chromium against real
// nodes: what a participant sees, not what the API returns.

const demoPassword = "igfplus-demo"

// js quotes a Go value for a JavaScript expression.
func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// waitFor polls a JavaScript predicate in the page until it is truthy, for at
// most d. On failure it shows where the page is and what its chat log holds.
func waitFor(t *testing.T, ctx context.Context, d time.Duration, what, predicate string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, d+2*time.Second)
	defer cancel()
	_, err := chromedp.Run(sctx, chromedp.Poll[chromedp.Void](predicate,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(d)))
	if err != nil {
		t.Fatalf("%s: not within %s: %v\n%s", what, d, err, pageState(ctx))
	}
}

// pageState describes the page for a failure message.
func pageState(ctx context.Context) string {
	sctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	s, err := chromedp.Run(sctx, chromedp.Evaluate[string](`(() => {
		const q = (s) => document.querySelector(s);
		return "at " + location.href + " (" + document.title + ")" +
			"\nstatus: " + (q("#conn-status")?.textContent ?? "(no #conn-status)") +
			"\nchat log: " + (q("#chat-log")?.innerText ?? "(no #chat-log)").slice(-2000) +
			"\nbody: " + document.body?.innerText.slice(0, 1500);
	})()`))
	if err != nil {
		return "page state unknown: " + err.Error()
	}
	return s
}

// trackTitles reads the current edition's track titles through the API.
func trackTitles(t *testing.T, n *node) []string {
	t.Helper()
	resp, err := http.Get(n.URL + "/api/editions/current")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct {
		Tracks []struct {
			Title string `json:"title"`
		} `json:"tracks"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || len(e.Tracks) == 0 {
		t.Fatalf("current edition: status %d, %d tracks, %v", resp.StatusCode, len(e.Tracks), err)
	}
	titles := make([]string, len(e.Tracks))
	for i, tr := range e.Tracks {
		titles[i] = tr.Title
	}
	return titles
}

// seeProgramme opens the programme page and checks that it lists sessions
// under headings named for the edition's tracks.
func seeProgramme(t *testing.T, ctx context.Context, n *node, query string, tracks []string) {
	t.Helper()
	open(t, ctx, n.URL+"/"+query)
	step(t, ctx, 5*time.Second, "see the programme", chromedp.WaitVisible(chromedp.CSS(".session-link")))
	links := eval[int](t, ctx, 5*time.Second, `document.querySelectorAll("a.session-link[href^='/sessions/']").length`)
	if links == 0 {
		t.Fatalf("the programme has no a.session-link to /sessions/...\n%s", pageState(ctx))
	}
	// A track heading: a heading that names a track and heads a group holding
	// session links.
	headed := eval[int](t, ctx, 5*time.Second, `(() => {
		const titles = new Set(`+js(tracks)+`);
		let n = 0;
		for (const h of document.querySelectorAll("h2, h3")) {
			if (!titles.has(h.textContent.trim())) continue;
			const group = h.closest("section, article, li, div");
			if (group && group.querySelector(".session-link")) n++;
		}
		return n;
	})()`)
	if headed == 0 {
		t.Fatalf("no h2/h3 names a track (%q) above its session links\n%s", tracks, pageState(ctx))
	}
	t.Logf("%s%s: %d session links, %d track headings", n.URL, query, links, headed)
}

// signInTo follows the sign-in flow from the programme page and lands in the
// session's room.
func signInTo(t *testing.T, ctx context.Context, n *node, email string, session int64, query string) {
	t.Helper()
	room := "/sessions/" + strconv.FormatInt(session, 10)
	step(t, ctx, 5*time.Second, "find the sign-in link", chromedp.WaitVisible(chromedp.ID("signin-link")))
	open(t, ctx, n.URL+"/signin?next="+room+query)
	step(t, ctx, 15*time.Second, "sign in",
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), demoPassword),
		chromedp.Click(chromedp.ID("signin-submit")),
	)
	waitFor(t, ctx, 10*time.Second, "land in the room after sign-in",
		`location.pathname === `+js(room)+` && document.getElementById("chat-log") !== null`)
}

// waitLive waits until the room's connection status shows the live state, in
// the page's own words (the client's strings are embedded in #i18n).
func waitLive(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor(t, ctx, 10*time.Second, "the room connection goes live", `(() => {
		const s = document.getElementById("conn-status");
		const strings = JSON.parse(document.getElementById("i18n")?.textContent || "{}");
		return s !== null && s.textContent.trim() === (strings["client.status.live"] || "client.status.live");
	})()`)
}

// countInLog counts the chat log's messages holding body.
func countInLog(body string) string {
	return `[...document.querySelectorAll("#chat-log [data-offset]")].filter((m) => m.textContent.includes(` + js(body) + `)).length`
}

func TestBrowserJourneyAcrossTwoNodes(t *testing.T) {
	start := time.Now()
	c := newCluster(t)
	a := startNode(t, c)
	b := startNode(t, c, "--demo", "never")
	session := liveSessionID(t, a)
	tracks := trackTitles(t, a)
	t.Logf("nodes up after %s", time.Since(start).Round(time.Millisecond))

	// Two browsers, two profiles: no cookie is shared.
	sender, receiver := newBrowser(t), newBrowser(t)
	seeProgramme(t, sender, a, "", tracks)
	signInTo(t, sender, a, "youth@demo.igf.example", session, "")
	seeProgramme(t, receiver, b, "", tracks)
	signInTo(t, receiver, b, "academic@demo.igf.example", session, "")
	waitLive(t, sender)
	waitLive(t, receiver)
	t.Logf("both in the room after %s", time.Since(start).Round(time.Millisecond))

	body := "Community networks close the gap " + strconv.FormatInt(time.Now().UnixNano(), 36)
	sent := time.Now()
	step(t, sender, 10*time.Second, "send a message",
		chromedp.SendKeys(chromedp.ID("chat-body"), body),
		chromedp.Click(chromedp.ID("chat-send")),
	)
	waitFor(t, receiver, 10*time.Second, "the message reaches the other node's page", countInLog(body)+` >= 1`)
	t.Logf("message shown on node b %s after sending", time.Since(sent).Round(time.Millisecond))
	// The sender's own message comes back as an event and as an ack; the ack
	// clears the composer.
	waitFor(t, sender, 10*time.Second, "the sender sees the message, acknowledged",
		countInLog(body)+` >= 1 && document.getElementById("chat-body").value === ""`)
	if n := eval[int](t, receiver, 5*time.Second, countInLog(body)); n != 1 {
		t.Fatalf("the receiver's log shows the message %d times, want once\n%s", n, pageState(receiver))
	}
	if n := eval[int](t, sender, 5*time.Second, countInLog(body)); n != 1 {
		t.Fatalf("the sender's log shows the message %d times, want once\n%s", n, pageState(sender))
	}

	// After a reload the message is in the page as the server renders it, and
	// the live connection that resumes after it does not add it again.
	step(t, receiver, 15*time.Second, "reload the room", chromedp.Reload())
	html := eval[int](t, receiver, 10*time.Second, `fetch(location.href, {credentials: "same-origin"})
		.then((r) => r.text())
		.then((html) => {
			const doc = new DOMParser().parseFromString(html, "text/html");
			return [...doc.querySelectorAll("#chat-log [data-offset]")].filter((m) => m.textContent.includes(`+js(body)+`)).length;
		})`, chromedp.EvalAwaitPromise)
	if html != 1 {
		t.Fatalf("the server-rendered room holds the message %d times, want once", html)
	}
	waitLive(t, receiver)
	step(t, receiver, 3*time.Second, "let the resumed connection deliver", chromedp.Sleep(time.Second))
	if n := eval[int](t, receiver, 5*time.Second, countInLog(body)); n != 1 {
		t.Fatalf("after a reload the log shows the message %d times, want once\n%s", n, pageState(receiver))
	}
	t.Logf("journey done in %s", time.Since(start).Round(time.Millisecond))
}

// textBox measures where the text of the first element matching sel sits in
// that element's box: its left and right gaps, in CSS pixels.
type textBox struct {
	Found     bool    `json:"found"`
	Text      string  `json:"text"`
	BoxLeft   float64 `json:"boxLeft"`
	BoxRight  float64 `json:"boxRight"`
	TextLeft  float64 `json:"textLeft"`
	TextRight float64 `json:"textRight"`
	Viewport  float64 `json:"viewport"`
	Direction string  `json:"direction"`
	BodyDir   string  `json:"bodyDirection"`
}

func (b textBox) String() string {
	return fmt.Sprintf("%q: box %.0f..%.0f, text %.0f..%.0f, viewport %.0f, direction %s (body %s)",
		b.Text, b.BoxLeft, b.BoxRight, b.TextLeft, b.TextRight, b.Viewport, b.Direction, b.BodyDir)
}

func measureText(t *testing.T, ctx context.Context, sel string) textBox {
	t.Helper()
	return eval[textBox](t, ctx, 5*time.Second, `(() => {
		const e = document.querySelector(`+js(sel)+`);
		if (!e) return {found: false};
		const box = e.getBoundingClientRect();
		const cs = getComputedStyle(e);
		const r = document.createRange();
		r.selectNodeContents(e);
		const text = r.getBoundingClientRect();
		return {
			found: true, text: e.textContent.trim().slice(0, 80),
			boxLeft: box.left + parseFloat(cs.paddingLeft), boxRight: box.right - parseFloat(cs.paddingRight),
			textLeft: text.left, textRight: text.right,
			viewport: document.documentElement.clientWidth,
			direction: cs.direction, bodyDirection: getComputedStyle(document.body).direction,
		};
	})()`)
}

// assertRightToLeft checks the page's declared direction and that sel's text
// is laid out against the right edge of its box, far from the left one:
// something a left-to-right layout fails.
func assertRightToLeft(t *testing.T, ctx context.Context, page, sel string) {
	t.Helper()
	type root struct {
		Dir  string `json:"dir"`
		Lang string `json:"lang"`
	}
	doc := eval[root](t, ctx, 5*time.Second, `({dir: document.documentElement.dir, lang: document.documentElement.lang})`)
	if doc.Dir != "rtl" || doc.Lang != "ar" {
		t.Errorf("%s: <html dir=%q lang=%q>, want dir=rtl lang=ar", page, doc.Dir, doc.Lang)
	}
	m := measureText(t, ctx, sel)
	if !m.Found {
		t.Fatalf("%s: no %s\n%s", page, sel, pageState(ctx))
	}
	t.Logf("%s: %s %s", page, sel, m)
	if m.BodyDir != "rtl" || m.Direction != "rtl" {
		t.Errorf("%s: computed direction of body %q, of %s %q; want rtl", page, m.BodyDir, sel, m.Direction)
	}
	width := m.BoxRight - m.BoxLeft
	if m.BoxRight-m.TextRight > 4 || m.TextLeft-m.BoxLeft < width/4 {
		t.Errorf("%s: %s is not laid out right to left: %s", page, sel, m)
	}
	if (m.TextLeft+m.TextRight)/2 < m.Viewport/2 {
		t.Errorf("%s: %s sits in the left half of the viewport: %s", page, sel, m)
	}
}

func TestBrowserArabicPageIsRightToLeft(t *testing.T) {
	start := time.Now()
	n := startNode(t, newCluster(t))
	session := liveSessionID(t, n)
	ctx := newBrowser(t)

	// The same measurement in English is the control: there the heading's
	// text starts at the left edge, so the check below is not vacuous.
	open(t, ctx, n.URL+"/?lang=en")
	step(t, ctx, 5*time.Second, "see the English programme", chromedp.WaitVisible(chromedp.CSS("main h1")))
	if en := measureText(t, ctx, "main h1"); en.Direction != "ltr" || en.TextLeft-en.BoxLeft > 4 {
		t.Errorf("English programme: main h1 is not laid out left to right: %s", en)
	}

	seeProgramme(t, ctx, n, "?lang=ar", trackTitles(t, n))
	assertRightToLeft(t, ctx, "programme", "main h1")

	signInTo(t, ctx, n, "youth@demo.igf.example", session, "")
	open(t, ctx, n.URL+"/sessions/"+strconv.FormatInt(session, 10)+"?lang=ar")
	step(t, ctx, 5*time.Second, "see the Arabic room", chromedp.WaitVisible(chromedp.ID("chat-log")))
	assertRightToLeft(t, ctx, "room", "main h1")
	t.Logf("done in %s", time.Since(start).Round(time.Millisecond))
}
