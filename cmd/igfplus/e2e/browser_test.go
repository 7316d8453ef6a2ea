package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
)

// The browser tests drive the real pages in headless Chromium against real
// nodes: what a participant sees, not what the API returns.

const demoPassword = "igfplus-demo"

// passwordOf is the password of a test's account: the test forum's
// (deploy/forumtest), or else the demo forum's.
func passwordOf(email string) string {
	if strings.HasSuffix(email, forumtest.Domain) {
		return forumtest.Password
	}
	return demoPassword
}

// js quotes a Go value for a JavaScript expression.
func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// waitFor asks the page, every 50 ms for at most d, whether a JavaScript
// predicate holds; an exception in it, or a navigation under way, counts
// as not yet. The asking is done from here, one evaluation at a time, not
// by timers in the page, which never fire in a page whose scripts are off.
// The predicate is judged only once the page is parsed: while a new page
// is still loading, "no problem shown" holds only because the parser has
// not reached it, and the next step would find its form missing. On
// failure it shows where the page is and what its chat log holds.
func waitFor(t *testing.T, ctx context.Context, d time.Duration, what, predicate string) {
	t.Helper()
	expr := `(() => { try { return document.readyState !== "loading" && !!(` + predicate + `); } catch { return false; } })()`
	deadline := time.Now().Add(d)
	for {
		sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(sctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("%s: not within %s (last: %v, %v)\n%s", what, d, ok, err, pageState(ctx))
		}
		time.Sleep(50 * time.Millisecond) // the page's next state
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
			// The heading is the title, then the track's kind in a span.
			const title = h.firstChild?.textContent.trim();
			if (!titles.has(title)) continue;
			const group = h.closest("section");
			if (group && group.querySelector(".session-link")) n++;
		}
		return n;
	})()`)
	if headed == 0 {
		t.Fatalf("no h2/h3 names a track (%q) above its session links\n%s", tracks, pageState(ctx))
	}
	t.Logf("%s%s: %d session links, %d track headings", n.URL, query, links, headed)
}

// signInTo follows the session's link from the programme page as an
// anonymous visitor, is sent to sign in, signs in and lands in the room.
func signInTo(t *testing.T, ctx context.Context, email string, session int64) {
	t.Helper()
	room := "/sessions/" + strconv.FormatInt(session, 10)
	link := chromedp.CSS(`a.session-link[href="` + room + `"]`)
	step(t, ctx, 5*time.Second, "see the sign-in link and the session's link",
		chromedp.WaitVisible(chromedp.ID("signin-link")), chromedp.WaitVisible(link))
	step(t, ctx, 5*time.Second, "follow the session's link", chromedp.Click(link))
	waitFor(t, ctx, 10*time.Second, "be sent to sign in, coming back to the room",
		`location.pathname === "/signin" && new URLSearchParams(location.search).get("next") === `+js(room)+
			` && document.getElementById("email") !== null`)
	step(t, ctx, 15*time.Second, "sign in",
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), passwordOf(email)),
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

// countInLog counts the chat log's messages holding body. Messages are
// .msg elements, whether the server rendered them or the client added them.
func countInLog(body string) string {
	return `[...document.querySelectorAll("#chat-log .msg")].filter((m) => m.textContent.includes(` + js(body) + `)).length`
}

func TestBrowserJourneyAcrossTwoNodes(t *testing.T) {
	chromiumtest.Path(t) // skip (fail under CI, skip under -short) before starting anything
	start := time.Now()
	c, f, amina, rajesh := roomPair(t)
	a := startNode(t, c)
	b := startNode(t, c)
	session := f.Session
	tracks := trackTitles(t, a)
	t.Logf("nodes up after %s", time.Since(start).Round(time.Millisecond))

	// Two browsers, two profiles: no cookie is shared.
	sender, receiver := chromiumtest.New(t), chromiumtest.New(t)
	seeProgramme(t, sender, a, "", tracks)
	signInTo(t, sender, amina.Email, session)
	seeProgramme(t, receiver, b, "", tracks)
	signInTo(t, receiver, rajesh.Email, session)
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
			return [...doc.querySelectorAll("#chat-log .msg")].filter((m) => m.textContent.includes(`+js(body)+`)).length;
		})`, chromedp.EvalAwaitPromise)
	if html != 1 {
		t.Fatalf("the server-rendered room holds the message %d times, want once", html)
	}
	waitLive(t, receiver)
	step(t, receiver, 3*time.Second, "let the resumed connection deliver", chromedp.Sleep(time.Second))
	if n := eval[int](t, receiver, 5*time.Second, countInLog(body)); n != 1 {
		t.Fatalf("after a reload the log shows the message %d times, want once\n%s", n, pageState(receiver))
	}
	// Seconds later the sender still shows it once: no late echo was added.
	if n := eval[int](t, sender, 5*time.Second, countInLog(body)); n != 1 {
		t.Fatalf("the sender's log now shows the message %d times, want once\n%s", n, pageState(sender))
	}
	t.Logf("journey done in %s", time.Since(start).Round(time.Millisecond))
}

// textBox is where the text of an element sits in a box, in CSS pixels: the
// element's own content box, or that of a container such as the header.
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

