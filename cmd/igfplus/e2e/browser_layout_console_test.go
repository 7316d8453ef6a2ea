package e2e

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// The moderator's console laid out for volume (#17, point 1): the floor
// stays in view beside the panels on a wide screen and is one link away
// on a phone; the panels are tabs chosen by keyboard that keep their place
// through live events and a reload; each chat message has one actions
// menu, used by keyboard; the quick actions' keys work, but not while
// typing.

// showPanel selects the console's panel name (its tab, with Enter, as a
// keyboard user would) and waits for it to show.
func showPanel(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	keyOn(t, ctx, "open the "+name+" panel", "#tab-"+name, kb.Enter)
	waitFor(t, ctx, 5*time.Second, "the "+name+" panel shown", `!document.getElementById("panel-`+name+`").hidden`)
}

// inView is a predicate: the element with id is wholly inside the viewport.
func inView(id string) string {
	return `(() => { const e = document.getElementById(` + js(id) + `); if (!e) return false; const r = e.getBoundingClientRect();
		return r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; })()`
}

// selectedTab is a predicate: the tab of panel name is the selected one,
// has the focus and its panel alone shows.
func selectedTab(name string) string {
	return `document.querySelector("#console-tabs [aria-selected=true]")?.id === "tab-` + name + `" && ` + focusIs("#tab-"+name) +
		` && [...document.querySelectorAll("#console-tabs [role=tab]")].every((a) => document.getElementById(a.getAttribute("aria-controls")).hidden === (a.id !== "tab-` + name + `"))`
}

// altShift presses Alt+Shift+key where the focus is.
func altShift(t *testing.T, ctx context.Context, what, key string) {
	t.Helper()
	step(t, ctx, 5*time.Second, what, chromedp.KeyEvent(key, chromedp.KeyModifiers(chromedp.ModifierAlt, chromedp.ModifierShift)))
}

// floorNow reads the floor over the API: the speaker's name ("" when
// nobody speaks) and how many wait.
func floorNow(t *testing.T, n *node, session int64, token string) (string, int) {
	t.Helper()
	var f struct {
		Speaker *struct {
			Name string `json:"name"`
		} `json:"speaker"`
		Queue []struct{} `json:"queue"`
	}
	apiCall(t, n, token, http.MethodGet, "/api/sessions/"+strconv.FormatInt(session, 10)+"/floor", nil, &f)
	if f.Speaker == nil {
		return "", len(f.Queue)
	}
	return f.Speaker.Name, len(f.Queue)
}

