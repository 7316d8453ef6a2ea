package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// activeIn is a predicate: the keyboard's focus is on the element sel
// inside the item of list that holds text.
func activeIn(list, text, sel string) string {
	return `document.activeElement === ` + inItem(list, text, sel)
}

// describedAs is a predicate: the element expr names, through
// aria-describedby, an element whose text holds text.
func describedAs(expr, text string) string {
	return `(document.getElementById(` + expr + `.getAttribute("aria-describedby"))?.textContent ?? "").includes(` + js(text) + `)`
}

// The questions and the speaking queue are rebuilt from each event; a
// keyboard user stays on the control they were on (a participant's
// "Support", pressed with Enter; a moderator's "Decline", while someone
// else asks for the floor), moves to the row now in its place when theirs
// has gone, each of the many alike buttons says, to a screen reader, what
// it is about, and the moderator is told who has just asked for the floor.
func TestBrowserTheKeyboardStaysPutWhileTheQueueAndQuestionsChange(t *testing.T) {
	chromiumtest.Path(t)
	n := startNode(t, newCluster(t))
	session := liveSessionID(t, n)
	sid := strconv.FormatInt(session, 10)
	nonce := strconv.FormatInt(time.Now().UnixNano()%1e6, 36)
	question := "Who pays for the last mile " + nonce + "?"
	rajesh := joinRoom(t, n, session, signIn(t, n, "academic@demo.igf.example", demoPassword))
	sendAcked(t, rajesh, map[string]any{"type": "question.ask", "body": question})
	sendAcked(t, rajesh, map[string]any{"type": "floor.request", "mode": "online"})
	business := joinRoom(t, n, session, signIn(t, n, "business@demo.igf.example", demoPassword))
	sendAcked(t, business, map[string]any{"type": "floor.request", "mode": "online"})

	// Amina supports the question with the keyboard: the event that counts
	// her support rebuilds the question, and she is still on its button.
	amina := chromiumtest.New(t)
	enterAs(t, amina, n, "youth@demo.igf.example", "/sessions/"+sid)
	support := inItem("#qa-list li", question, `form.act:has(input[value="question.upvote"]) button`)
	waitFor(t, amina, 10*time.Second, "the question's Support names it", describedAs(support, question))
	eval[bool](t, amina, 5*time.Second, `(`+support+`.focus(), true)`)
	step(t, amina, 5*time.Second, "support with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, amina, 10*time.Second, "the support counted, the focus kept",
		inItem("#qa-list li", question, ".votes")+`.textContent.includes("1 supporter") && `+activeIn("#qa-list li", question, `form.act button[aria-pressed="true"]`))

	if eval[bool](t, amina, 5*time.Second, `document.getElementById("floor-news") !== null`) {
		t.Error("the participant's room has the moderator's floor news")
	}

	// The moderator is on Decline of the second request when a third
	// person asks: the queue is rebuilt and the focus stays; Enter declines
	// it, and the focus goes to the row now in its place.
	mod := chromiumtest.New(t)
	enterAs(t, mod, n, "moderator@demo.igf.example", "/sessions/"+sid+"/moderate")
	const businessName = "Sophie Martin"
	decline := inItem("#floor-queue li", businessName, `form.act:has(input[value="floor.decline"]) button`)
	waitFor(t, mod, 10*time.Second, "the second request's Decline names its person", describedAs(decline, businessName))
	eval[bool](t, mod, 5*time.Second, `(`+decline+`.focus(), true)`)
	const rows = `document.querySelectorAll("#floor-queue li")`
	waiting := eval[int](t, mod, 5*time.Second, rows+`.length`)
	at := eval[int](t, mod, 5*time.Second, `[...`+rows+`].findIndex((li) => li.textContent.includes(`+js(businessName)+`))`)
	tech := joinRoom(t, n, session, signIn(t, n, "tech@demo.igf.example", demoPassword))
	sendAcked(t, tech, map[string]any{"type": "floor.request", "mode": "online"})
	waitFor(t, mod, 10*time.Second, "one more waiting, the focus kept on Decline, the moderator told who asks",
		rows+`.length === `+strconv.Itoa(waiting+1)+` && `+activeIn("#floor-queue li", businessName, `form.act:has(input[value="floor.decline"]) button`)+
			` && `+textIs("floor-news", "Asking for the floor: Layla Haddad.")+` && document.getElementById("floor-news").getAttribute("role") === "status"`)
	step(t, mod, 5*time.Second, "decline with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, mod, 10*time.Second, "declined, the focus on the first button of the request now in its place",
		rows+`.length === `+strconv.Itoa(waiting)+` && document.activeElement === `+rows+`[`+strconv.Itoa(at)+`].querySelector("button")`)
}
