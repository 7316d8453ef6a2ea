package e2e

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// The live room in three browsers against a real node: participants ask for
// the floor and see their place, the moderator runs the queue from the
// moderator's page, questions gain support and are answered, a removed
// message goes from every screen, reactions are counted, and a banned
// participant stays out.

// enterAs signs a fresh browser in through the sign-in form and lands on
// page (a path), waiting for its live connection.
func enterAs(t *testing.T, ctx context.Context, n *node, email, page string) {
	t.Helper()
	signInOn(t, ctx, n, email, page)
	waitFor(t, ctx, 10*time.Second, "the room on "+page, `document.getElementById("chat-log") !== null`)
	waitLive(t, ctx)
}

// press clicks the first button matching sel (the element's own click: a
// layout shift cannot move it), failing when there is none.
func press(t *testing.T, ctx context.Context, what, sel string) {
	t.Helper()
	waitFor(t, ctx, 10*time.Second, "see the button to "+what, `document.querySelector(`+js(sel)+`) !== null`)
	if !eval[bool](t, ctx, 5*time.Second, `(() => { const b = document.querySelector(`+js(sel)+`); b.click(); return true; })()`) {
		t.Fatalf("%s: no %s", what, sel)
	}
}

// textIs is a predicate: the text of the element with id is want.
func textIs(id, want string) string {
	return `(document.getElementById(` + js(id) + `)?.textContent ?? "").trim() === ` + js(want)
}

// inQueue is a predicate: the n-th waiting request names who.
func inQueue(n int, who string) string {
	return `(document.querySelectorAll("#floor-queue li")[` + strconv.Itoa(n-1) + `]?.textContent ?? "").includes(` + js(who) + `)`
}

// speakingLimit sets the session's speaking limit and warning through the
// moderator's own socket (moderator is their token), as a moderator's
// client would.
func speakingLimit(t *testing.T, n *node, session int64, moderator string, limit, warnAt int) {
	t.Helper()
	conn := joinRoom(t, n, session, moderator)
	send(t, conn, map[string]any{"type": "session.settings", "ref": "limit", "speaking_limit_s": limit, "warn_at_s": warnAt})
	if f := await(t, conn, func(f wsFrame) bool { return f.Ref == "limit" }); f.Type != "ack" {
		t.Fatalf("session.settings: %+v", f)
	}
}

