package e2e

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
)

// State pushed, not polled (#17): the waiting page is let in by its own
// socket, and the end of a session reaches a participant's open room,
// which shows it ended in place.

// TestBrowserWaitingPageIsLetInByItsSocket: once the waiting page holds
// its socket, the admission poll is cut off (fetch never answers), so only
// the pushed admission.admitted can bring Sophie into the room.
func TestBrowserWaitingPageIsLetInByItsSocket(t *testing.T) {
	chromiumtest.Path(t)
	c := newCluster(t)
	f := newForum(t, c)
	sophieP := f.Person(t, "Sophie Martin", "private_sector", "western_european_others")
	n := startNode(t, c)
	room := "/sessions/" + strconv.FormatInt(f.Session, 10)
	modToken := signInAs(t, n, f.Moderator)
	roomSettings(t, n, f.Session, modToken, map[string]any{"waiting_room": true})

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
	src := axeSource(t)
	checkAxe(t, amina, src, "the room ended in place (en)")
	checkAxe(t, rajesh, src, "the room ended in place (ar)")
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
