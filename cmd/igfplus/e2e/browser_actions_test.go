package e2e

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/hub/roomclient"
)

// With JavaScript on, every kind of action form on a live session's room
// page and moderator's page is clicked, its message read off the page's
// socket through the DevTools protocol: each must go out with its type,
// be acknowledged (no error frame), and change the page. The moderator
// opens a poll from the page and closes it, and the poll has a result.

// socketFrames are the room frames a page sent, and the acks and errors it
// received by ref.
type socketFrames struct {
	mu      sync.Mutex
	sent    []map[string]any
	answers map[string]map[string]any
	// refused are the error frames that answer a message sent without a
	// ref (reactions are sent so).
	refused []map[string]any
}

// watchSocket records the room frames of the browser tab ctx.
func watchSocket(t *testing.T, ctx context.Context) *socketFrames {
	t.Helper()
	s := &socketFrames{answers: map[string]map[string]any{}}
	// chromedp enables the Network domain on every tab; the listener only
	// stores, as it must (it runs in the tab's reading loop).
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventWebSocketFrameSent:
			s.add(string(e.Response.PayloadData), true)
		case *network.EventWebSocketFrameReceived:
			s.add(string(e.Response.PayloadData), false)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *socketFrames) add(payload string, sent bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, line := range strings.Split(payload, "\n") {
		var f map[string]any
		if json.Unmarshal([]byte(line), &f) != nil {
			continue
		}
		ref, _ := f["ref"].(string)
		switch {
		case sent:
			s.sent = append(s.sent, f)
		case (f["type"] == "ack" || f["type"] == "error") && ref != "":
			s.answers[ref] = f
		case f["type"] == "error":
			s.refused = append(s.refused, f)
		}
	}
}

// after returns the frames sent after the first n, and the answer to ref.
func (s *socketFrames) after(n int, ref string) ([]map[string]any, map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent[n:]), s.answers[ref]
}

func (s *socketFrames) refusedSince(n int) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.refused[n:])
}

func (s *socketFrames) count() (sent, refused int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sent), len(s.refused)
}

// acted runs click (a JavaScript statement that submits a form or clicks
// its button) and waits until the page has sent a typ message and the
// server acknowledged it; a frame without a type, or an error frame, fails
// the test with what the server said. A message sent without a ref (a
// reaction) has no ack to wait for: no error may come within a second.
func acted(t *testing.T, ctx context.Context, s *socketFrames, done map[string]bool, typ, what, click string) {
	t.Helper()
	n, refused := s.count()
	eval[bool](t, ctx, 5*time.Second, `(() => { `+click+`; return true; })()`)
	ref, found := "", false
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		sent, answer := s.after(n, ref)
		for _, f := range sent {
			if f["type"] == nil || f["type"] == "" {
				t.Fatalf("%s: the page sent %v, with no type", what, f)
			}
			if f["type"] == typ && !found {
				ref, _ = f["ref"].(string)
				found = true
			}
		}
		if found && ref == "" {
			time.Sleep(time.Second)
			if errs := s.refusedSince(refused); len(errs) > 0 {
				t.Fatalf("%s: the server refused %s: %v", what, typ, errs)
			}
			done[typ] = true
			return
		}
		if answer != nil {
			if answer["type"] == "error" {
				t.Fatalf("%s: the server refused %s: %v %v", what, typ, answer["code"], answer["message"])
			}
			done[typ] = true
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: no acknowledged %s within 10 s (ref %q)\n%s", what, typ, ref, pageState(ctx))
}

// formTypes lists the action types of the page's action forms, hidden ones
// included.
func formTypes(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, 5*time.Second,
		`[...new Set([...document.querySelectorAll("form.act")].map((f) => f.elements.namedItem("type")?.value ?? "(none)"))]`)
}

// inItem is a JavaScript expression: the first element matching sel inside
// the element matching item whose text includes text.
func inItem(item, text, sel string) string {
	return `[...document.querySelectorAll(` + js(item) + `)].find((e) => e.textContent.includes(` + js(text) + `)).querySelector(` + js(sel) + `)`
}

