package e2e

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
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
	n := startNode(t, c)
	session := liveSessionID(t, n)
	base := "/api/sessions/" + strconv.FormatInt(session, 10)
	participantToken := signIn(t, n, "youth@demo.igf.example", "igfplus-demo")
	participant := dialRoom(t, n, session, participantToken)
	moderator := dialRoom(t, n, session, signIn(t, n, "moderator@demo.igf.example", "igfplus-demo"))
	waitFrame(t, participant, func(f wsFrame) bool { return f.Type == "joined" })
	waitFrame(t, moderator, func(f wsFrame) bool { return f.Type == "joined" })
	// Who is in the room when the waiting room opens stays in: once the
	// presence report has recorded them (within 2 s of joining).
	waitPresence(t, moderator, func(f presenceFrame) bool { return f.Presence.Total == "2" })
	newcomerToken := signIn(t, n, "tech@demo.igf.example", "igfplus-demo")
	newcomerID := accountID(t, n, newcomerToken)

	for i, msg := range []map[string]any{
		{"type": "session.settings", "ref": "p1", "waiting_room": true},
		{"type": "admission.admit", "ref": "p2", "account_id": newcomerID},
		{"type": "caption.add", "ref": "p3", "text": "not a captioner"},
	} {
		participant.WriteJSON(msg)
		f := readUntil(t, participant, func(f replyFrame) bool { return f.Ref == msg["ref"] })
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

	moderator.WriteJSON(map[string]any{"type": "session.settings", "ref": "m1", "waiting_room": true})
	if f := readUntil(t, moderator, func(f replyFrame) bool { return f.Ref == "m1" }); f.Type != "ack" {
		t.Fatalf("moderator's session.settings: %+v", f)
	}
	url := "ws" + strings.TrimPrefix(n.URL, "http") + "/ws/sessions/" + strconv.FormatInt(session, 10)
	header := http.Header{"Authorization": {"Bearer " + newcomerToken}}
	if _, resp, err := websocket.DefaultDialer.Dial(url, header); err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a newcomer joining the room: %v, want 403", err)
	}
	var a struct {
		State    string `json:"state"`
		Position int    `json:"position"`
	}
	api(t, n, "POST", base+"/admission", newcomerToken, "", 200, &a)
	if a.State != "waiting" || a.Position != 1 {
		t.Fatalf("knocking: %+v, want waiting at 1", a)
	}
	if f := readUntil(t, moderator, func(f replyFrame) bool { return f.Kind == "admission.changed" }); f.Data.Waiting != 1 {
		t.Fatalf("admission.changed %+v, want 1 waiting", f)
	}
	moderator.WriteJSON(map[string]any{"type": "admission.admit", "ref": "m2", "account_id": newcomerID})
	if f := readUntil(t, moderator, func(f replyFrame) bool { return f.Ref == "m2" }); f.Type != "ack" {
		t.Fatalf("moderator's admission.admit: %+v", f)
	}
	api(t, n, "GET", base+"/admission", newcomerToken, "", 200, &a)
	if a.State != "admitted" {
		t.Fatalf("after admission: %+v", a)
	}
	newcomer := dialRoom(t, n, session, newcomerToken)
	waitFrame(t, newcomer, func(f wsFrame) bool { return f.Type == "joined" })

	participant.WriteJSON(map[string]any{"type": "reaction.send", "ref": "r1", "kind": "applause"})
	if f := readUntil(t, participant, func(f replyFrame) bool { return f.Ref == "r1" }); f.Type != "ack" {
		t.Fatalf("reaction.send: %+v", f)
	}
	if f := readUntil(t, newcomer, func(f replyFrame) bool { return f.Kind == "reactions.changed" }); f.Data.Counts["applause"] != 1 {
		t.Fatalf("reactions.changed %+v, want one applause", f)
	}
}
