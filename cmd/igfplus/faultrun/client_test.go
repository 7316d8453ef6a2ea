package main

import (
	"testing"
	"time"
)

// TestFaultClientCountsGapsIgnoresDuplicatesAndKeepsOnlyAcknowledgedOps
// checks the fault run's own bookkeeping, which its verdict rests on.
func TestFaultClientCountsGapsIgnoresDuplicatesAndKeepsOnlyAcknowledgedOps(t *testing.T) {
	c := newFaultClient(0, 1, "token", 1, 1, time.Now().Add(time.Hour))
	joined := faultFrame{Type: "joined"}
	joined.From.Epoch, joined.From.Offset = 7, 10
	c.apply(joined)
	for _, o := range []int64{11, 12, 12, 14} {
		c.apply(faultFrame{Type: "event", Epoch: 7, Offset: o, Kind: "chat.posted"})
	}
	if c.last != 14 || c.gaps != 1 || c.dups != 1 || len(c.kinds) != 3 {
		t.Fatalf("last %d, gaps %d, dups %d, applied %d; want 14, 1, 1, 3", c.last, c.gaps, c.dups, len(c.kinds))
	}
	c.apply(faultFrame{Type: "event", Epoch: 8, Offset: 15})
	if c.gaps != 2 {
		t.Fatalf("an event of another epoch was not counted as a gap")
	}

	c.pending["c1"], c.pending["f1"] = "chat fault-run c0 m1", "floor"
	c.apply(faultFrame{Type: "ack", Ref: "c1"})
	c.apply(faultFrame{Type: "error", Ref: "f1", Code: "internal"})
	c.apply(faultFrame{Type: "ack", Ref: "never-sent"})
	if len(c.acked.chats) != 1 || c.acked.chats[0] != "fault-run c0 m1" {
		t.Fatalf("acknowledged chats %v, want [fault-run c0 m1]", c.acked.chats)
	}
	if c.acked.floor != 0 || c.refused["floor:internal"] != 1 || len(c.pending) != 0 {
		t.Fatalf("a refused floor request counted as acknowledged: %+v, pending %v", c.acked, c.pending)
	}
}
