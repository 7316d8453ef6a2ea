package e2e

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
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

// The waiting room and chat replies in real browsers: a newcomer held in
// the waiting room asks to enter, the moderator admits them and their page
// enters the room by itself; a reply carrying a link and injection
// attempts shows quoted, with the link safe and the rest inert text.

// roomSettings changes the session's rules through the moderator's socket
// (moderator is their token).
func roomSettings(t *testing.T, n *node, session int64, moderator string, fields map[string]any) {
	t.Helper()
	conn := joinRoom(t, n, session, moderator)
	frame := map[string]any{"type": "session.settings", "ref": "set"}
	for k, v := range fields {
		frame[k] = v
	}
	send(t, conn, frame)
	if f := await(t, conn, func(f wsFrame) bool { return f.Ref == "set" }); f.Type != "ack" {
		t.Fatalf("session.settings: %+v", f)
	}
}

// waitingRoom starts the waiting room's browser tests: Chromium must be
// there, then one node on a test forum whose live session (f.Session,
// at room) holds newcomers in its waiting room, and Sophie, who has never
// been let in. modToken is the moderator's access token.
func waitingRoom(t *testing.T) (n *node, f *forumtest.Forum, room, modToken string, sophie forumtest.Person) {
	t.Helper()
	chromiumtest.Path(t)
	c := newCluster(t)
	f = newForum(t, c)
	sophie = f.Person(t, "Sophie Martin", "private_sector", "western_european_others")
	n = startNode(t, c)
	modToken = signInAs(t, n, f.Moderator)
	roomSettings(t, n, f.Session, modToken, map[string]any{"waiting_room": true})
	return n, f, "/sessions/" + strconv.FormatInt(f.Session, 10), modToken, sophie
}

func TestBrowserWaitingRoomNewcomerIsAdmittedAndEnters(t *testing.T) {
	n, f, room, _, sophieP := waitingRoom(t)

	mod, sophie := chromiumtest.New(t), chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room+"/moderate")
	signInOn(t, sophie, n, sophieP.Email, room)
	waitFor(t, sophie, 10*time.Second, "the waiting page, not a 403", `document.getElementById("ask-to-enter") !== null`)
	press(t, sophie, "ask to enter", "#ask-to-enter")
	waitFor(t, sophie, 10*time.Second, "Sophie waits first", textIs("admission-state", "You are number 1 in the waiting list."))

	// The moderator's page lists her as she knocks (no reload) and admits
	// her.
	waitFor(t, mod, 10*time.Second, "Sophie in the waiting list", `document.getElementById("waiting-list").textContent.includes("Sophie Martin")`)
	press(t, mod, "admit Sophie", `#waiting-list li button`)
	waitFor(t, sophie, 20*time.Second, "Sophie's page enters the room by itself", `document.getElementById("chat-log") !== null`)
	waitLive(t, sophie)
}

// chatPair is a live room of a test forum with Amina and Rajesh in it, in
// two browsers, and Amina's message (first), which msel finds in a page.
type chatPair struct {
	c             cluster
	f             *forumtest.Forum
	n             *node
	room          string
	aminaP        forumtest.Person
	rajeshP       forumtest.Person
	amina, rajesh context.Context
	first, msel   string
}

// aminaPosts starts a node, brings Amina and Rajesh into the live room,
// and has Amina post a message that Rajesh sees.
func aminaPosts(t *testing.T) chatPair {
	t.Helper()
	chromiumtest.Path(t)
	p := chatPair{c: newCluster(t)}
	p.f = newForum(t, p.c)
	p.aminaP, p.rajeshP = p.f.Participant(t, "Amina Yusuf"), p.f.Participant(t, "Rajesh Iyer")
	p.n = startNode(t, p.c)
	p.room = "/sessions/" + strconv.FormatInt(p.f.Session, 10)
	p.amina, p.rajesh = chromiumtest.New(t), chromiumtest.New(t)
	enterAs(t, p.amina, p.n, p.aminaP.Email, p.room)
	enterAs(t, p.rajesh, p.n, p.rajeshP.Email, p.room)
	// An empty chat draws no frame, only the line that says it is empty;
	// the first message, arriving over the socket, brings the frame.
	const logFrame = `getComputedStyle(document.getElementById("chat-log")).borderTopWidth`
	if got := eval[string](t, p.rajesh, 5*time.Second, logFrame); got != "0px" || eval[bool](t, p.rajesh, 5*time.Second, `document.getElementById("chat-empty").hidden`) {
		t.Errorf("the empty chat: frame %s, or its empty line hidden", got)
	}
	p.first = "Community networks first " + strconv.FormatInt(time.Now().UnixNano(), 36)
	step(t, p.amina, 10*time.Second, "write", chromedp.SendKeys(chromedp.ID("chat-body"), p.first))
	press(t, p.amina, "send", "#chat-send")
	p.msel = `[...document.querySelectorAll("#chat-log .msg")].find((m) => m.textContent.includes(` + js(p.first) + `))`
	waitFor(t, p.rajesh, 10*time.Second, "Rajesh sees it", p.msel+` !== undefined`)
	if got := eval[string](t, p.rajesh, 5*time.Second, logFrame); got != "1px" {
		t.Errorf("the chat with a message in it: frame %s, want 1px", got)
	}
	return p
}

