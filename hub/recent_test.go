package hub_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

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
			listener, _, err := dial(t, n, room, "", nil) // keeps the room open, as live participants would
			if err != nil {
				t.Fatal(err)
			}
			listener.next()
			for range tc.events {
				if err := appendAndPublish(ctx, db, n.h, room, "e"); err != nil {
					t.Fatal(err)
				}
			}
			if tc.pgTrim > 0 {
				if _, err := db.Pool.Exec(ctx, `DELETE FROM room_events WHERE room = $1 AND "offset" <= $2`, room, tc.pgTrim); err != nil {
					t.Fatal(err)
				}
			}
			top, err := pglog.New(db.Pool).Top(ctx, room)
			if err != nil {
				t.Fatal(err)
			}
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
