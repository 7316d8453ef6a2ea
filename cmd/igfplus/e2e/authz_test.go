package e2e

import (
	"net/http"
	"strconv"
	"testing"
)

type replyFrame struct {
	Type, Ref, Code, Kind string
	Data                  struct {
		Waiting int            `json:"waiting"`
		Counts  map[string]int `json:"counts"`
	}
}

// TestTheWaitingRoomAndReactionsOverTheWebSocket: over real frames, a
// participant's admission, settings and caption messages are refused with
// error frames and change nothing; the moderator opens the waiting room, a
// newcomer is held out of the room until admitted, and a reaction reaches
// the room as a count.
func TestTheWaitingRoomAndReactionsOverTheWebSocket(t *testing.T) {
	c := newCluster(t)
	f := newForum(t, c)
	amina, layla := f.Participant(t, "Amina Yusuf"), f.Participant(t, "Layla Haddad")
	n := startNode(t, c)
	session := f.Session
	base := "/api/sessions/" + strconv.FormatInt(session, 10)
	participantToken := signInAs(t, n, amina)
	participant := joinRoom(t, n, session, participantToken)
	moderator := joinRoom(t, n, session, signInAs(t, n, f.Moderator))
	// Who is in the room when the waiting room opens stays in: once the
	// presence report has recorded them (within 2 s of joining).
	waitPresence(t, moderator, func(f presenceFrame) bool { return f.Presence.Total == "2" })
	newcomerToken := signInAs(t, n, layla)
	newcomerID := layla.ID

	for i, msg := range []map[string]any{
		{"type": "session.settings", "ref": "p1", "waiting_room": true},
		{"type": "admission.admit", "ref": "p2", "account_id": newcomerID},
		{"type": "caption.add", "ref": "p3", "text": "not a captioner"},
	} {
		send(t, participant, msg)
		f := await(t, participant, func(f replyFrame) bool { return f.Ref == msg["ref"] })
		if f.Type != "error" || f.Code != "forbidden" {
			t.Errorf("participant message %d: %+v, want a forbidden error frame", i, f)
		}
	}
	var settings struct {
		WaitingRoom bool `json:"waiting_room"`
	}
	api(t, n, "GET", base+"/settings", "", "", 200, &settings)
	if settings.WaitingRoom {
		t.Fatal("a participant opened the waiting room")
	}

	send(t, moderator, map[string]any{"type": "session.settings", "ref": "m1", "waiting_room": true})
	if f := await(t, moderator, func(f replyFrame) bool { return f.Ref == "m1" }); f.Type != "ack" {
		t.Fatalf("moderator's session.settings: %+v", f)
	}
	if status := refusedStatus(t, n, session, newcomerToken); status != http.StatusForbidden {
		t.Fatalf("a newcomer joining the room: status %d, want 403", status)
	}
	var a struct {
		State    string `json:"state"`
		Position int    `json:"position"`
	}
	api(t, n, "POST", base+"/admission", newcomerToken, "", 200, &a)
	if a.State != "waiting" || a.Position != 1 {
		t.Fatalf("knocking: %+v, want waiting at 1", a)
	}
	if f := await(t, moderator, func(f replyFrame) bool { return f.Kind == "admission.changed" }); f.Data.Waiting != 1 {
		t.Fatalf("admission.changed %+v, want 1 waiting", f)
	}
	send(t, moderator, map[string]any{"type": "admission.admit", "ref": "m2", "account_id": newcomerID})
	if f := await(t, moderator, func(f replyFrame) bool { return f.Ref == "m2" }); f.Type != "ack" {
		t.Fatalf("moderator's admission.admit: %+v", f)
	}
	api(t, n, "GET", base+"/admission", newcomerToken, "", 200, &a)
	if a.State != "admitted" {
		t.Fatalf("after admission: %+v", a)
	}
	newcomer := joinRoom(t, n, session, newcomerToken)

	send(t, participant, map[string]any{"type": "reaction.send", "ref": "r1", "kind": "applause"})
	if f := await(t, participant, func(f replyFrame) bool { return f.Ref == "r1" }); f.Type != "ack" {
		t.Fatalf("reaction.send: %+v", f)
	}
	if f := await(t, newcomer, func(f replyFrame) bool { return f.Kind == "reactions.changed" }); f.Data.Counts["applause"] != 1 {
		t.Fatalf("reactions.changed %+v, want one applause", f)
	}
}