func TestBrowserReplyWithALinkRendersSafely(t *testing.T) {
	p := aminaPosts(t)
	n, room, amina, rajesh, first, msel := p.n, p.room, p.amina, p.rajesh, p.first, p.msel
	// Reply: the link opens the reply box in place, then the message goes
	// over the socket with reply_to.
	eval[bool](t, rajesh, 5*time.Second, `(`+msel+`.querySelector("a.reply").click(), true)`)
	waitFor(t, rajesh, 10*time.Second, "the reply box", `!document.getElementById("reply-box").hidden`)
	waitLive(t, rajesh)
	reply := `See https://example.org/cn <script>window.pwned=1</script> javascript:window.pwned=2 http://x.example/"onmouseover="window.pwned=3`
	step(t, rajesh, 10*time.Second, "write the reply", chromedp.SendKeys(chromedp.ID("chat-body"), reply))
	press(t, rajesh, "send", "#chat-send")
	rsel := `[...document.querySelectorAll("#chat-log .msg")].find((m) => m.querySelector(".quote") && m.textContent.includes("example.org/cn"))`
	for _, b := range []context.Context{amina, rajesh} {
		waitFor(t, b, 10*time.Second, "the reply shows quoted", rsel+` !== undefined && `+rsel+`.querySelector(".quote").textContent.includes(`+js(first)+`)`)
		check := `(() => { const m = ` + rsel + `; const as = [...m.querySelectorAll(".body a")];
			return m.querySelectorAll("script, img").length === 0 && as.length === 2 &&
				as.every((a) => a.rel === "nofollow noopener ugc" && !a.hasAttribute("target") && /^https?:/.test(a.href) && !a.hasAttribute("onmouseover")) &&
				as[0].href === "https://example.org/cn" && m.querySelector(".body").textContent.includes("<script>") && window.pwned === undefined; })()`
		if !eval[bool](t, b, 5*time.Second, check) {
			t.Errorf("the reply did not render safely: %s", eval[string](t, b, 5*time.Second, rsel+`.outerHTML`))
		}
	}
	// Reloaded, the server renders it alike.
	open(t, amina, n.URL+room+"?lang=en")
	waitFor(t, amina, 10*time.Second, "the server-rendered reply", rsel+` !== undefined && `+rsel+`.querySelectorAll(".body a").length === 2 && window.pwned === undefined`)
}

// TestBrowserRoomSettingsFormOverTheSocket: the moderator's settings form,
// sent over the socket by the client, arrives with numbers and booleans
// (not strings) and changes the room's rules.
func TestBrowserRoomSettingsFormOverTheSocket(t *testing.T) {
	chromiumtest.Path(t)
	c := newCluster(t)
	f := newForum(t, c)
	n := startNode(t, c)
	session := f.Session
	room := "/sessions/" + strconv.FormatInt(session, 10)
	mod := chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room+"/moderate")
	eval[bool](t, mod, 5*time.Second, `(() => {
		document.getElementById("set-limit").value = "95";
		document.getElementById("set-warn").value = "80";
		document.querySelector('#room-settings input[type=checkbox][name=balanced_queue]').checked = true;
		return true })()`)
	press(t, mod, "save the room's rules", `#room-settings form button[type=submit]`)
	var got struct {
		SpeakingLimitS int  `json:"speaking_limit_s"`
		WarnAtS        int  `json:"warn_at_s"`
		BalancedQueue  bool `json:"balanced_queue"`
	}
	token := signInAs(t, n, f.Moderator)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		apiCall(t, n, token, http.MethodGet, "/api/sessions/"+strconv.FormatInt(session, 10)+"/settings", nil, &got)
		if got.SpeakingLimitS == 95 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if got.SpeakingLimitS != 95 || got.WarnAtS != 80 || !got.BalancedQueue {
		t.Fatalf("settings after the form: %+v; want 95 s, warning at 80 s, balanced", got)
	}
}

// State pushed, not polled (#17): the waiting page is let in by its own
// socket, and the end of a session reaches a participant's open room,
// which shows it ended in place.

