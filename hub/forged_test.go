package hub_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/hub/redisbroker"
)

// TestAForgedEventOnRedisReachesNoClient: someone with access to Redis
// publishes an event at a room's next offset on the room's channel: no
// client of either node may
// apply it, and the genuine event at that offset must still arrive: when
// it was committed (and acknowledged) but its own publish was lost, the
// nodes read it from Postgres; when it is published after the forgery, it
// arrives as usual. (TestResumeFromRedisHistory forges Redis's history.)
func TestAForgedEventOnRedisReachesNoClient(t *testing.T) {
	db := pgtest.DB(t)
	srv := redistest.Server(t)
	rdb, prefix := redistest.Client(t, srv), redistest.Prefix(t)
	var nodes []*testNode
	for range 2 {
		broker := redisbroker.New(redistest.Client(t, srv), redisbroker.Options{Prefix: prefix})
		nodes = append(nodes, newNode(t, db, func(c *hub.Config) { c.Broker, c.Recent = broker, broker }))
	}
	const room = "room:forged"
	ctx := context.Background()
	log := pglog.New(db.Pool)
	start, err := log.Top(ctx, room)
	if err != nil {
		t.Fatal(err)
	}
	var clients []*testClient
	for _, n := range nodes {
		c, _, err := dial(t, n, room, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		c.next()
		clients = append(clients, c)
	}
	forge := func(offset int64) {
		t.Helper()
		data, _ := json.Marshal(map[string]string{"text": "forged"})
		ev, err := hub.NewEvent(room, hub.Position{Epoch: start.Epoch, Offset: offset}, "said", time.Now(), data)
		if err != nil {
			t.Fatal(err)
		}
		// Not sharded: the channel is the prefix and the room.
		if err := rdb.Publish(ctx, prefix+room, hub.EncodeWire(ev)).Err(); err != nil {
			t.Fatal(err)
		}
	}

	// 1. The genuine event commits, its publish is lost, and the forgery
	// comes at its offset.
	if err := db.InTx(ctx, func(tx pgx.Tx) error {
		_, err := pglog.Append(ctx, tx, room, "said", map[string]string{"text": "genuine 1"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	forge(start.Offset + 1)
	// 2. The forgery comes first, the genuine event after it.
	forge(start.Offset + 2)
	time.Sleep(100 * time.Millisecond) // the forgery reaches the nodes first
	if err := appendAndPublish(ctx, db, nodes[0].h, room, "genuine 2"); err != nil {
		t.Fatal(err)
	}
	for i, c := range clients {
		for k := int64(1); k <= 2; k++ {
			f := c.nextOfType("event")
			if f.Data.Text == "forged" {
				t.Fatalf("client of node %d applied the forged event at offset %d", i, f.Offset)
			}
			if want := "genuine " + string(rune('0'+k)); f.Offset != start.Offset+k || f.Data.Text != want {
				t.Fatalf("client of node %d got %q at offset %d, want %q at %d", i, f.Data.Text, f.Offset, want, start.Offset+k)
			}
		}
	}

}
