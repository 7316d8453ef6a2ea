package hub_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/hub/redisbroker"
)

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
	listener, _, err := dial(t, n, room, "", nil) // keeps the room, and its memory, open
	if err != nil {
		t.Fatal(err)
	}
	listener.next()
	for _, text := range []string{"hello", "a secret", "bye"} {
		if err := appendAndPublish(ctx, db, n.h, room, text); err != nil {
			t.Fatal(err)
		}
	}
	var ev hub.Event
	err = db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := pglog.Rewrite(ctx, tx, room, "said", map[string]string{"text": "a secret"}, []string{"text"}, "(removed)"); err != nil {
			return err
		}
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

	c, _, err := dial(t, n, room, "?epoch="+itoa64(ev.Epoch)+"&offset=0", nil)
	if err != nil {
		t.Fatal(err)
	}
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
