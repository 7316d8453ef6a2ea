package e2e

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// The moderator's console (#17): every restriction is undone, destructive
// actions ask first (a <dialog> with JavaScript, a page of its own
// without), the agenda moves on, stretches and reorders, questions are
// hidden or held for review, a refused reaction says so beside the
// reactions, and all of it is in the moderation log.

// msgButton is a JavaScript expression: the button of the chat message
// holding text whose form carries value (chat.remove, muted, banned…), in
// the message's actions menu, which it opens first with a click on the
// menu's summary, as a person would (the disclosure needs no script).
func msgButton(text, value string) string {
	return `((m) => { if (!m.open) m.querySelector("summary").click(); return m.querySelector(` +
		js(`form.act:has(input[value="`+value+`"]) button`) + `); })(` + inItem("#chat-log .msg", text, "details.menu") + `)`
}

// click runs a JavaScript click on the element expr finds.
func click(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	waitFor(t, ctx, 10*time.Second, "see where to "+what, expr+` != null`)
	eval[bool](t, ctx, 5*time.Second, `(() => { `+expr+`.click(); return true; })()`)
}

// dialogOpen is a predicate: the confirmation dialog is open and says ask.
func dialogOpen(ask string) string {
	return `document.getElementById("confirm-dialog")?.open === true && document.getElementById("confirm-text").textContent.startsWith(` + js(ask) + `)`
}

// confirmWith answers the open confirmation dialog: Yes, with reason typed
// first when it is not empty.
func confirmWith(t *testing.T, ctx context.Context, ask, reason string) {
	t.Helper()
	waitFor(t, ctx, 10*time.Second, "the dialog asks "+ask, dialogOpen(ask))
	if reason != "" {
		step(t, ctx, 5*time.Second, "type the reason", chromedp.SendKeys(chromedp.ID("confirm-reason"), reason))
	}
	eval[bool](t, ctx, 5*time.Second, `(document.querySelector("#confirm-dialog .yes").click(), true)`)
	waitFor(t, ctx, 5*time.Second, "the dialog closes", `!document.getElementById("confirm-dialog").open`)
}

// sessionState reads the session's state over the API.
func sessionState(t *testing.T, n *node, session int64, token string) string {
	t.Helper()
	var s struct {
		State string `json:"state"`
	}
	apiCall(t, n, token, http.MethodGet, "/api/sessions/"+strconv.FormatInt(session, 10), nil, &s)
	return s.State
}

