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

func TestBrowserWaitingRoomNewcomerIsAdmittedAndEnters(t *testing.T) {
	chromiumtest.Path(t)
	c := newCluster(t)
	f := newForum(t, c)
	sophieP := f.Person(t, "Sophie Martin", "private_sector", "western_european_others")
	n := startNode(t, c)
	session := f.Session
	room := "/sessions/" + strconv.FormatInt(session, 10)
	roomSettings(t, n, session, signInAs(t, n, f.Moderator), map[string]any{"waiting_room": true})

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
	p.first = "Community networks first " + strconv.FormatInt(time.Now().UnixNano(), 36)
	step(t, p.amina, 10*time.Second, "write", chromedp.SendKeys(chromedp.ID("chat-body"), p.first))
	press(t, p.amina, "send", "#chat-send")
	p.msel = `[...document.querySelectorAll("#chat-log .msg")].find((m) => m.textContent.includes(` + js(p.first) + `))`
	waitFor(t, p.rajesh, 10*time.Second, "Rajesh sees it", p.msel+` !== undefined`)
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
