package faultrun

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/igfplus/igfplus/hub/roomclient"
)

// TestFaultClientKeepsOnlyAcknowledgedOps checks the fault run's own
// bookkeeping of answers, which its verdict rests on (roomclient's tests
// check the positions, gaps and duplicates).
func TestFaultClientKeepsOnlyAcknowledgedOps(t *testing.T) {
	c := newFaultClient(0, 1, "token", 1, 1, time.Now().Add(time.Hour))
	c.answered("chat fault-run c0 m1", roomclient.Reply{OK: true})
	c.answered("floor", roomclient.Reply{Code: "internal"})
	c.answered("vote", roomclient.Reply{OK: true, Data: json.RawMessage(`{"poll_id":1,"receipt":"3f0c"}`)})
	if len(c.acked.chats) != 1 || c.acked.chats[0] != "fault-run c0 m1" {
		t.Fatalf("acknowledged chats %v, want [fault-run c0 m1]", c.acked.chats)
	}
	if c.acked.floor != 0 || c.refused["floor:internal"] != 1 || c.floorOpen {
		t.Fatalf("a refused floor request counted as acknowledged: %+v, refused %v", c.acked, c.refused)
	}
	if !c.voted || c.acked.receipt != "3f0c" {
		t.Fatalf("the ballot's receipt %q was not kept", c.acked.receipt)
	}
	c.answered("floor", roomclient.Reply{Code: "conflict"})
	if !c.floorOpen || c.acked.floor != 0 {
		t.Fatalf("a conflict on the floor request did not mark it open (an earlier one committed unanswered)")
	}
}

// TestFaultClientRecordsWhatItAppliedFromWhereItJoined checks the applied
// log the verdict compares with Postgres.
func TestFaultClientRecordsWhatItAppliedFromWhereItJoined(t *testing.T) {
	c := newFaultClient(0, 1, "token", 1, 1, time.Now().Add(time.Hour))
	c.onFrame(roomclient.Frame{Type: roomclient.TypeJoined, Position: roomclient.Position{Epoch: 7, Offset: 10}})
	c.onFrame(roomclient.Frame{Type: roomclient.TypeEvent, Position: roomclient.Position{Epoch: 7, Offset: 11},
		Line: []byte(`{"type":"event","epoch":7,"offset":11,"kind":"chat.posted"}`)})
	c.onFrame(roomclient.Frame{Type: roomclient.TypeJoined, Position: roomclient.Position{Epoch: 7, Offset: 11}}) // a resume
	if c.first != 10 || c.last != 11 || c.epoch != 7 || c.kinds[11] != "chat.posted" || len(c.kinds) != 1 {
		t.Fatalf("first %d, last %d, epoch %d, kinds %v", c.first, c.last, c.epoch, c.kinds)
	}
}