func TestBrowserModeratorConfirmsUndoesAndRunsTheAgenda(t *testing.T) {
	chromiumtest.Path(t)
	start := time.Now()
	c, f, aminaP, rajeshP := roomPair(t)
	n := startNode(t, c)
	session := f.Session
	room := "/sessions/" + strconv.FormatInt(session, 10)
	modToken := signInAs(t, n, f.Moderator)
	amina := joinRoom(t, n, session, signInAs(t, n, aminaP))
	nonce := strconv.FormatInt(time.Now().UnixNano()%1e6, 36)

	mod, rajesh := chromiumtest.New(t), chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room+"/moderate")
	enterAs(t, rajesh, n, rajeshP.Email, room)
	post := func(what, body string) {
		t.Helper()
		step(t, rajesh, 10*time.Second, what, chromedp.SendKeys(chromedp.ID("chat-body"), body))
		press(t, rajesh, "send", "#chat-send")
		waitFor(t, mod, 10*time.Second, "the moderator sees "+what, countInLog(body)+` === 1`)
	}

	// Mute, then unmute with a reason: muting asks nothing.
	first := "Spectrum for rural areas " + nonce
	post("a first message", first)
	click(t, mod, "mute Rajesh", msgButton(first, "muted"))
	waitFor(t, rajesh, 10*time.Second, "Rajesh told he may not post", textIs("chat-error", "You may not post in this session's chat."))
	waitFor(t, mod, 10*time.Second, "Rajesh listed as muted, with Unmute", inItem("#restrictions li", "Rajesh Iyer", "button")+`?.textContent === "Unmute"`)
	eval[bool](t, mod, 5*time.Second, `(`+inItem("#restrictions li", "Rajesh Iyer", "input[name=reason]")+`.value = "Calmer now", true)`)
	click(t, mod, "unmute Rajesh", inItem("#restrictions li", "Rajesh Iyer", "button"))
	waitFor(t, rajesh, 10*time.Second, "Rajesh's error cleared", textIs("chat-error", ""))
	waitFor(t, mod, 10*time.Second, "nobody restricted any more", textHas("restrictions", "Nobody is muted, removed or banned."))
	second := "Back again " + nonce
	post("a message once unmuted", second)

	// Ban: the dialog asks first; Escape cancels, and nothing happens.
	click(t, mod, "ban Rajesh", msgButton(second, "banned"))
	waitFor(t, mod, 10*time.Second, "the dialog asks", dialogOpen("Ban this person from the session?")+` && `+focusIs("#confirm-reason"))
	step(t, mod, 5*time.Second, "cancel with Escape", chromedp.KeyEvent(kb.Escape))
	waitFor(t, mod, 5*time.Second, "the dialog closed, the focus back on Ban", `!document.getElementById("confirm-dialog").open && document.activeElement === `+msgButton(second, "banned"))
	if got := eval[string](t, mod, 5*time.Second, `document.getElementById("restrictions").textContent`); !strings.Contains(got, "Nobody is muted") {
		t.Fatalf("a cancelled ban restricted someone: %q", got)
	}
	click(t, mod, "ban Rajesh", msgButton(second, "banned"))
	confirmWith(t, mod, "Ban this person from the session?", "Advertising")
	waitFor(t, rajesh, 10*time.Second, "Rajesh's socket closed (4003)", textIs("conn-status", "You have been removed from this session's chat."))
	waitFor(t, mod, 10*time.Second, "Rajesh listed as banned, with Unban", inItem("#restrictions li", "Rajesh Iyer", "button")+`?.textContent === "Unban"`)
	if code := refusedStatus(t, n, session, signInAs(t, n, rajeshP)); code != http.StatusForbidden {
		t.Errorf("a banned participant opening the room: %d, want 403", code)
	}
	click(t, mod, "unban Rajesh", inItem("#restrictions li", "Rajesh Iyer", "button"))
	waitFor(t, mod, 10*time.Second, "nobody restricted", `document.getElementById("restrictions").textContent.includes("Nobody is muted")`)
	open(t, rajesh, n.URL+room+"?lang=en")
	waitLive(t, rajesh)
	third := "Thank you for letting me back " + nonce
	post("a message after the unban", third)

	// The log says who did what to whom, and why.
	waitFor(t, mod, 10*time.Second, "the log lists it all, newest first", `(() => {
		const rows = [...document.querySelectorAll("#modlog tbody tr")].map((r) => [...r.cells].slice(1).map((c) => c.textContent).join("|"));
		return rows.join("\n") === ["Mo Moderator|Unbanned|Rajesh Iyer|", "Mo Moderator|Banned|Rajesh Iyer|Advertising",
			"Mo Moderator|Unmuted|Rajesh Iyer|Calmer now", "Mo Moderator|Muted|Rajesh Iyer|"].join("\n");
	})()`)

	// A message removed: asked first.
	click(t, mod, "remove the message", msgButton(third, "chat.remove"))
	confirmWith(t, mod, "Remove this message for everyone?", "")
	waitFor(t, rajesh, 10*time.Second, "the message gone", countInLog(third)+` === 0`)

	// A question hidden with its reason: gone from the room, kept for the
	// moderators with why.
	offTopic := "Where is lunch " + nonce + "?"
	sendAcked(t, amina, map[string]any{"type": "question.ask", "body": offTopic})
	waitFor(t, rajesh, 10*time.Second, "Rajesh sees the question", `document.getElementById("qa-list").textContent.includes(`+js(offTopic)+`)`)
	waitFor(t, mod, 10*time.Second, "the moderator sees it", `document.getElementById("qa-list").textContent.includes(`+js(offTopic)+`)`)
	eval[bool](t, mod, 5*time.Second, `(`+inItem("#qa-list li", offTopic, "form.hide input[name=reason]")+`.value = "Off topic", true)`)
	click(t, mod, "hide it", inItem("#qa-list li", offTopic, "form.hide button"))
	waitFor(t, rajesh, 10*time.Second, "the question gone from the room", `!document.getElementById("qa-list").textContent.includes(`+js(offTopic)+`)`)
	waitFor(t, mod, 10*time.Second, "held for the moderators with its reason", inItem("#qa-review li", offTopic, ".badge")+`?.textContent === "Hidden: Off topic"`)

	// Questions reviewed first: Rajesh's waits, marked so for him only,
	// until the moderator lets it through.
	click(t, mod, "tick review questions", `document.querySelector("#room-settings input[type=checkbox][name=review_questions]")`)
	click(t, mod, "save the rules", `document.querySelector("#room-settings form button[type=submit]")`)
	waitFor(t, mod, 10*time.Second, "the rules saved", textIs("settings-note", "The room's rules are saved."))
	held := "Who pays for the last mile " + nonce + "?"
	step(t, rajesh, 10*time.Second, "write a question", chromedp.SendKeys(chromedp.ID("qa-body"), held))
	press(t, rajesh, "ask", `#qa-form button[type="submit"]`)
	waitFor(t, rajesh, 10*time.Second, "his question waits, for him", inItem("#qa-list li", held, ".badge.waiting")+`?.textContent === "Waiting for a moderator"`)
	waitFor(t, mod, 10*time.Second, "the moderator sees it waiting", inItem("#qa-review li", held, ".badge")+`?.textContent === "Waiting for review"`)
	if eval[bool](t, mod, 5*time.Second, `document.getElementById("qa-list").textContent.includes(`+js(held)+`)`) {
		t.Error("a held question is in the room's list")
	}
	click(t, mod, "let it through", inItem("#qa-review li", held, `form.act:has(input[value="question.release"]) button`))
	waitFor(t, mod, 10*time.Second, "the question in the room's list", `document.getElementById("qa-list").textContent.includes(`+js(held)+`)`)
	waitFor(t, rajesh, 10*time.Second, "no longer waiting for Rajesh", inItem("#qa-list li", held, ".votes")+` != null && `+inItem("#qa-list li", held, ".badge.waiting")+` == null`)

	// A refused vote (a second one) says so beside its question.
	click(t, rajesh, "support the question", inItem("#qa-list li", held, `form.act:has(input[value="question.upvote"]) button`))
	waitFor(t, rajesh, 10*time.Second, "the support counted", inItem("#qa-list li", held, ".votes")+`.textContent === "1 supporter"`)
	click(t, rajesh, "support it again", inItem("#qa-list li", held, `form.act:has(input[value="question.upvote"]) button`))
	waitFor(t, rajesh, 10*time.Second, "the refusal beside the question", inItem("#qa-list li", held, ".error[role=alert]")+`?.textContent.startsWith("This cannot be done now")`)
	if got := eval[string](t, rajesh, 5*time.Second, `document.getElementById("qa-error").textContent + document.getElementById("chat-error").textContent`); got != "" {
		t.Errorf("the refused vote shows away from its question: %q", got)
	}

	// A second reaction within a second: its own message, beside the
	// reactions, not under the chat box.
	eval[bool](t, rajesh, 5*time.Second, `(() => { const b = document.querySelector("#reactions button[data-kind=applause]"); b.click(); b.click(); return true; })()`)
	waitFor(t, rajesh, 10*time.Second, "the refusal beside the reactions", textIs("react-error", "One reaction a second: wait a moment."))
	if got := eval[string](t, rajesh, 5*time.Second, `document.getElementById("chat-error").textContent`); got != "" {
		t.Errorf("the refused reaction shows under the chat box: %q", got)
	}

	// The agenda: next item (no "Start this item" on it), five more
	// minutes, and the last item moved up.
	click(t, mod, "start the next item", `document.querySelector("#agenda form.act:has(input[value='agenda.next']) button")`)
	waitFor(t, rajesh, 10*time.Second, "the first item under way", textIs("timebox-item", "Now: \u2068Opening\u2069"))
	waitFor(t, mod, 10*time.Second, "no Start on the item under way", `document.querySelector("#agenda-list li[aria-current] form.act:has(input[value='agenda.start'])").hidden`)
	eval[bool](t, mod, 5*time.Second, `(document.getElementById("extend-minutes").value = "5", true)`)
	click(t, mod, "extend the item", `document.querySelector("#agenda-extend button")`)
	waitFor(t, rajesh, 10*time.Second, "the item's time box is 25 minutes", `document.querySelector("#agenda-list li[aria-current] .minutes").textContent === "(25 minutes)"`+
		` && /^2[45]:\d\d left$/.test(document.getElementById("timebox-left").textContent)`)
	click(t, mod, "move Conclusions up", inItem("#agenda-list li", "Conclusions", "form.move-up button"))
	order := `[...document.querySelectorAll("#agenda-list li .title")].map((e) => e.textContent).join(",")`
	waitFor(t, rajesh, 10*time.Second, "the room sees the new order", order+` === "Opening,Conclusions,Discussion"`)
	waitFor(t, mod, 10*time.Second, "the moves renumbered: the started item stays", order+` === "Opening,Conclusions,Discussion"`+
		` && `+inItem("#agenda-list li", "Conclusions", "form.move-up")+`.hidden && !`+inItem("#agenda-list li", "Conclusions", "form.move-down")+`.hidden`)
	click(t, mod, "start the next item", `document.querySelector("#agenda form.act:has(input[value='agenda.next']) button")`)
	waitFor(t, rajesh, 10*time.Second, "the moved item is next", textIs("timebox-item", "Now: \u2068Conclusions\u2069"))

	// Ending asks first, by keyboard: Enter opens the dialog with the focus
	// on Cancel; Shift+Tab reaches Yes.
	keyOn(t, mod, "end the session", `#moves form.act:has(input[value=ended]) button`, kb.Enter)
	waitFor(t, mod, 10*time.Second, "the dialog asks, Cancel focused", dialogOpen("End the session for everyone?")+` && `+focusIs("#confirm-dialog .no"))
	step(t, mod, 5*time.Second, "cancel with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, mod, 5*time.Second, "the dialog closed", `!document.getElementById("confirm-dialog").open`)
	if s := sessionState(t, n, session, modToken); s != "live" {
		t.Fatalf("after Cancel the session is %q", s)
	}
	keyOn(t, mod, "end the session", `#moves form.act:has(input[value=ended]) button`, kb.Enter)
	waitFor(t, mod, 10*time.Second, "the dialog asks again", dialogOpen("End the session for everyone?"))
	step(t, mod, 5*time.Second, "Shift+Tab to Yes, Enter", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)), chromedp.KeyEvent(kb.Enter))
	waitFor(t, mod, 15*time.Second, "the page comes back ended, offering to reopen", `document.getElementById("session-state")?.classList.contains("state-ended")`+
		` && document.querySelector("#moves form.act:has(input[value=live]) button")?.textContent === "Reopen the session"`)
	if s := sessionState(t, n, session, modToken); s != "ended" {
		t.Fatalf("after Yes the session is %q", s)
	}
	waitLive(t, mod)
	click(t, mod, "reopen", `document.querySelector("#moves form.act:has(input[value=live]) button")`)
	waitFor(t, mod, 15*time.Second, "the session live again", `document.getElementById("session-state")?.classList.contains("state-live")`)
	t.Logf("done in %s", time.Since(start).Round(time.Millisecond))
}

