package hub_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
)

// readMessage reads one whole WebSocket message, unsplit.
func readMessage(t *testing.T, c *testClient) []byte {
	t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, data, err := c.conn.ReadMessage()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A room's snapshot (presence) goes out with the room's next batch: in a
// busy room it shares the events' message instead of costing a write of
// its own, and it reaches a client that joins later after its joined frame.
func TestSnapshotGoesWithTheRoomsNextBatch(t *testing.T) {
	db := pgtest.DB(t)
	// A long beat, so that an event and a snapshot set together surely
	// wait for the same batch.
	n := newNode(t, db, func(c *hub.Config) { c.WriteCoalesce = 300 * time.Millisecond })
	const room = "room:snapshot"
	a := mustDial(t, n, room, "")
	a.next() // joined
	ctx := context.Background()
	// The first event after a quiet spell goes at once.
	if err := appendAndPublish(ctx, db, n.h, room, "first"); err != nil {
		t.Fatal(err)
	}
	if f := a.next(); f.Type != "event" {
		t.Fatalf("got %+v, want the first event", f)
	}
	if err := appendAndPublish(ctx, db, n.h, room, "second"); err != nil {
		t.Fatal(err)
	}
	presence := []byte(`{"type":"presence","room":"room:snapshot","n":1}`)
	n.h.SetSnapshot(room, presence)
	lines := bytes.Split(readMessage(t, a), []byte("\n"))
	if len(lines) != 2 || !bytes.Contains(lines[0], []byte(`"second"`)) || !bytes.Equal(lines[1], presence) {
		t.Fatalf("the batch after the snapshot was set: %q; want the second event, then the snapshot, in one message", lines)
	}

	// A client joining now gets the latest snapshot after its joined frame.
	b := mustDial(t, n, room, "")
	if f := b.next(); f.Type != "joined" {
		t.Fatalf("got %+v, want joined", f)
	}
	if f := b.next(); f.Type != "presence" {
		t.Fatalf("got %+v after joined, want the presence snapshot", f)
	}

	// A snapshot with no event goes out on its own, to everyone live.
	again := []byte(`{"type":"presence","room":"room:snapshot","n":2}`)
	n.h.SetSnapshot(room, again)
	for name, c := range map[string]*testClient{"a": a, "b": b} {
		if got := readMessage(t, c); !bytes.Equal(got, again) {
			t.Errorf("client %s got %q, want the new snapshot alone", name, got)
		}
	}
}
