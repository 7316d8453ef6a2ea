package hub_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
)

// A room of several shards (shards of 4 connections here, 23 connections)
// gets every event, once and in order, on every connection, while events
// are published from several goroutines at once (so batches of various
// sizes go to the shards in parallel), and the connections that joined
// later, after others left, are in the shards too.
func TestAShardedRoomDeliversEveryEventInOrderToEveryConnection(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, func(c *hub.Config) { c.ShardSize = 4 })
	const room, events, publishers = "room:sharded", 240, 4
	var clients []*testClient
	join := func(k int) {
		for range k {
			c := mustDial(t, n, room, "")
			if f := c.next(); f.Type != "joined" {
				t.Fatalf("first frame %+v, want joined", f)
			}
			clients = append(clients, c)
		}
	}
	join(20)
	for _, c := range clients[3:8] { // leave holes in the shards
		c.conn.Close()
	}
	clients = append(clients[:3], clients[8:]...)
	join(8)

	ctx := context.Background()
	var wg sync.WaitGroup
	for p := range publishers {
		wg.Go(func() {
			for i := range events / publishers {
				if err := appendAndPublish(ctx, db, n.h, room, fmt.Sprintf("p%d-%d", p, i)); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for i, c := range clients {
		var from int64 = -1
		deadline := time.Now().Add(10 * time.Second)
		for got := 0; got < events; got++ {
			f, err := c.tryNext(deadline)
			for err == nil && f.Type != "event" {
				f, err = c.tryNext(deadline)
			}
			if err != nil {
				t.Fatalf("connection %d: after %d of %d events: %v", i, got, events, err)
			}
			if from >= 0 && f.Offset != from+1 {
				t.Fatalf("connection %d: offset %d after %d", i, f.Offset, from)
			}
			from = f.Offset
		}
	}
}