// measureText measures the text of the first element matching sel within the
// content box of its closest ancestor matching within ("" for the element
// itself).
func measureText(t *testing.T, ctx context.Context, sel, within string) textBox {
	t.Helper()
	return eval[textBox](t, ctx, 5*time.Second, `(() => {
		const e = document.querySelector(`+js(sel)+`);
		const c = `+js(within)+` ? e?.closest(`+js(within)+`) : e;
		if (!e || !c) return {found: false};
		const box = c.getBoundingClientRect();
		const cs = getComputedStyle(c);
		const r = document.createRange();
		r.selectNodeContents(e);
		const text = r.getBoundingClientRect();
		return {
			found: true, text: e.textContent.trim().slice(0, 80),
			boxLeft: box.left + parseFloat(cs.paddingLeft), boxRight: box.right - parseFloat(cs.paddingRight),
			textLeft: text.left, textRight: text.right,
			viewport: document.documentElement.clientWidth,
			direction: getComputedStyle(e).direction, bodyDirection: getComputedStyle(document.body).direction,
		};
	})()`)
}

// layoutCheck is an element whose text must start at the writing
// direction's edge of a box: the right one in Arabic, the left in English.
// The elements hold interface text, never data: titles of editions and
// sessions are dir="auto" and keep their own direction.
type layoutCheck struct{ sel, within string }

var (
	programmeLayout = []layoutCheck{{"#sessions-h", ""}, {"header.site .brand", "header.site"}}
	roomLayout      = []layoutCheck{{"#chat-h", ""}, {"header.site .brand", "header.site"}}
)

// assertDirection checks the page's declared language and direction, the
// computed direction, and where the text of each check is laid out.
func assertDirection(t *testing.T, ctx context.Context, page, lang, dir string, checks []layoutCheck) {
	t.Helper()
	type root struct {
		Dir  string `json:"dir"`
		Lang string `json:"lang"`
	}
	doc := eval[root](t, ctx, 5*time.Second, `({dir: document.documentElement.dir, lang: document.documentElement.lang})`)
	if doc.Dir != dir || doc.Lang != lang {
		t.Errorf("%s: <html dir=%q lang=%q>, want dir=%s lang=%s", page, doc.Dir, doc.Lang, dir, lang)
	}
	for _, c := range checks {
		m := measureText(t, ctx, c.sel, c.within)
		if !m.Found {
			t.Fatalf("%s: no %s\n%s", page, c.sel, pageState(ctx))
		}
		t.Logf("%s (%s): %s %s", page, lang, c.sel, m)
		if m.BodyDir != dir || m.Direction != dir {
			t.Errorf("%s: computed direction of body %q, of %s %q; want %s", page, m.BodyDir, c.sel, m.Direction, dir)
		}
		center := (m.TextLeft + m.TextRight) / 2
		switch dir {
		case "rtl":
			// Against the right edge, clear of the left one, in the right half
			// of the viewport: a left-to-right layout fails all three.
			if m.BoxRight-m.TextRight > 4 || m.TextLeft-m.BoxLeft < 16 || center < m.Viewport/2 {
				t.Errorf("%s: %s is not laid out right to left: %s", page, c.sel, m)
			}
		case "ltr":
			if m.TextLeft-m.BoxLeft > 4 || m.BoxRight-m.TextRight < 16 || center > m.Viewport/2 {
				t.Errorf("%s: %s is not laid out left to right: %s", page, c.sel, m)
			}
		}
	}
}

func TestBrowserArabicPageIsRightToLeft(t *testing.T) {
	chromiumtest.Path(t) // skip (fail under CI, skip under -short) before starting anything
	start := time.Now()
	c := newCluster(t)
	f := newForum(t, c)
	amina := f.Participant(t, "Amina Yusuf")
	n := startNode(t, c)
	session := f.Session
	room := n.URL + "/sessions/" + strconv.FormatInt(session, 10)
	ctx := chromiumtest.New(t)

	// Each page in English first: the control that shows the measurements
	// tell the two directions apart.
	open(t, ctx, n.URL+"/?lang=en")
	step(t, ctx, 5*time.Second, "see the English programme", chromedp.WaitVisible(chromedp.ID("sessions-h")))
	assertDirection(t, ctx, "programme", "en", "ltr", programmeLayout)
	seeProgramme(t, ctx, n, "?lang=ar", trackTitles(t, n))
	assertDirection(t, ctx, "programme", "ar", "rtl", programmeLayout)

	signInTo(t, ctx, amina.Email, session)
	open(t, ctx, room+"?lang=en")
	step(t, ctx, 5*time.Second, "see the English room", chromedp.WaitVisible(chromedp.ID("chat-log")))
	assertDirection(t, ctx, "room", "en", "ltr", roomLayout)
	open(t, ctx, room+"?lang=ar")
	step(t, ctx, 5*time.Second, "see the Arabic room", chromedp.WaitVisible(chromedp.ID("chat-log")))
	assertDirection(t, ctx, "room", "ar", "rtl", roomLayout)
	t.Logf("done in %s", time.Since(start).Round(time.Millisecond))
}
