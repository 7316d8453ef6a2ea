package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// The console's panels, filled (someone muted, a question hidden and one
// held for review, the log, someone in the queue), in their tabs and then
// every panel and actions menu open at once, the confirmation dialog
// open, and the room with a held question of the viewer's own and a
// refused reaction's message: no axe violation, in English and Arabic.
func TestAxeFindsNoViolationsInTheConsolePanelsAndTheConfirmation(t *testing.T) {
	chromiumtest.Path(t)
	src := axeSource(t)
	c, f, aminaP, rajeshP := roomPair(t)
	n := startNode(t, c)
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
		checkAxe(t, mod, src, "moderator's console ("+lang+")")
		shots(t, mod, "console-"+lang)
		// Every panel open at once, a chat message's and a queued
		// person's actions menus open, the quick actions shown.
		eval[bool](t, mod, 5*time.Second, `(() => {
			document.querySelectorAll("[role=tabpanel]").forEach((p) => (p.hidden = false));
			document.querySelectorAll("#chat-log details.menu, #floor-queue details.menu").forEach((m) => (m.open = true));
			return document.querySelectorAll("[role=tabpanel]").length === 9 && !document.getElementById("shortcuts").hidden; })()`)
		checkAxe(t, mod, src, "moderator's console, every panel and menu open ("+lang+")")
		open(t, mod, n.URL+room+"/moderate?lang="+lang)
		waitLive(t, mod)
		eval[bool](t, mod, 5*time.Second, `(`+msgButton("Greetings from Nairobi", "banned")+`.click(), true)`)
		waitFor(t, mod, 5*time.Second, "the confirmation open", `document.getElementById("confirm-dialog")?.open === true`)
		checkAxe(t, mod, src, "moderator's console, confirming a ban ("+lang+")")
		shots(t, mod, "confirm-"+lang)
		step(t, mod, 5*time.Second, "close it", chromedp.KeyEvent(kb.Escape))

		open(t, part, n.URL+room+"?lang="+lang)
		waitLive(t, part)
		waitFor(t, part, 5*time.Second, "his question waiting", `document.querySelector("#qa-list .badge.waiting") !== null`)
		eval[bool](t, part, 5*time.Second, `(() => { const b = document.querySelector("#reactions button[data-kind=agree]"); b.click(); b.click(); return true; })()`)
		waitFor(t, part, 10*time.Second, "the refused reaction said", `document.getElementById("react-error").textContent !== ""`)
		checkAxe(t, part, src, "room with a held question and a refused reaction ("+lang+")")
		shots(t, part, "room-"+lang)
	}
}