func TestBrowserConsoleIsLaidOutForVolume(t *testing.T) {
	chromiumtest.Path(t)
	c, f, aminaP, rajeshP := roomPair(t)
	n := startNode(t, c)
	session := f.Session
	sid := strconv.FormatInt(session, 10)
	modPage := "/sessions/" + sid + "/moderate"
	modToken := signInAs(t, n, f.Moderator)
	amina := joinRoom(t, n, session, signInAs(t, n, aminaP))
	rajesh := joinRoom(t, n, session, signInAs(t, n, rajeshP))
	nonce := strconv.FormatInt(time.Now().UnixNano()%1e6, 36)
	// A busy chat: the page is longer than the window.
	for i := range 30 {
		time.Sleep(120 * time.Millisecond) // within one person's pace
		sendAcked(t, amina, map[string]any{"type": "chat.send", "body": "Point " + strconv.Itoa(i) + " on rural spectrum " + nonce})
	}
	rajeshMsg := "Community networks need licences " + nonce
	sendAcked(t, rajesh, map[string]any{"type": "chat.send", "body": rajeshMsg})
	sendAcked(t, amina, map[string]any{"type": "floor.request", "mode": "online"})
	sendAcked(t, rajesh, map[string]any{"type": "floor.request", "mode": "onsite"})

	mod := chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, modPage)
	step(t, mod, 10*time.Second, "a wide screen", chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))

	// The panels are tabs: the arrows, Home and End move between them;
	// the one chosen is in the fragment and survives a reload.
	waitFor(t, mod, 5*time.Second, "the chat's tab selected first", `document.getElementById("tab-chat").getAttribute("aria-selected") === "true" && document.getElementById("panel-questions").hidden`)
	keyOn(t, mod, "next tab", "#tab-chat", kb.ArrowRight)
	waitFor(t, mod, 5*time.Second, "Questions chosen", selectedTab("questions"))
	step(t, mod, 5*time.Second, "the last tab", chromedp.KeyEvent(kb.End))
	waitFor(t, mod, 5*time.Second, "the log chosen", selectedTab("record"))
	step(t, mod, 5*time.Second, "the first tab", chromedp.KeyEvent(kb.Home))
	waitFor(t, mod, 5*time.Second, "the chat chosen", selectedTab("chat"))
	step(t, mod, 5*time.Second, "two tabs on", chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	waitFor(t, mod, 5*time.Second, "the waiting room chosen, in the fragment", selectedTab("waiting")+` && location.hash === "#panel-waiting"`)
	eval[bool](t, mod, 5*time.Second, stayMark)
	sendAcked(t, amina, map[string]any{"type": "chat.send", "body": "A live event " + nonce})
	waitFor(t, mod, 10*time.Second, "the event shown, the panel kept", countInLog("A live event "+nonce)+` === 1 && `+stayed+
		` && !document.getElementById("panel-waiting").hidden && document.getElementById("panel-chat").hidden`)
	open(t, mod, n.URL+modPage+"?lang=en#panel-waiting")
	waitLive(t, mod)
	waitFor(t, mod, 5*time.Second, "the waiting room still chosen after a reload", `document.getElementById("tab-waiting").getAttribute("aria-selected") === "true" && !document.getElementById("panel-waiting").hidden`)
	showPanel(t, mod, "chat")

	// The quick actions are listed with their keys; the keys do nothing
	// while typing in a field.
	waitFor(t, mod, 5*time.Second, "the quick actions listed with their keys", `!document.getElementById("shortcuts").hidden && `+
		`[...document.querySelectorAll("#shortcuts [aria-keyshortcuts]")].map((b) => b.getAttribute("aria-keyshortcuts") + " " + b.parentElement.querySelector("kbd").textContent).join(",") === "Alt+Shift+N Alt+Shift+N,Alt+Shift+E Alt+Shift+E,Alt+Shift+A Alt+Shift+A"`)
	eval[bool](t, mod, 5*time.Second, `(document.getElementById("chat-body").focus(), true)`)
	altShift(t, mod, "Alt+Shift+N while typing", "N")
	time.Sleep(time.Second)
	if who, _ := floorNow(t, n, session, modToken); who != "" {
		t.Fatalf("Alt+Shift+N in the chat box gave the floor to %q", who)
	}
	// Out of the field: the next person has the floor.
	eval[bool](t, mod, 5*time.Second, `(document.getElementById("tab-chat").focus(), true)`)
	altShift(t, mod, "give the floor to the next", "N")
	waitFor(t, mod, 10*time.Second, "Amina has the floor, said", `document.querySelector("#floor-speaker .name")?.textContent === "Amina Yusuf" && `+textIs("shortcut-note", "The floor goes to Amina Yusuf."))
	if who, waiting := floorNow(t, n, session, modToken); who != "Amina Yusuf" || waiting != 1 {
		t.Fatalf("after Alt+Shift+N: %q speaks, %d wait; want Amina Yusuf, 1", who, waiting)
	}

	// The floor and the speaker's timer stay in view however far the
	// chat panel and the page are scrolled (a laptop's window).
	step(t, mod, 10*time.Second, "a laptop's window", chromedp.EmulateViewport(1280, 700, chromedp.EmulateScale(1)))
	eval[bool](t, mod, 5*time.Second, `(document.getElementById("chat-log").scrollTop = 1e6, window.scrollTo(0, document.documentElement.scrollHeight), true)`)
	waitFor(t, mod, 5*time.Second, "the page scrolled well past the console's top", `document.querySelector(".console").getBoundingClientRect().top < -100`)
	waitFor(t, mod, 5*time.Second, "the timer and the queue in view", inView("speaker-timer")+` && `+inView("floor-queue")+` && `+inView("floor-h"))
	shotsTo(t, mod, "CONSOLE_SHOTS", "console-speaking-en")

	// End the turn, then the next agenda item, by their keys.
	altShift(t, mod, "end the turn", "E")
	waitFor(t, mod, 10*time.Second, "nobody has the floor", `document.querySelector("#floor-speaker .name") === null`)
	if who, _ := floorNow(t, n, session, modToken); who != "" {
		t.Fatalf("after Alt+Shift+E %q still speaks", who)
	}
	altShift(t, mod, "end a turn nobody has", "E")
	waitFor(t, mod, 5*time.Second, "told nobody has the floor", textIs("shortcut-note", "Nobody has the floor."))
	altShift(t, mod, "next agenda item", "A")
	waitFor(t, mod, 10*time.Second, "the first item under way", textIs("timebox-item", "Now: \u2068Opening\u2069"))
	var s struct {
		CurrentItemID int64 `json:"current_item_id"`
	}
	apiCall(t, n, modToken, http.MethodGet, "/api/sessions/"+sid, nil, &s)
	if s.CurrentItemID != f.Agenda[0] {
		t.Fatalf("after Alt+Shift+A the current item is %d, want %d", s.CurrentItemID, f.Agenda[0])
	}

	// A chat message's one actions menu, by keyboard: named for its
	// author; Enter opens it, Escape closes it with the focus back on it;
	// Tab reaches Mute, Enter mutes.
	menu := inItem("#chat-log .msg", rajeshMsg, "details.menu")
	summary := inItem("#chat-log .msg", rajeshMsg, "details.menu summary")
	if got := eval[int](t, mod, 5*time.Second, `[...document.querySelector("#chat-log .msg").querySelectorAll("button")].filter((b) => !b.closest("details.menu")).length`); got != 0 {
		t.Errorf("a message shows %d buttons outside its menu", got)
	}
	if got := eval[string](t, mod, 5*time.Second, summary+`.getAttribute("aria-label")`); got != "Actions for Rajesh Iyer" {
		t.Errorf("the menu is named %q", got)
	}
	eval[bool](t, mod, 5*time.Second, `(`+summary+`.focus(), true)`)
	step(t, mod, 5*time.Second, "open the menu", chromedp.KeyEvent(kb.Enter))
	waitFor(t, mod, 5*time.Second, "the menu open", menu+`.open`)
	step(t, mod, 5*time.Second, "close it with Escape", chromedp.KeyEvent(kb.Escape))
	waitFor(t, mod, 5*time.Second, "closed, the focus on its summary", `!`+menu+`.open && document.activeElement === `+summary)
	step(t, mod, 5*time.Second, "open it again", chromedp.KeyEvent(kb.Enter))
	step(t, mod, 5*time.Second, "Tab to Mute", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	waitFor(t, mod, 5*time.Second, "the focus on Mute", `document.activeElement?.textContent === "Mute" && `+menu+`.contains(document.activeElement)`)
	step(t, mod, 5*time.Second, "mute with Enter", chromedp.KeyEvent(kb.Enter))
	var r struct {
		Restrictions []struct {
			Name        string `json:"name"`
			Restriction string `json:"restriction"`
		} `json:"restrictions"`
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(r.Restrictions) == 0 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		apiCall(t, n, modToken, http.MethodGet, "/api/sessions/"+sid+"/restrictions", nil, &r)
	}
	if len(r.Restrictions) != 1 || r.Restrictions[0].Name != "Rajesh Iyer" || r.Restrictions[0].Restriction != "muted" {
		t.Fatalf("after Mute in the menu the restrictions are %+v", r.Restrictions)
	}

	// A phone: no overflow in English or Arabic, the floor one link away.
	shotsDir := "CONSOLE_SHOTS"
	for _, lang := range []string{"en", "ar"} {
		step(t, mod, 10*time.Second, "a wide screen", chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))
		// A new query, so that it is a load, not a move within the page.
		open(t, mod, n.URL+modPage+"?shot&lang="+lang)
		waitLive(t, mod)
		if lang == "ar" {
			// Right to left, the next tab is on the left.
			keyOn(t, mod, "next tab, in Arabic", "#tab-chat", kb.ArrowLeft)
			waitFor(t, mod, 5*time.Second, "Questions chosen with the left arrow", selectedTab("questions"))
			keyOn(t, mod, "back to the chat", "#tab-questions", kb.ArrowRight)
			waitFor(t, mod, 5*time.Second, "the chat chosen with the right arrow", selectedTab("chat"))
		}
		eval[bool](t, mod, 5*time.Second, `(`+inItem("#chat-log .msg", rajeshMsg, "details.menu")+`.open = true, true)`)
		shotsTo(t, mod, shotsDir, "console-"+lang)
		step(t, mod, 10*time.Second, "a phone", chromedp.EmulateViewport(390, 900, chromedp.EmulateScale(1)))
		if !eval[bool](t, mod, 5*time.Second, `document.documentElement.scrollWidth <= innerWidth`) {
			t.Errorf("%s at 390 px: %d px wide: %s", lang, eval[int](t, mod, 5*time.Second, `document.documentElement.scrollWidth`), eval[string](t, mod, 5*time.Second, overflowing))
		}
		// Every panel at once, each actions menu open: still no overflow.
		eval[bool](t, mod, 5*time.Second, `(document.querySelectorAll("[role=tabpanel]").forEach((p) => (p.hidden = false)), document.querySelectorAll("details.menu").forEach((m) => (m.open = true)), true)`)
		if !eval[bool](t, mod, 5*time.Second, `document.documentElement.scrollWidth <= innerWidth`) {
			t.Errorf("%s at 390 px with every panel open: %d px wide: %s", lang, eval[int](t, mod, 5*time.Second, `document.documentElement.scrollWidth`), eval[string](t, mod, 5*time.Second, overflowing))
		}
		eval[bool](t, mod, 5*time.Second, `(window.scrollTo(0, document.documentElement.scrollHeight), true)`)
		press(t, mod, "go to the floor", "#console-nav a.to-floor")
		waitFor(t, mod, 5*time.Second, "the floor's heading focused, in view", focusIs("#floor-h")+` && `+inView("floor-h"))
	}
	step(t, mod, 10*time.Second, "a wide screen", chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))
}
