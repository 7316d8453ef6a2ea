package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// The room on a phone (#17, point 7): at 390 px it has no horizontal
// overflow in English or Arabic, its sticky navigation reaches the chat box
// in one step, and asking for the floor leaves the focus on the floor's
// status rather than the page's body.

// overflowing names the elements that reach beyond the viewport's width,
// for the failure message.
const overflowing = `(() => {
	const out = (r) => r.right > innerWidth + 0.5 || r.left < -0.5;
	const found = [...document.querySelectorAll("body *")].filter((e) => out(e.getBoundingClientRect()))
		.map((e) => e.tagName + "#" + e.id + "." + e.className);
	const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = w.nextNode(); n; n = w.nextNode()) {
		const g = document.createRange(); g.selectNodeContents(n);
		const r = g.getBoundingClientRect();
		if (out(r)) found.push("text " + JSON.stringify(n.textContent.trim().slice(0, 30)) + " in " + n.parentElement.tagName + "." + n.parentElement.className + " " + Math.round(r.left) + ".." + Math.round(r.right));
	}
	return found.slice(0, 8).join("; ");
})()`

func TestBrowserRoomOnAPhone(t *testing.T) {
	n, _, room, amina := aminaInTheRoom(t)
	src := chromiumtest.AxeSource(t)
	for _, lang := range []string{"en", "ar"} {
		open(t, amina, n.URL+room+"?lang="+lang)
		waitLive(t, amina)
		step(t, amina, 10*time.Second, "a phone's viewport", chromedp.EmulateViewport(390, 900, chromedp.EmulateScale(1)))
		if !eval[bool](t, amina, 5*time.Second, `document.documentElement.scrollWidth <= innerWidth`) {
			t.Errorf("%s at 390 px: %d px wide for a %d px viewport: %s", lang,
				eval[int](t, amina, 5*time.Second, `document.documentElement.scrollWidth`), 390,
				eval[string](t, amina, 5*time.Second, overflowing))
		}
		// One step to the chat box: the navigation's link moves the focus there.
		press(t, amina, "go to the chat", `#room-nav a[href="#chat-body"]`)
		waitFor(t, amina, 5*time.Second, "the focus in the chat box", `document.activeElement?.id === "chat-body"`)
		waitFor(t, amina, 5*time.Second, "the chat box in view", `(() => { const r = document.getElementById("chat-body").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`)
		chromiumtest.CheckAxe(t, amina, src, "room at 390 px ("+lang+")")
		shotsTo(t, amina, "ROOM_SHOTS", "room-"+lang)
	}
	// By keyboard: Enter on the navigation's link to the questions puts the
	// focus on their heading; asking for the floor with Enter leaves the
	// focus on what it produced, the floor's status, not the page's body.
	open(t, amina, n.URL+room+"?lang=en")
	waitLive(t, amina)
	keyOn(t, amina, "go to the questions", `#room-nav a[href="#questions"]`, kb.Enter)
	waitFor(t, amina, 5*time.Second, "the focus on the questions' heading", `document.activeElement?.id === "qa-h"`)
	keyOn(t, amina, "ask for the floor", `#floor-request button[type=submit]`, kb.Enter)
	waitFor(t, amina, 10*time.Second, "the focus on the floor's status", `document.activeElement?.id === "floor-mine" && document.getElementById("floor-mine").textContent.includes("number 1")`)
}
