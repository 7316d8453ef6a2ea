package pages

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gorilla/websocket"
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// fakeHub plays a scripted room: each connection runs the next script.
type fakeHub struct {
	mu      sync.Mutex
	queries []string
	scripts []func(c *websocket.Conn)
}

func (h *fakeHub) serve(c echo.Context) error {
	up := websocket.Upgrader{}
	conn, err := up.Upgrade(c.Response(), c.Request(), nil)
	if err != nil {
		return nil
	}
	h.mu.Lock()
	n := len(h.queries)
	h.queries = append(h.queries, c.Request().URL.RawQuery)
	h.mu.Unlock()
	go func() {
		defer conn.Close()
		if n < len(h.scripts) {
			h.scripts[n](conn)
		}
	}()
	return nil
}

// seen returns the query of each connection so far.
func (h *fakeHub) seen() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.queries...)
}

func frame(v map[string]any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func chatEvent(offset, id int64, author, body string) string {
	return frame(map[string]any{"type": "event", "room": "session:1", "epoch": 3, "offset": offset, "kind": "chat.posted", "at": "2025-06-23T09:10:00Z",
		"data": map[string]any{"id": id, "session_id": 1, "author_id": 6, "author_name": author, "author_group": "academia", "body": body, "created_at": "2025-06-23T09:10:00Z"}})
}

func send(t *testing.T, c *websocket.Conn, frames ...string) {
	if err := c.WriteMessage(websocket.TextMessage, []byte(strings.Join(frames, "\n"))); err != nil {
		t.Errorf("write: %v", err)
	}
}

// closeWith closes c with code and waits (a second at most) for the
// browser's answering close, so that the code reaches it before the socket
// goes.
func closeWith(c *websocket.Conn, code int) {
	c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, ""), time.Now().Add(time.Second))
	c.SetReadDeadline(time.Now().Add(time.Second))
	for {
		if _, _, err := c.ReadMessage(); err != nil {
			return
		}
	}
}

// TestClientResumesDropsDuplicatesAndEscapes drives the real bundle in a
// headless browser against a scripted hub: the client must resume after
// the rendered messages, apply each event once, render text as text, clear
// the form on ack, resume from its last event after a drop, and go to
// sign-in on 4001.
// openScripted serves the fixture's pages with hub as the rooms' WebSocket
// and a /test-signin route that signs the browser in as Amina and lands on
// landing. It returns a headless browser's context (closed when the test
// ends), the server's URL, and helpers that fail the test with what the hub
// saw.
func openScripted(t *testing.T, f *fixture, hub *fakeHub, landing string) (context.Context, string, func(error), func(string) string) {
	t.Helper()
	chromiumtest.Path(t) // skip (fail under CI, skip under -short) before starting anything
	f.e.GET("/ws/sessions/:id", hub.serve)
	f.e.GET("/test-signin", func(c echo.Context) error {
		c.SetCookie(&http.Cookie{Name: "test_user", Value: "Amina", Path: "/"})
		return c.Redirect(http.StatusSeeOther, landing)
	})
	srv := httptest.NewServer(f.e)
	t.Cleanup(srv.Close)
	ctx, cancelTimeout := context.WithTimeout(chromiumtest.New(t), 90*time.Second) // generous: CI runs many tests at once
	t.Cleanup(cancelTimeout)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("browser: %v (hub saw %q)", err, hub.seen())
		}
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		must(err)
		return v
	}
	return ctx, srv.URL, must, eval
}

