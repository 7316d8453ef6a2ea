package hub_test

import (
	"context"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
)

// TestAResumeLargerThanTheQueueCatchesUp: a client that fell behind by more
// than its queue holds resumes and gets every event it missed, in order,
// then the live ones, whether the node's memory of the room covers the gap
// or Postgres must be read. Before, the whole backlog was queued at once:
// past the queue's bound the connection was closed as a slow consumer
// (4000) before it got anything, and the client, resuming from the same
// position, was closed again, for ever. In the fault run at 200
// participants every client that fell that far behind stopped there, and a
// fresh resume from its position reached nothing.
func TestAResumeLargerThanTheQueueCatchesUp(t *testing.T) {
	for _, tc := range []struct {
		name, room string
		events     int64 // published before the resume; a node keeps 512 to 1,024
		// trim deletes the room's events from Postgres before the resume,
		// so that only the node's memory can serve it.
		trim bool
	}{
		{"from the node's memory", "room:bigresume:memory", 300, true},
		{"from Postgres", "room:bigresume:postgres", 1100, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := pgtest.DB(t)
			n := newNode(t, db, func(c *hub.Config) { c.QueueBytes = 64 << 10 })
			smallSendBuffers(t, n)
			room := tc.room
			listener := mustDial(t, n, room, "") // keeps the room open, with its memory
			from := listener.next().From
			go func() { // a live participant reads on
				for {
					if _, _, err := listener.conn.NextReader(); err != nil {
						return
					}
				}
			}()
			ctx := context.Background()
			body := strings.Repeat("x", 1000) // the backlog is 300 KB to 1.1 MB, the queue 64 KiB
			for range tc.events {
				if err := appendAndPublish(ctx, db, n.h, room, body); err != nil {
					t.Fatal(err)
				}
			}
			top, err := pglog.New(db.Pool).Top(ctx, room)
			if err != nil {
				t.Fatal(err)
			}
			if tc.trim {
				if _, err := db.Pool.Exec(ctx, `DELETE FROM room_events WHERE room = $1`, room); err != nil {
					t.Fatal(err)
				}
			}
			c := mustDial(t, n, room, "?epoch="+itoa64(from.Epoch)+"&offset="+itoa64(from.Offset))
			if f := c.next(); f.Type != "joined" || f.From != from {
				t.Fatalf("got %+v, want joined from %+v", f, from)
			}
			expectAll(t, c, from, top)
			if err := appendAndPublish(ctx, db, n.h, room, "live"); err != nil {
				t.Fatal(err)
			}
			expectAll(t, c, top, hub.Position{Epoch: top.Epoch, Offset: top.Offset + 1})
		})
	}
}