// sendAcked sends a room message on conn and fails the test unless it is
// acknowledged.
func sendAcked(t *testing.T, conn *roomclient.Conn, frame map[string]any) {
	t.Helper()
	if r := request(t, conn, frame); !r.OK {
		t.Fatalf("fixture %v: %v", frame, r.Err())
	}
}

func TestBrowserEveryActionFormIsSentTypedAndAccepted(t *testing.T) {
	chromiumtest.Path(t)
	start := time.Now()
	n := startNode(t, newCluster(t))
	session := liveSessionID(t, n)
	sid := strconv.FormatInt(session, 10)
	room, modPage := "/sessions/"+sid, "/sessions/"+sid+"/moderate"
	nonce := strconv.FormatInt(time.Now().UnixNano()%1e6, 36)
	recTitle := "Community networks first " + nonce
	draftRecommendation(t, n, session, recTitle)

	// Rajesh's message, question and floor request, sent over his socket,
	// are what the others act on.
	rajeshMsg, rajeshQ := "Spectrum for rural areas "+nonce, "Who pays for the last mile "+nonce+"?"
	rajesh := joinRoom(t, n, session, signIn(t, n, "academic@demo.igf.example", demoPassword))
	sendAcked(t, rajesh, map[string]any{"type": "chat.send", "body": rajeshMsg})
	sendAcked(t, rajesh, map[string]any{"type": "question.ask", "body": rajeshQ})
	sendAcked(t, rajesh, map[string]any{"type": "floor.request", "mode": "online"})

	amina, mod := chromiumtest.New(t), chromiumtest.New(t)
	af, mf := watchSocket(t, amina), watchSocket(t, mod)
	enterAs(t, amina, n, "youth@demo.igf.example", room)
	enterAs(t, mod, n, "moderator@demo.igf.example", modPage)
	done := map[string]bool{}
	present := map[string]bool{}
	// Destructive actions ask first: Yes in the dialog sends them.
	const yes = `document.querySelector("#confirm-dialog[open] .yes").click()`
	note := func(ctx context.Context) {
		for _, typ := range formTypes(t, ctx) {
			present[typ] = true
		}
	}
	note(amina)
	note(mod)

	// The participant's forms, on the room page.
	acted(t, amina, af, done, "floor.request", "ask for the floor", `document.querySelector("#floor-request button[type=submit]").click()`)
	waitFor(t, amina, 10*time.Second, "her place in the queue", `document.getElementById("floor-mine").textContent.includes("You are number")`)
	note(amina)
	acted(t, amina, af, done, "floor.withdraw", "withdraw", `document.querySelector("#floor-withdraw button").click()`)
	waitFor(t, amina, 10*time.Second, "the request withdrawn", textIs("floor-mine", "You have not asked for the floor."))
	acted(t, amina, af, done, "floor.request", "ask for the floor again", `document.querySelector("#floor-request button[type=submit]").click()`)
	waitFor(t, amina, 10*time.Second, "her place again", `document.getElementById("floor-mine").textContent.includes("You are number")`)

	aminaQ := "Can hubs share spectrum " + nonce + "?"
	acted(t, amina, af, done, "question.ask", "ask a question",
		`document.getElementById("qa-body").value = `+js(aminaQ)+`; document.querySelector("#qa-form button[type=submit]").click()`)
	waitFor(t, amina, 10*time.Second, "her question listed", `document.getElementById("qa-list").textContent.includes(`+js(aminaQ)+`)`)
	acted(t, amina, af, done, "question.upvote", "support Rajesh's question", inItem("#qa-list li", rajeshQ, "form.act button")+`.click()`)
	waitFor(t, amina, 10*time.Second, "the support counted", inItem("#qa-list li", rajeshQ, ".votes")+`.textContent.includes("1 supporter")`)

	aminaMsg := "Hubs in Kisumu share a mast " + nonce
	acted(t, amina, af, done, "chat.send", "chat", `document.getElementById("chat-body").value = `+js(aminaMsg)+`; document.getElementById("chat-send").click()`)
	waitFor(t, amina, 10*time.Second, "her message shown, the composer cleared", countInLog(aminaMsg)+` === 1 && document.getElementById("chat-body").value === ""`)
	eval[bool](t, amina, 5*time.Second, `(() => { `+inItem("#chat-log .msg", rajeshMsg, "a.report")+`.click(); return true; })()`)
	waitFor(t, amina, 5*time.Second, "the report form opens", `document.querySelector("#chat-log form.report-inline") !== null`)
	note(amina)
	acted(t, amina, af, done, "chat.report", "report Rajesh's message",
		`const f = document.querySelector("#chat-log form.report-inline"); f.elements.namedItem("reason").value = "Off topic"; f.querySelector("button[type=submit]").click()`)
	waitFor(t, amina, 10*time.Second, "the report thanked", textIs("chat-note", "Thank you: the moderators will look at your report."))
	acted(t, amina, af, done, "reaction.send", "applaud", `document.querySelector("#reactions button[data-kind=applause]").click()`)
	waitFor(t, amina, 10*time.Second, "the applause counted", `Number(document.getElementById("react-applause").textContent) >= 1`)

	// The moderator's forms.
	waitFor(t, mod, 10*time.Second, "both questions on the moderator's page", `document.getElementById("qa-list").textContent.includes(`+js(aminaQ)+`)`)
	note(mod)
	acted(t, mod, mf, done, "question.change", "pin Rajesh's question", inItem("#qa-list li", rajeshQ, `form.act:has(input[name=pinned]) button`)+`.click()`)
	waitFor(t, mod, 10*time.Second, "the question pinned", inItem("#qa-list li", rajeshQ, "*")+`.closest("li").classList.contains("pinned")`)
	acted(t, mod, mf, done, "question.change", "mark it answered", inItem("#qa-list li", rajeshQ, `form.act:has(input[name=answered]) button`)+`.click()`)
	waitFor(t, mod, 10*time.Second, "the question answered", inItem("#qa-list li", rajeshQ, "*")+`.closest("li").classList.contains("answered")`)
	rajeshQID := eval[string](t, mod, 5*time.Second, inItem("#qa-list li", rajeshQ, "*")+`.closest("li").id.slice(2)`)
	acted(t, mod, mf, done, "question.change", "merge Amina's question into it",
		`const f = `+inItem("#qa-list li", aminaQ, "form.merge")+`; f.elements.namedItem("merged_into").value = `+js(rajeshQID)+`; f.querySelector("button").click()`)
	waitFor(t, amina, 10*time.Second, "the duplicate gone from the room", `!document.getElementById("qa-list").textContent.includes(`+js(aminaQ)+`)`)

	acted(t, mod, mf, done, "floor.grant", "give Rajesh the floor", inItem("#floor-queue li", "Rajesh Iyer", `form.act:has(input[value="floor.grant"]) button`)+`.click()`)
	waitFor(t, amina, 10*time.Second, "Rajesh speaks", `document.getElementById("floor-speaker").textContent.includes("Rajesh Iyer")`)
	note(mod)
	acted(t, mod, mf, done, "floor.end", "end his turn", `document.querySelector("#floor-speaker form.act button").click()`)
	waitFor(t, amina, 10*time.Second, "nobody speaks", textIs("floor-speaker", "Nobody has the floor."))
	acted(t, mod, mf, done, "floor.decline", "decline Amina's request", inItem("#floor-queue li", "Amina Yusuf", `form.act:has(input[value="floor.decline"]) button`)+`.click()`)
	waitFor(t, amina, 10*time.Second, "Amina told her request is over", textIs("floor-mine", "You have not asked for the floor."))

	acted(t, mod, mf, done, "agenda.start", "start the first agenda item", `document.querySelector("#agenda-list li form.act button").click()`)
	waitFor(t, amina, 10*time.Second, "the item under way in the room", `document.querySelector("#agenda-list li")?.getAttribute("aria-current") === "step"`)
	acted(t, mod, mf, done, "agenda.extend", "extend it", `document.querySelector("#agenda-extend button").click()`)
	acted(t, mod, mf, done, "agenda.move", "move the last item up", `[...document.querySelectorAll("#agenda-list form.move-up")].filter((f) => !f.hidden).pop().querySelector("button").click()`)
	acted(t, mod, mf, done, "agenda.next", "start the next item", `document.querySelector("#agenda form.act:has(input[value='agenda.next']) button").click()`)
	acted(t, mod, mf, done, "question.hide", "hide Rajesh's question", inItem("#qa-list li", rajeshQ, "form.hide button")+`.click()`)
	waitFor(t, mod, 10*time.Second, "the hidden question for review", `document.getElementById("qa-review").textContent.includes(`+js(rajeshQ)+`)`)
	note(mod)
	acted(t, mod, mf, done, "question.release", "show it again", inItem("#qa-review li", rajeshQ, `form.act:has(input[value="question.release"]) button`)+`.click()`)
	acted(t, mod, mf, done, "chat.remove", "remove Rajesh's message", msgButton(rajeshMsg, "chat.remove")+`.click(); `+yes)
	waitFor(t, amina, 10*time.Second, "the message gone from the room", countInLog(rajeshMsg)+` === 0`)

	// The waiting room: turned on with the rules form, then a newcomer is
	// admitted and another turned away.
	acted(t, mod, mf, done, "session.settings", "turn the waiting room on",
		`document.querySelector("#room-settings input[type=checkbox][name=waiting_room]").checked = true; document.querySelector("#room-settings form button[type=submit]").click()`)
	waitFor(t, mod, 10*time.Second, "the rules said saved", textIs("settings-note", "The room's rules are saved."))
	for _, email := range []string{"business@demo.igf.example", "mp@demo.igf.example"} {
		apiCall(t, n, signIn(t, n, email, demoPassword), http.MethodPost, "/api/sessions/"+sid+"/admission", nil, nil)
	}
	waitFor(t, mod, 10*time.Second, "both newcomers listed", `["Sophie Martin", "Tomasz Kowalski"].every((n) => document.getElementById("waiting-list").textContent.includes(n))`)
	note(mod)
	acted(t, mod, mf, done, "admission.admit", "admit Sophie", inItem("#waiting-list li", "Sophie Martin", `form.act:has(input[value="admission.admit"]) button`)+`.click()`)
	waitFor(t, mod, 10*time.Second, "Sophie admitted", `!document.getElementById("waiting-list").textContent.includes("Sophie Martin")`)
	acted(t, mod, mf, done, "participant.restrict", "turn Tomasz away", inItem("#waiting-list li", "Tomasz Kowalski", `form.act:has(input[value="removed"]) button`)+`.click(); `+yes)
	waitFor(t, mod, 10*time.Second, "Tomasz turned away", `!document.getElementById("waiting-list").textContent.includes("Tomasz Kowalski")`)
	waitFor(t, mod, 10*time.Second, "Tomasz listed as removed", inItem("#restrictions li", "Tomasz Kowalski", "button")+` != null`)
	note(mod)
	acted(t, mod, mf, done, "participant.lift", "readmit Tomasz", inItem("#restrictions li", "Tomasz Kowalski", "button")+`.click()`)

	// A poll: set up with the new-poll form (it posts, and the page comes
	// back), opened and closed from the page over the socket.
	question := "Adopt " + recTitle + "?"
	eval[bool](t, mod, 5*time.Second, `(() => {
		const f = document.getElementById("poll-new");
		const rec = [...f.elements.namedItem("recommendation_id").options].find((o) => o.textContent === `+js(recTitle)+`);
		f.elements.namedItem("recommendation_id").value = rec.value;
		f.elements.namedItem("question").value = `+js(question)+`;
		f.querySelector("button[type=submit]").click();
		return true;
	})()`)
	waitFor(t, mod, 15*time.Second, "the draft poll listed", inItem("#polls-list li", question, ".state")+`.textContent === "Not open yet"`)
	waitLive(t, mod)
	note(mod)
	acted(t, mod, mf, done, "poll.open", "open the poll", inItem("#polls-list li", question, `form.act:has(input[value="poll.open"]) button`)+`.click()`)
	waitFor(t, mod, 10*time.Second, "the poll open, with its Close button", inItem("#polls-list li", question, ".state")+`.textContent === "Open for voting"`+
		` && !`+inItem("#polls-list li", question, `form.act:has(input[value="poll.close"])`)+`.hidden`)
	waitFor(t, amina, 10*time.Second, "the room sees it open", inItem("#polls-list li", question, ".state")+`.textContent === "Open for voting"`)
	acted(t, mod, mf, done, "poll.close", "close the poll", inItem("#polls-list li", question, `form.act:has(input[value="poll.close"]) button`)+`.click()`)
	waitFor(t, mod, 10*time.Second, "the poll closed, its buttons gone", inItem("#polls-list li", question, ".state")+`.textContent === "Closed"`+
		` && `+inItem("#polls-list li", question, "form")+` === null`)
	pollHref := eval[string](t, mod, 5*time.Second, inItem("#polls-list li", question, "a")+`.getAttribute("href")`)

	// Last, the session ends.
	note(mod)
	acted(t, mod, mf, done, "session.move", "end the session", `document.querySelector("#moves form.act:has(input[value=ended]) button").click(); `+yes)
	var s struct {
		State string `json:"state"`
	}
	apiCall(t, n, signIn(t, n, "moderator@demo.igf.example", demoPassword), http.MethodGet, "/api/sessions/"+sid, nil, &s)
	if s.State != "ended" {
		t.Errorf("after End the session, the session is %q", s.State)
	}

	open(t, amina, n.URL+pollHref+"?lang=en")
	waitFor(t, amina, 10*time.Second, "the closed poll's result", `document.getElementById("poll-result") !== null && /^[0-9a-f]{64}$/.test(document.getElementById("chain-head").textContent)`)

	for typ := range present {
		if !done[typ] {
			t.Errorf("the pages have %s forms, but this test clicked none: add it", typ)
		}
	}
	t.Logf("clicked %d kinds of action forms (%v) in %s", len(done), slices.Sorted(maps.Keys(done)), time.Since(start).Round(time.Millisecond))
}