func TestBrowserRoomQueueQuestionsModerationAndBan(t *testing.T) {
	chromiumtest.Path(t) // skip (fail under CI, skip under -short) before starting anything
	start := time.Now()
	c, f, aminaP, rajeshP := roomPair(t)
	n := startNode(t, c)
	session := f.Session
	room := "/sessions/" + strconv.FormatInt(session, 10)
	speakingLimit(t, n, session, signInAs(t, n, f.Moderator), 10, 3)

	mod, amina, rajesh := chromiumtest.New(t), chromiumtest.New(t), chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room+"/moderate")
	enterAs(t, amina, n, aminaP.Email, room)
	enterAs(t, rajesh, n, rajeshP.Email, room)
	t.Logf("three browsers in after %s", time.Since(start).Round(time.Millisecond))

	// The moderator starts the first agenda item: everyone sees its time box.
	press(t, mod, "start the first item", `#agenda-list li form.act button`)
	waitFor(t, amina, 10*time.Second, "the item under way and its time left",
		textIs("timebox-item", "Now: \u2068Opening\u2069")+` && /^\d+:\d\d left$/.test(document.getElementById("timebox-left").textContent)`)

	// Amina asks for the floor from the room; then Rajesh raises a point of
	// order, which goes before her.
	step(t, amina, 5*time.Second, "choose onsite", chromedp.Click(chromedp.CSS(`#floor-request input[value="onsite"]`)))
	press(t, amina, "ask for the floor", `#floor-request button[type="submit"]`)
	waitFor(t, amina, 10*time.Second, "Amina is first", textIs("floor-mine", "You are number 1 in the queue."))
	step(t, rajesh, 5*time.Second, "tick point of order", chromedp.Click(chromedp.CSS(`#floor-request input[name="point_of_order"]`)))
	press(t, rajesh, "ask for the floor", `#floor-request button[type="submit"]`)
	waitFor(t, rajesh, 10*time.Second, "the point of order goes first", textIs("floor-mine", "You are number 1 in the queue."))
	waitFor(t, amina, 10*time.Second, "Amina moves to second", textIs("floor-mine", "You are number 2 in the queue."))
	if live := eval[string](t, amina, 5*time.Second, `document.getElementById("floor-mine").getAttribute("role")`); live != "status" {
		t.Errorf("the queue position is in role=%q, want status", live)
	}
	waitFor(t, mod, 10*time.Second, "the moderator sees both, the point of order first", inQueue(1, "Rajesh Iyer")+` && `+inQueue(2, "Amina Yusuf"))

	// The moderator gives Rajesh the floor: his timer runs and warns.
	press(t, mod, "give Rajesh the floor", `#floor-queue li:first-child .controls button`)
	waitFor(t, rajesh, 10*time.Second, "Rajesh has the floor", textIs("floor-mine", "You have the floor."))
	waitFor(t, amina, 10*time.Second, "Amina is next", textIs("floor-mine", "You are number 1 in the queue.")+
		` && document.getElementById("floor-speaker").textContent.includes("Rajesh Iyer")`)
	first := eval[string](t, amina, 5*time.Second, `document.getElementById("speaker-timer").textContent`)
	waitFor(t, amina, 10*time.Second, "the timer runs and warns before the 10 s limit",
		`document.getElementById("speaker-timer").classList.contains("warn") && document.getElementById("floor-alert").textContent.endsWith("of speaking time left.")`)
	if later := eval[string](t, amina, 5*time.Second, `document.getElementById("speaker-timer").textContent`); later == first {
		t.Errorf("the speaker's timer stood still at %q", first)
	} else {
		t.Logf("speaker timer %q, then %q", first, later)
	}

	// End his turn; the next speaker follows.
	press(t, mod, "end Rajesh's turn", `#floor-speaker form.act button`)
	waitFor(t, mod, 10*time.Second, "Rajesh's turn is over", `!document.getElementById("floor-speaker").textContent.includes("Rajesh Iyer")`)
	press(t, mod, "give Amina the floor", `#floor-queue li:first-child .controls button`)
	waitFor(t, amina, 10*time.Second, "Amina has the floor", textIs("floor-mine", "You have the floor."))
	waitFor(t, rajesh, 10*time.Second, "Rajesh sees Amina speaking", `document.getElementById("floor-speaker").textContent.includes("Amina Yusuf")`+
		` && `+textIs("floor-mine", "You have not asked for the floor."))
	press(t, mod, "end Amina's turn", `#floor-speaker form.act button`)

	// Applause is counted for the room, never by name.
	press(t, rajesh, "applaud", `#reactions button[data-kind="applause"]`)
	waitFor(t, amina, 10*time.Second, "Amina sees the applause counted", textIs("react-applause", "1"))

	// A question gains support and is marked answered.
	question := "Who pays for community networks? " + strconv.FormatInt(time.Now().UnixNano(), 36)
	step(t, amina, 5*time.Second, "write a question", chromedp.SendKeys(chromedp.ID("qa-body"), question))
	press(t, amina, "ask", `#qa-form button[type="submit"]`)
	waitFor(t, amina, 10*time.Second, "the form clears once asked", `document.getElementById("qa-body").value === ""`)
	qsel := `[...document.querySelectorAll("#qa-list li")].find((li) => li.textContent.includes(` + js(question) + `))`
	waitFor(t, rajesh, 10*time.Second, "Rajesh sees the question", qsel+` !== undefined`)
	eval[bool](t, rajesh, 5*time.Second, `(`+qsel+`.querySelector("button[aria-pressed]").click(), true)`)
	waitFor(t, rajesh, 10*time.Second, "his support is pressed and counted",
		qsel+`?.querySelector("button[aria-pressed]")?.getAttribute("aria-pressed") === "true" && `+qsel+`.querySelector(".votes").textContent === "1 supporter"`)
	waitFor(t, mod, 10*time.Second, "the moderator sees the support", qsel+`?.querySelector(".votes")?.textContent === "1 supporter"`)
	eval[bool](t, mod, 5*time.Second, `([...`+qsel+`.querySelectorAll(".controls button")].find((b) => b.textContent === "Mark answered").click(), true)`)
	waitFor(t, amina, 10*time.Second, "Amina sees it answered", qsel+`?.classList.contains("answered") && `+qsel+`.textContent.includes("Answered")`)

	// The moderator removes a message: it goes from every screen.
	advert := "Buy cheap followers " + strconv.FormatInt(time.Now().UnixNano(), 36)
	step(t, rajesh, 10*time.Second, "post an advert", chromedp.SendKeys(chromedp.ID("chat-body"), advert))
	press(t, rajesh, "send", "#chat-send")
	for _, b := range []context.Context{amina, rajesh, mod} {
		waitFor(t, b, 10*time.Second, "the advert shows", countInLog(advert)+` === 1`)
	}
	eval[bool](t, mod, 5*time.Second, `(`+msgButton(advert, "chat.remove")+`.click(), true)`)
	confirmWith(t, mod, "Remove this message for everyone?", "")
	for _, b := range []context.Context{amina, rajesh, mod} {
		waitFor(t, b, 10*time.Second, "the removed message disappears", countInLog(advert)+` === 0`)
	}

	// The moderator bans Rajesh from his next message: his page is closed
	// and he cannot come back, even by reloading.
	again := "Still here " + strconv.FormatInt(time.Now().UnixNano(), 36)
	step(t, rajesh, 10*time.Second, "post again", chromedp.SendKeys(chromedp.ID("chat-body"), again))
	press(t, rajesh, "send", "#chat-send")
	waitFor(t, mod, 10*time.Second, "the moderator sees it", countInLog(again)+` === 1`)
	eval[bool](t, mod, 5*time.Second, `(`+msgButton(again, "banned")+`.click(), true)`)
	confirmWith(t, mod, "Ban this person from the session?", "")
	waitFor(t, rajesh, 10*time.Second, "Rajesh is told he was removed", textIs("conn-status", "You have been removed from this session's chat."))
	sctx, cancel := context.WithTimeout(rajesh, 15*time.Second)
	defer cancel()
	resp, err := chromedp.Run(sctx, chromedp.NavigateResponse(n.URL+room))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusForbidden {
		t.Errorf("a banned participant reloading the room: status %d, want 403", resp.Status)
	}
	if h1 := eval[string](t, rajesh, 5*time.Second, `document.querySelector("h1")?.textContent ?? ""`); h1 != "Not allowed" {
		t.Errorf("the banned participant sees %q, want the 403 page", h1)
	}
	t.Logf("done in %s", time.Since(start).Round(time.Millisecond))
}