// axeNoScript runs axe on a page loaded with JavaScript off: scripts go
// on only for the check (axe needs timers), the page's own having not run.
func axeNoScript(t *testing.T, ctx context.Context, src, page string) {
	t.Helper()
	scripts(t, ctx, true)
	defer scripts(t, ctx, false)
	chromiumtest.CheckAxe(t, ctx, src, page)
}

// Without JavaScript the same console works with plain form posts (every
// panel on the page, the actions menus opened without a script): a ban,
// a removal or the end of the session comes back as a page that asks to
// confirm (with the reason, for a ban), Cancel goes back with nothing done.
func TestBrowserModeratorConsoleWorksWithoutJavaScript(t *testing.T) {
	src, n, f, aminaP, rajeshP := axeRoom(t)
	session := f.Session
	modPage := "/sessions/" + strconv.FormatInt(session, 10) + "/moderate"
	modToken := signInAs(t, n, f.Moderator)
	amina := joinRoom(t, n, session, signInAs(t, n, aminaP))
	rajesh := joinRoom(t, n, session, signInAs(t, n, rajeshP))
	nonce := strconv.FormatInt(time.Now().UnixNano()%1e6, 36)
	msg := "Spectrum for rural areas " + nonce
	sendAcked(t, rajesh, map[string]any{"type": "chat.send", "body": msg})
	offTopic := "Where is lunch " + nonce + "?"
	sendAcked(t, amina, map[string]any{"type": "question.ask", "body": offTopic})

	mod := noScript(t)
	signInOn(t, mod, n, f.Moderator.Email, modPage)
	if eval[bool](t, mod, 5*time.Second, `document.getElementById("conn-status").textContent.includes("Connected")`) {
		t.Fatal("the page's script ran: JavaScript is not off")
	}
	// Every panel is on the page, the bar's links jump to them, and the
	// quick actions, which need the script, are not offered.
	if !eval[bool](t, mod, 5*time.Second, `document.querySelectorAll("#console-tabs a[href^='#panel-']").length === 9 && document.querySelectorAll(".panel[hidden], [role=tab]").length === 0 && document.getElementById("shortcuts").hidden`) {
		t.Error("without JavaScript the console's panels are not all shown as jump links' targets")
	}
	axeNoScript(t, mod, src, "the console without JavaScript (en)")
	back := func(what, pred string) {
		t.Helper()
		waitFor(t, mod, 15*time.Second, what, `location.pathname === `+js(modPage)+` && `+pred)
	}
	confirmPage := func(ask string) {
		t.Helper()
		waitFor(t, mod, 15*time.Second, "the page asks "+ask, `document.querySelector("h1")?.textContent === "Please confirm" && document.getElementById("confirm-q")?.textContent.startsWith(`+js(ask)+`)`)
	}

	// Mute and unmute.
	click(t, mod, "mute Rajesh", msgButton(msg, "muted"))
	back("Rajesh listed as muted", inItem("#restrictions li", "Rajesh Iyer", "button")+`?.textContent === "Unmute"`)
	click(t, mod, "unmute him", inItem("#restrictions li", "Rajesh Iyer", "button"))
	back("nobody restricted", textHas("restrictions", "Nobody is muted"))

	// Ban: a page asks, with the reason; Yes bans, his socket closes.
	click(t, mod, "ban Rajesh", msgButton(msg, "banned"))
	confirmPage("Ban this person from the session?")
	axeNoScript(t, mod, src, "the confirmation page (en)")
	shots(t, mod, "confirm-page-en")
	step(t, mod, 5*time.Second, "give the reason", chromedp.SendKeys(chromedp.ID("confirm-reason"), "Advertising"))
	click(t, mod, "say yes", `document.querySelector("form.confirm button[type=submit]")`)
	back("Rajesh listed as banned", inItem("#restrictions li", "Rajesh Iyer", "button")+`?.textContent === "Unban"`)
	if code := closeCode(t, rajesh, 10*time.Second); code != 4003 {
		t.Errorf("the banned participant's socket closed with %d, want 4003", code)
	}
	click(t, mod, "unban him", inItem("#restrictions li", "Rajesh Iyer", "button"))
	back("nobody restricted", textHas("restrictions", "Nobody is muted"))
	rajesh = joinRoom(t, n, session, signInAs(t, n, rajeshP)) // back in
	back("the log says so", `[...document.querySelectorAll("#modlog tbody tr")].map((r) => r.cells[2].textContent + "|" + r.cells[4].textContent).join(",") ===
		"Unbanned|,Banned|Advertising,Unmuted|,Muted|"`)

	// The agenda: next, five more minutes, the last item up.
	click(t, mod, "start the next item", `document.querySelector("#agenda form.act:has(input[value='agenda.next']) button")`)
	back("the first item under way, without its Start", `document.querySelector("#agenda-list li[aria-current] .title")?.textContent === "Opening"`+
		` && document.querySelector("#agenda-list li[aria-current] form.act:has(input[value='agenda.start'])").hidden`)
	click(t, mod, "extend it", `document.querySelector("#agenda-extend button")`)
	back("25 minutes", `document.querySelector("#agenda-list li[aria-current] .minutes")?.textContent === "(25 minutes)"`)
	click(t, mod, "move Conclusions up", inItem("#agenda-list li", "Conclusions", "form.move-up button"))
	back("the new order", `[...document.querySelectorAll("#agenda-list li .title")].map((e) => e.textContent).join(",") === "Opening,Conclusions,Discussion"`)

	// A question hidden with its reason, then shown again.
	eval[bool](t, mod, 5*time.Second, `(`+inItem("#qa-list li", offTopic, "form.hide input[name=reason]")+`.value = "Off topic", true)`)
	click(t, mod, "hide the question", inItem("#qa-list li", offTopic, "form.hide button"))
	back("hidden, with its reason", inItem("#qa-review li", offTopic, ".badge")+`?.textContent === "Hidden: Off topic"`+
		` && !document.getElementById("qa-list").textContent.includes(`+js(offTopic)+`)`)
	click(t, mod, "show it again", inItem("#qa-review li", offTopic, `form.act:has(input[value="question.release"]) button`))
	back("back in the room's list", `document.getElementById("qa-list").textContent.includes(`+js(offTopic)+`)`)

	// Ending asks; Cancel goes back with the session live; Yes ends it,
	// and it can be reopened.
	click(t, mod, "end the session", `document.querySelector("#moves form.act:has(input[value=ended]) button")`)
	confirmPage("End the session for everyone?")
	click(t, mod, "cancel", `document.querySelector("form.confirm a")`)
	back("the session still live", `document.getElementById("session-state").classList.contains("state-live")`)
	click(t, mod, "end the session", `document.querySelector("#moves form.act:has(input[value=ended]) button")`)
	confirmPage("End the session for everyone?")
	click(t, mod, "say yes", `document.querySelector("form.confirm button[type=submit]")`)
	back("ended, with Reopen", `document.getElementById("session-state").classList.contains("state-ended")`)
	if s := sessionState(t, n, session, modToken); s != "ended" {
		t.Fatalf("the session is %q after Yes", s)
	}
	click(t, mod, "reopen", `document.querySelector("#moves form.act:has(input[value=live]) button")`)
	back("live again", `document.getElementById("session-state").classList.contains("state-live")`)

	// The confirmation page in Arabic, right to left.
	open(t, mod, n.URL+modPage+"?lang=ar")
	click(t, mod, "ban Rajesh", msgButton(msg, "banned"))
	waitFor(t, mod, 15*time.Second, "the page asks, in Arabic", `document.documentElement.dir === "rtl" && document.getElementById("confirm-q")?.textContent.startsWith("حظر هذا الشخص")`)
	axeNoScript(t, mod, src, "the confirmation page (ar)")
	shots(t, mod, "confirm-page-ar")
}

