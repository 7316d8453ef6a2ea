package hub_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/hub/redisbroker"
)

// TestResumeFromRedisHistory: a resume further back than a node's memory is
// served from Redis's short history when it covers the gap without a hole,
// otherwise from Postgres; never partly. Trimming Postgres shows which one
// served it.
func TestResumeFromRedisHistory(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		// history is how many events Redis keeps; pgTrim deletes Postgres's
		// events up to that offset after publishing; hole drops one event
		// from Redis's list; forged puts an event no node tagged in its place.
		history           int
		events, pgTrim    int64
		hole, forged      bool
		from, first, last int64
		reload            bool
	}{
		// 1,100 events are more than a node keeps in memory (512 to 1,024).
		{name: "within Redis history, beyond memory: from Redis", history: 1500, events: 1100, pgTrim: 1090, from: 3, first: 4, last: 1100},
		{name: "gap larger than Redis history: from Postgres", history: 100, events: 1100, from: 3, first: 4, last: 1100},
		{name: "a hole in Redis history: from Postgres", history: 1500, events: 1100, hole: true, from: 3, first: 4, last: 1100},
		// Were the forgery taken, the resume would be served from Redis;
		// Postgres is read instead, whose trim asks for a reload.
		{name: "a forged event in Redis history: never served", history: 1500, events: 1100, pgTrim: 1090, forged: true, from: 3, reload: true},
		{name: "beyond Redis history and trimmed in Postgres: reload", history: 100, events: 1100, pgTrim: 100, from: 50, reload: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := pgtest.DB(t)
			rdb, prefix := redistest.Client(t, redistest.Server(t)), redistest.Prefix(t)
			broker := redisbroker.New(rdb, redisbroker.Options{Prefix: prefix, History: tc.history})
			n := newNode(t, db, func(c *hub.Config) { c.Broker, c.Recent = broker, broker })
			const room = "room:recent"
			top := fillOpenRoom(ctx, t, db, n, room, tc.events, tc.pgTrim)
			from := hub.Position{Epoch: top.Epoch, Offset: tc.from}
			if tc.hole {
				evs, err := broker.Recent(ctx, room, from)
				if err != nil || len(evs) == 0 {
					t.Fatalf("Redis history: %d events, %v", len(evs), err)
				}
				// Not sharded: the list is named after the channel.
				if err := rdb.LRem(ctx, prefix+room+"#history", 1, hub.EncodeWire(evs[len(evs)/2])).Err(); err != nil {
					t.Fatal(err)
				}
			}
			if tc.forged {
				forgeRecent(t, rdb, prefix+room+"#history", room, top.Epoch, 500)
			}
			expectResume(t, n, room, from, tc.first, tc.last, tc.reload)
		})
	}
}

// forgeRecent replaces the event at offset in a room's history list with
// one that no node tagged, as someone with access to Redis could.
func forgeRecent(t *testing.T, rdb redis.UniversalClient, key, room string, epoch, offset int64) {
	t.Helper()
	ctx := context.Background()
	vals, err := rdb.LRange(ctx, key, 0, -1).Result()
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vals {
		ev, err := hub.DecodeWire(room, []byte(v))
		if err != nil || ev.Offset != offset {
			continue
		}
		forged, err := hub.NewEvent(room, hub.Position{Epoch: epoch, Offset: offset}, "said", time.Now(), json.RawMessage(`{"text":"forged"}`))
		if err != nil {
			t.Fatal(err)
		}
		if err := rdb.LSet(ctx, key, int64(i), hub.EncodeWire(forged)).Err(); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("no event at offset %d in %s", offset, key)
}

// TestRewrittenEventsAreNotReplayed: once an event says that it rewrote
// earlier ones in History, a resume from before them gets them as History
// now has them, neither from the node's memory nor from Redis's history,
// which both still hold the old text (and the flag crosses Redis).
func TestRewrittenEventsAreNotReplayed(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	rdb, prefix := redistest.Client(t, redistest.Server(t)), redistest.Prefix(t)
	broker := redisbroker.New(rdb, redisbroker.Options{Prefix: prefix, History: 100})
	n := newNode(t, db, func(c *hub.Config) { c.Broker, c.Recent = broker, broker })
	const room = "room:rewrite"
	listener := mustDial(t, n, room, "") // keeps the room, and its memory, open
	listener.next()
	for _, text := range []string{"hello", "a secret", "bye"} {
		if err := appendAndPublish(ctx, db, n.h, room, text); err != nil {
			t.Fatal(err)
		}
	}
	var ev hub.Event
	err := db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := pglog.Rewrite(ctx, tx, room, "said", map[string]string{"text": "a secret"}, []string{"text"}, "(removed)"); err != nil {
			return err
		}
		var err error
		ev, err = pglog.Append(ctx, tx, room, "unsaid", map[string]string{"text": "removal"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ev.Rewrote = true
	if err := n.h.Publish(ctx, ev); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		listener.next()
	}

	c := mustDial(t, n, room, "?epoch="+itoa64(ev.Epoch)+"&offset=0")
	deadline := time.Now().Add(5 * time.Second)
	if f, err := c.tryNext(deadline); err != nil || f.Type != "joined" {
		t.Fatalf("got %+v, %v; want joined", f, err)
	}
	var texts []string
	for range 4 {
		f, err := c.tryNext(deadline)
		if err != nil || f.Type != "event" {
			t.Fatalf("got %+v, %v; want an event", f, err)
		}
		texts = append(texts, f.Data.Text)
	}
	if texts[1] != "(removed)" {
		t.Errorf("a resume from offset 0 replayed %q, want the rewritten event (all: %q)", texts[1], texts)
	}
}

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
		c := mustDial(t, n, room, "")
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