// TestBrowserWaitingPageIsLetInByItsSocket: once the waiting page holds
// its socket, the admission poll is cut off (fetch never answers), so only
// the pushed admission.admitted can bring Sophie into the room.
func TestBrowserWaitingPageIsLetInByItsSocket(t *testing.T) {
	n, f, room, modToken, sophieP := waitingRoom(t)

	sophie := chromiumtest.New(t)
	signInOn(t, sophie, n, sophieP.Email, room)
	press(t, sophie, "ask to enter", "#ask-to-enter")
	waitFor(t, sophie, 10*time.Second, "the waiting page holds its socket", `document.getElementById("waiting-room")?.dataset.connected === "true"`)
	eval[bool](t, sophie, 5*time.Second, `(window.fetch = () => new Promise(() => {}), true)`)

	mod := joinRoom(t, n, f.Session, modToken)
	send(t, mod, map[string]any{"type": "admission.admit", "ref": "in", "account_id": sophieP.ID})
	if fr := await(t, mod, func(fr wsFrame) bool { return fr.Ref == "in" }); fr.Type != "ack" {
		t.Fatalf("admission.admit: %+v", fr)
	}
	waitFor(t, sophie, 10*time.Second, "Sophie's page enters the room", `document.getElementById("chat-log") !== null`)
	waitLive(t, sophie)
}

// TestBrowserEndedSessionShowsInPlace: the moderator ends the session; the
// participant's page, not reloaded (a mark left on window survives), says
// it has ended, closes the composer, stops offering the captions' pause
// and says where the report will be (a participant may not read its draft;
// its rapporteurs and moderators get a link); Rajesh's page, in Arabic, alike. Both pass
// axe in that state.
func TestBrowserEndedSessionShowsInPlace(t *testing.T) {
	n, f, room, amina := aminaInTheRoom(t)
	rajesh := chromiumtest.New(t)
	enterAs(t, rajesh, n, f.Participant(t, "Rajesh Iyer").Email, room)
	open(t, rajesh, n.URL+room+"?lang=ar")
	for _, b := range []context.Context{amina, rajesh} {
		waitLive(t, b)
		waitFor(t, b, 10*time.Second, "the captions' pause offered while live", `document.getElementById("captions-pause")?.hidden === false`)
		eval[bool](t, b, 5*time.Second, `(window.notReloaded = true)`)
	}

	mod := joinRoom(t, n, f.Session, signInAs(t, n, f.Moderator))
	send(t, mod, map[string]any{"type": "session.move", "ref": "end", "state": "ended"})
	if fr := await(t, mod, func(fr wsFrame) bool { return fr.Ref == "end" }); fr.Type != "ack" {
		t.Fatalf("session.move ended: %+v", fr)
	}
	waitFor(t, amina, 10*time.Second, "the room shows it has ended, in place", `window.notReloaded === true &&
		document.getElementById("session-state").classList.contains("state-ended") &&
		`+textIs("session-state", "Ended")+` && `+textIs("conn-status", "The session has ended.")+` &&
		document.getElementById("chat-form") === null && document.getElementById("chat-closed") !== null &&
		document.getElementById("captions-pause") === null &&
		document.querySelector('#room-nav a[href="#chat"]') !== null &&
		document.getElementById("report-link") === null && `+textIs("report-later", "Its report will be linked here once the rapporteur has published it."))
	// The timer has stopped: it no longer changes.
	left := eval[string](t, amina, 5*time.Second, `document.getElementById("timebox-left")?.textContent ?? ""`)
	if left != "" {
		t.Errorf("the agenda's timer still shows %q after the end", left)
	}
	waitFor(t, rajesh, 10*time.Second, "the Arabic room shows it has ended, in place", `window.notReloaded === true &&
		document.getElementById("session-state").classList.contains("state-ended") &&
		document.getElementById("chat-form") === null && document.getElementById("captions-pause") === null &&
		document.getElementById("report-later") !== null`)
	src := chromiumtest.AxeSource(t)
	chromiumtest.CheckAxe(t, amina, src, "the room ended in place (en)")
	chromiumtest.CheckAxe(t, rajesh, src, "the room ended in place (ar)")
	shotsTo(t, amina, "ROOM_SHOTS", "room-ended-en")
	shotsTo(t, rajesh, "ROOM_SHOTS", "room-ended-ar")
}

// aminaInTheRoom starts a node with a test forum and brings Amina, a
// participant, into its live session's room in a browser.
func aminaInTheRoom(t *testing.T) (*node, *forumtest.Forum, string, context.Context) {
	t.Helper()
	chromiumtest.Path(t)
	c := newCluster(t)
	f := newForum(t, c)
	aminaP := f.Participant(t, "Amina Yusuf")
	n := startNode(t, c)
	room := "/sessions/" + strconv.FormatInt(f.Session, 10)
	amina := chromiumtest.New(t)
	enterAs(t, amina, n, aminaP.Email, room)
	return n, f, room, amina
}
