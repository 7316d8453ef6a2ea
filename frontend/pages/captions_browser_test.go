package pages

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gorilla/websocket"
)

func captionEvent(offset, id, channel int64, language, text string) string {
	return frame(map[string]any{"type": "event", "room": "session:1", "epoch": 3, "offset": offset, "kind": "caption.added", "at": "2025-06-23T09:10:00Z",
		"data": map[string]any{"id": id, "session_id": 1, "channel_id": channel, "language": language, "text": text, "created_at": "2025-06-23T09:10:00Z"}})
}

// TestCaptionChannelsSwitchInPlaceAndPause drives the real bundle against
// a scripted room with two caption channels running at once: each line
// goes to its channel's log, the reader switches to French without the
// page reloading (the choice kept in the cookie the server reads), a
// channel set up since the page loaded is offered when its first line
// comes, and a pause holds the lines back (counted) until it is lifted.
func TestCaptionChannelsSwitchInPlaceAndPause(t *testing.T) {
	f := newFixture(t)
	twoChannels(f, 1)
	hub := &fakeHub{}
	paused, done := make(chan struct{}), make(chan struct{})
	defer close(done)
	hub.scripts = []func(*websocket.Conn){func(c *websocket.Conn) {
		send(t, c, frame(map[string]any{"type": "joined", "room": "session:1", "from": map[string]any{"epoch": 3, "offset": 41}}),
			captionEvent(42, 10, 1, "en", "Our first speaker joins from Nairobi."),
			captionEvent(43, 11, 2, "fr", "Notre première intervenante est à Nairobi."),
			captionEvent(44, 12, 3, "es", "Nuestra primera oradora está en Nairobi."))
		select {
		case <-paused:
		case <-time.After(30 * time.Second):
			return
		}
		send(t, c, captionEvent(45, 13, 2, "fr", "Merci."), captionEvent(46, 14, 1, "en", "Thank you."))
		select {
		case <-done:
		case <-time.After(30 * time.Second):
		}
	}}
	ctx, base, must, eval := openScripted(t, f, hub, "/sessions/1?lang=en")
	poll := func(what, expr string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr)); err != nil {
			t.Fatalf("%s: %v (the page: %s)", what, err, eval(`document.getElementById("captions").outerHTML`))
		}
	}
	must(chromedp.Do(ctx, chromedp.Navigate(base+"/test-signin"), chromedp.WaitVisible(chromedp.CSS("#cap-10"))))
	poll("each line in its channel's log", `document.querySelector("#captions-log-1 #cap-10") !== null && document.querySelector("#captions-log-2 #cap-11") !== null &&
		document.getElementById("captions-log-2").hidden && !document.getElementById("captions-log-1").hidden`)
	poll("the channel set up since, offered", `document.querySelector("#captions-log-3 #cap-12") !== null && document.getElementById("captions-log-3").hidden &&
		document.getElementById("cap-name-3")?.getAttribute("href") === "/sessions/1?captions=es#captions"`)
	eval(`(window.sameDocument = true, "")`)

	// The element's own click, as a keyboard's Enter gives it.
	eval(`(document.getElementById("cap-name-2").click(), "")`)
	poll("French shown in place", `!document.getElementById("captions-log-2").hidden && document.getElementById("captions-log-1").hidden &&
		document.getElementById("cap-name-2").getAttribute("aria-current") === "true" && !document.getElementById("cap-name-1").hasAttribute("aria-current") &&
		window.sameDocument === true && location.search === "?lang=en"`)
	if c := eval(`document.cookie`); !strings.Contains(c, "igf_captions=fr") {
		t.Errorf("cookies %q: the choice is not remembered for the server", c)
	}

	eval(`(document.getElementById("captions-pause").click(), "")`)
	poll("paused", `document.getElementById("captions-pause").getAttribute("aria-pressed") === "true"`)
	close(paused)
	poll("the French line held back and counted", `document.getElementById("captions-pending").textContent === "New lines waiting: 1. Turn the pause off to see them."`)
	if got := eval(`String(document.getElementById("cap-13") === null && document.getElementById("cap-14") === null)`); got != "true" {
		t.Error("a line came in while paused")
	}
	eval(`(document.getElementById("captions-pause").click(), "")`)
	poll("the lines in after the pause", `document.querySelector("#captions-log-2 #cap-13") !== null && document.querySelector("#captions-log-1 #cap-14") !== null &&
		document.getElementById("captions-pending").hidden && document.querySelector("#captions-log-2 p:last-child").id === "cap-13"`)
}