func TestClientResumesDropsDuplicatesAndEscapes(t *testing.T) {
	f := newFixture(t)
	hub := &fakeHub{}
	applied, signOut := make(chan struct{}), make(chan struct{})
	var revoked atomic.Bool
	signedIn := f.p.deps.IdentityOf
	f.p.deps.IdentityOf = func(c echo.Context) igfplus.Identity {
		if revoked.Load() {
			return igfplus.Identity{}
		}
		return signedIn(c)
	}
	joined := frame(map[string]any{"type": "joined", "room": "session:1", "from": map[string]any{"epoch": 3, "offset": 41}})
	xss := `<img src=x onerror="document.title='pwned'">`
	hub.scripts = []func(*websocket.Conn){
		func(c *websocket.Conn) {
			// Several frames in one message, with duplicates and an old event.
			send(t, c, joined, chatEvent(42, 8, "Kofi", "first"), chatEvent(42, 8, "Kofi", "first"), chatEvent(41, 7, "Amina", "old"), chatEvent(43, 9, "Eve", xss))
			_, data, err := c.ReadMessage()
			if err != nil {
				t.Errorf("read: %v", err)
				return
			}
			var in struct{ Type, Ref, Body string }
			json.Unmarshal(data, &in)
			if in.Type != "chat.send" || in.Body != "hello from the browser" || in.Ref == "" {
				t.Errorf("client sent %s", data)
			}
			send(t, c, frame(map[string]any{"type": "ack", "ref": in.Ref}), chatEvent(44, 10, "Amina", in.Body))
			select { // the page has applied event 44 and the ack
			case <-applied:
			case <-time.After(20 * time.Second):
			}
			closeWith(c, 4000) // slow consumer: resume
		},
		func(c *websocket.Conn) {
			send(t, c, frame(map[string]any{"type": "joined", "room": "session:1", "from": map[string]any{"epoch": 3, "offset": 44}}))
			send(t, c, chatEvent(44, 10, "Amina", "hello from the browser"), chatEvent(45, 11, "Kofi", "after the drop"))
			select { // the test has looked at the page
			case <-signOut:
			case <-time.After(20 * time.Second):
			}
			revoked.Store(true)
			closeWith(c, 4001) // signed out
		},
	}
	ctx, base, must, eval := openScripted(t, f, hub, "/sessions/1")
	poll := func(expr string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr))
		must(err)
	}
	must(chromedp.Do(ctx, chromedp.Navigate(base+"/test-signin"), chromedp.WaitVisible(chromedp.CSS("#msg-9"))))
	status := eval(`document.getElementById("conn-status").textContent`)
	xssText := eval(`document.querySelector("#msg-9 .body").textContent`)
	must(chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#chat-body"), "hello from the browser")))
	// The element's own click, not a mouse event at coordinates measured a
	// moment earlier: a layout shift in between would click elsewhere.
	eval(`(document.getElementById("chat-send").click(), "")`)
	must(chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#msg-10"))))
	poll(`document.getElementById("chat-body").value === ""`)
	close(applied)
	must(chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#msg-11"))))
	msgs := eval(`String(document.querySelectorAll("#chat-log .msg").length)`)
	imgs := eval(`String(document.querySelectorAll("#chat-log img").length)`)
	title := eval(`document.title`)
	offset := eval(`document.getElementById("msg-11").dataset.offset`)
	close(signOut)
	// The page navigates away: errors while it does are expected.
	var location string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !strings.HasPrefix(location, "/api/auth/resume"); time.Sleep(100 * time.Millisecond) {
		location, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`))
	}

	if status != "Connected. New messages appear as they are posted." {
		t.Errorf("status %q", status)
	}
	if msgs != "5" { // 7 rendered by the server, 8, 9, 10, 11 live; no duplicates
		t.Errorf("%s messages in the log, want 5", msgs)
	}
	if xssText != xss || imgs != "0" || strings.Contains(title, "pwned") {
		t.Errorf("markup in a message was not kept as text: %q, %s img, title %q", xssText, imgs, title)
	}
	if offset != "45" {
		t.Errorf("data-offset %q", offset)
	}
	if q := hub.seen(); len(q) < 2 || q[0] != "epoch=3&offset=41" || q[1] != "epoch=3&offset=44" {
		t.Errorf("connections asked for %q, want to resume at 41 then 44", q)
	}
	if location != "/api/auth/resume?next=%2Fsessions%2F1" {
		t.Errorf("after 4001 the page is %q", location)
	}
}

// TestClientUpdatesPresenceQuietlyWithoutMovingTheResumePosition: a presence
// frame rewrites the "Who is here" panel (Arabic plural forms, small groups
// in words, names as text) and, not being an event, leaves the position the
// client resumes from where the last event put it.
func TestClientUpdatesPresenceQuietlyWithoutMovingTheResumePosition(t *testing.T) {
	f := newFixture(t)
	hub := &fakeHub{}
	looked, done := make(chan struct{}), make(chan struct{})
	defer close(done)
	xss := `<img src=x onerror="document.title='pwned'">`
	presence := func(total string, names []string, groups, regions map[string]string) string {
		return frame(map[string]any{"type": "presence", "room": "session:1",
			"presence": map[string]any{"total": total, "names": names, "by_group": groups, "by_region": regions}})
	}
	hub.scripts = []func(*websocket.Conn){
		func(c *websocket.Conn) {
			send(t, c, frame(map[string]any{"type": "joined", "room": "session:1", "from": map[string]any{"epoch": 3, "offset": 41}}),
				presence("2", []string{"Kofi"}, map[string]string{"academia": "<5"}, map[string]string{}))
			send(t, c, chatEvent(42, 8, "Kofi", "first"))
			send(t, c, presence("11", []string{"Kofi", xss}, map[string]string{"academia": "<5", "government": "9"}, map[string]string{"african": "11"}))
			select {
			case <-looked:
			case <-time.After(20 * time.Second):
			}
			closeWith(c, 4000) // slow consumer: resume
		},
		func(c *websocket.Conn) {
			send(t, c, frame(map[string]any{"type": "joined", "room": "session:1", "from": map[string]any{"epoch": 3, "offset": 42}}),
				presence("2", []string{}, map[string]string{}, map[string]string{}))
			select { // the test has looked at the page again
			case <-done:
			case <-time.After(20 * time.Second):
			}
		},
	}
	ctx, base, must, eval := openScripted(t, f, hub, "/sessions/1?lang=ar")
	text := func(sel string) string {
		return eval(`Array.from(document.querySelectorAll(` + strconv.Quote(sel) + `)).map(e => e.hidden ? "(hidden)" : e.textContent).join("|")`)
	}

	must(chromedp.Do(ctx, chromedp.Navigate(base+"/test-signin"), chromedp.WaitVisible(chromedp.CSS("#msg-8"))))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("presence-total").textContent.startsWith("11 ")`))
	must(err)
	total := text("#presence-total")
	groups := text("#presence-groups dt, #presence-groups dd")
	regions := text("#presence-regions dt, #presence-regions dd")
	names := text("#presence-names li")
	note := text("#presence-note")
	imgs := eval(`String(document.querySelectorAll("#presence img").length)`)
	live := eval(`String(document.querySelectorAll("#presence [aria-live]:not([aria-live=off]), #presence[aria-live], #presence [role=status], #presence [role=alert]").length)`)
	close(looked)
	// After the reconnection: two people (the Arabic dual), nobody listed.
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("presence-total").textContent === "شخصان في القاعة"`))
	must(err)
	emptied := text("#presence-groups, #presence-regions, #presence-names") + "|" + text("#presence-note")

	if total != "11 شخصًا في القاعة" {
		t.Errorf("total %q", total)
	}
	if groups != "الأوساط الأكاديمية|أقل من 5|الحكومات|9" || regions != "الدول الأفريقية|11" {
		t.Errorf("counts: groups %q, regions %q", groups, regions)
	}
	if names != "Kofi|"+xss || imgs != "0" {
		t.Errorf("names %q (%s img): want them as text", names, imgs)
	}
	if note != "يفضّل الآخرون عدم إدراج أسمائهم." {
		t.Errorf("note %q", note)
	}
	if live != "0" {
		t.Errorf("%s live regions in the presence panel: it must stay quiet", live)
	}
	if emptied != "(hidden)|(hidden)|(hidden)|لم يختر أيٌّ من الحاضرين إدراج اسمه." {
		t.Errorf("with nobody listed the panel shows %q", emptied)
	}
	if q := hub.seen(); len(q) < 2 || q[0] != "epoch=3&offset=41" || q[1] != "epoch=3&offset=42" {
		t.Errorf("connections asked for %q, want to resume at 41 then 42 (presence frames are not events)", q)
	}
}

// A message the client adds shows its time as the server writes the
// others: in the edition's time zone (09:10 UTC is 12:10 in Nairobi).
func TestClientShowsChatTimesInTheEditionsTimeZone(t *testing.T) {
	f := newFixture(t)
	f.prog.edition.TimeZone = "Africa/Nairobi"
	hub := &fakeHub{}
	done := make(chan struct{})
	hub.scripts = []func(*websocket.Conn){func(c *websocket.Conn) {
		send(t, c, frame(map[string]any{"type": "joined", "room": "session:1", "from": map[string]any{"epoch": 3, "offset": 41}}), chatEvent(42, 8, "Kofi", "live"))
		select {
		case <-done:
		case <-time.After(20 * time.Second):
		}
	}}
	ctx, base, must, eval := openScripted(t, f, hub, "/sessions/1")
	must(chromedp.Do(ctx, chromedp.Navigate(base+"/test-signin"), chromedp.WaitVisible(chromedp.CSS("#msg-8"))))
	live, served := eval(`document.querySelector("#msg-8 time").textContent`), eval(`document.querySelector("#msg-7 time").textContent`)
	close(done)
	if live != "12:10" || served != "12:05" {
		t.Errorf("the live message's time %q, the served one's %q: want 12:10 and 12:05 (Nairobi)", live, served)
	}
}

// A live count is grouped as the page's language groups digits, as the
// server writes counts: 1200 people is "1 200" in French.
func TestClientGroupsLiveCountsAsThePagesLanguage(t *testing.T) {
	f := newFixture(t)
	hub := &fakeHub{}
	done := make(chan struct{})
	hub.scripts = []func(*websocket.Conn){func(c *websocket.Conn) {
		send(t, c, frame(map[string]any{"type": "joined", "room": "session:1", "from": map[string]any{"epoch": 3, "offset": 41}}),
			frame(map[string]any{"type": "presence", "room": "session:1",
				"presence": map[string]any{"total": "1200", "names": []string{}, "by_group": map[string]string{}, "by_region": map[string]string{}}}))
		select {
		case <-done:
		case <-time.After(20 * time.Second):
		}
	}}
	ctx, base, must, eval := openScripted(t, f, hub, "/sessions/1?lang=fr")
	must(chromedp.Do(ctx, chromedp.Navigate(base+"/test-signin")))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("presence-total").textContent.includes("200")`))
	must(err)
	total := eval(`document.getElementById("presence-total").textContent.replace(/[\u00a0\u202f]/g, " ")`)
	close(done)
	if total != "1 200 personnes dans la salle" {
		t.Errorf("the live total reads %q, want 1 200 grouped", total)
	}
}