// The console's panels, filled (someone muted, a question hidden and one
// held for review, the log, someone in the queue), in their tabs and then
// every panel and actions menu open at once, the confirmation dialog
// open, and the room with a held question of the viewer's own and a
// refused reaction's message: no axe violation, in English and Arabic.
func TestAxeFindsNoViolationsInTheConsolePanelsAndTheConfirmation(t *testing.T) {
	src, n, f, aminaP, rajeshP := axeRoom(t)
	session := f.Session
	room := "/sessions/" + strconv.FormatInt(session, 10)
	amina := joinRoom(t, n, session, signInAs(t, n, aminaP))
	moderator := joinRoom(t, n, session, signInAs(t, n, f.Moderator))
	sendAcked(t, amina, map[string]any{"type": "chat.send", "body": "Greetings from Nairobi"})
	sendAcked(t, amina, map[string]any{"type": "question.ask", "body": "Where is lunch?"})
	q := await(t, moderator, func(f wsFrame) bool { return f.Kind == "question.changed" })
	sendAcked(t, moderator, map[string]any{"type": "question.hide", "question_id": q.Data.ID, "reason": "Off topic"})
	sendAcked(t, moderator, map[string]any{"type": "participant.restrict", "account_id": aminaP.ID, "restriction": "muted", "reason": "Shouting"})
	sendAcked(t, moderator, map[string]any{"type": "session.settings", "review_questions": true})
	rajesh := joinRoom(t, n, session, signInAs(t, n, rajeshP))
	sendAcked(t, rajesh, map[string]any{"type": "question.ask", "body": "Who pays for the last mile?", "anonymous": true})
	sendAcked(t, moderator, map[string]any{"type": "agenda.next"})
	sendAcked(t, rajesh, map[string]any{"type": "floor.request", "mode": "online"})

	mod, part := chromiumtest.New(t), chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room+"/moderate")
	enterAs(t, part, n, rajeshP.Email, room)
	for _, lang := range []string{"en", "ar"} {
		open(t, mod, n.URL+room+"/moderate?lang="+lang)
		waitLive(t, mod)
		waitFor(t, mod, 5*time.Second, "the panels filled", `document.querySelectorAll("#qa-review li").length === 2 && document.querySelector("#restrictions li") !== null && document.querySelector("#modlog tbody tr") !== null`)
		chromiumtest.CheckAxe(t, mod, src, "moderator's console ("+lang+")")
		shots(t, mod, "console-"+lang)
		// Every panel open at once, a chat message's and a queued
		// person's actions menus open, the quick actions shown.
		eval[bool](t, mod, 5*time.Second, `(() => {
			document.querySelectorAll("[role=tabpanel]").forEach((p) => (p.hidden = false));
			document.querySelectorAll("#chat-log details.menu, #floor-queue details.menu").forEach((m) => (m.open = true));
			return document.querySelectorAll("[role=tabpanel]").length === 9 && !document.getElementById("shortcuts").hidden; })()`)
		chromiumtest.CheckAxe(t, mod, src, "moderator's console, every panel and menu open ("+lang+")")
		open(t, mod, n.URL+room+"/moderate?lang="+lang)
		waitLive(t, mod)
		eval[bool](t, mod, 5*time.Second, `(`+msgButton("Greetings from Nairobi", "banned")+`.click(), true)`)
		waitFor(t, mod, 5*time.Second, "the confirmation open", `document.getElementById("confirm-dialog")?.open === true`)
		chromiumtest.CheckAxe(t, mod, src, "moderator's console, confirming a ban ("+lang+")")
		shots(t, mod, "confirm-"+lang)
		step(t, mod, 5*time.Second, "close it", chromedp.KeyEvent(kb.Escape))

		open(t, part, n.URL+room+"?lang="+lang)
		waitLive(t, part)
		waitFor(t, part, 5*time.Second, "his question waiting", `document.querySelector("#qa-list .badge.waiting") !== null`)
		eval[bool](t, part, 5*time.Second, `(() => { const b = document.querySelector("#reactions button[data-kind=agree]"); b.click(); b.click(); return true; })()`)
		waitFor(t, part, 10*time.Second, "the refused reaction said", `document.getElementById("react-error").textContent !== ""`)
		chromiumtest.CheckAxe(t, part, src, "room with a held question and a refused reaction ("+lang+")")
		shots(t, part, "room-"+lang)
	}
}