// Without JavaScript, the moderator's page sets up, opens and closes a
// poll with plain form posts: the poll controls post poll.open and
// poll.close to /sessions/{id}/act, and the page comes back at its polls.
func TestBrowserPollControlsWorkWithoutJavaScript(t *testing.T) {
	chromiumtest.Path(t)
	n, session, modPage := demoModeration(t)
	recTitle := "Rural spectrum " + strconv.FormatInt(time.Now().UnixNano()%1e6, 36)
	draftRecommendation(t, n, session, recTitle)
	mod := noScript(t)
	signInOn(t, mod, n, "moderator@demo.igf.example", modPage)
	if eval[bool](t, mod, 5*time.Second, `document.getElementById("conn-status").textContent.includes("Connected")`) {
		t.Fatal("the page's script ran: JavaScript is not off")
	}
	question := "Adopt " + recTitle + "?"
	eval[bool](t, mod, 5*time.Second, `(() => {
		const f = document.getElementById("poll-new");
		f.elements.namedItem("recommendation_id").value = [...f.elements.namedItem("recommendation_id").options].find((o) => o.textContent === `+js(recTitle)+`).value;
		f.elements.namedItem("question").value = `+js(question)+`;
		f.querySelector("button[type=submit]").click();
		return true;
	})()`)
	item := func(sel string) string { return inItem("#polls-list li", question, sel) }
	visible := func(typ string) string {
		return `(() => { const f = ` + item(`form.act:has(input[value="`+typ+`"])`) + `; return f !== null && f.offsetParent !== null; })()`
	}
	waitFor(t, mod, 15*time.Second, "the draft listed with Open and no Close", item(".state")+`.textContent === "Not open yet" && `+visible("poll.open")+` && !`+visible("poll.close"))
	eval[bool](t, mod, 5*time.Second, `(() => { `+item(`form.act:has(input[value="poll.open"]) button`)+`.click(); return true; })()`)
	waitFor(t, mod, 15*time.Second, "the poll open, with Close", `location.hash === "#polls" && `+item(".state")+`.textContent === "Open for voting" && `+visible("poll.close"))
	eval[bool](t, mod, 5*time.Second, `(() => { `+item(`form.act:has(input[value="poll.close"]) button`)+`.click(); return true; })()`)
	waitFor(t, mod, 15*time.Second, "the poll closed, no controls left", item(".state")+`.textContent === "Closed" && `+item("form")+` === null`)
}
