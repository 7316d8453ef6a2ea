package hub_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
)

// A peer that stops answering pings is closed once PongWait passes, while
// one that keeps reading (and so answers the hub's pings) stays.
func TestDeadPeersAreClosedAndLiveOnesPinged(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, func(c *hub.Config) {
		c.PingInterval = 100 * time.Millisecond
		c.PongWait = 400 * time.Millisecond
	})
	dead := mustDial(t, n, "room:ping", "")
	dead.next() // joined; from now on it reads nothing, so never pongs
	alive := mustDial(t, n, "room:ping", "")
	alive.next()
	stop := time.Now().Add(2 * time.Second)
	for time.Now().Before(stop) {
		// Reading runs gorilla's ping handler, which answers with a pong.
		if _, err := alive.tryNextRaw(stop); err != nil && time.Now().Before(stop) {
			t.Fatalf("a peer answering pings was closed: %v", err)
		}
	}
	if got := n.h.Connections(); got != 1 {
		t.Fatalf("%d connections after 2 s (5 pong waits), want only the live one", got)
	}
}

// Events that come faster than WriteCoalesce share writes, in order and
// complete.
func TestBusyRoomEventsShareWrites(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, func(c *hub.Config) { c.WriteCoalesce = 50 * time.Millisecond })
	c := mustDial(t, n, "room:busy", "")
	joined := c.next()
	ctx := context.Background()
	const events = 200
	for i := range events {
		if err := appendAndPublish(ctx, db, n.h, "room:busy", string(rune('a'+i%26))); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.pending) > 0 {
		t.Fatalf("events came with the joined frame: %+v", c.pending)
	}
	messages, seen := 0, 0
	for seen < events {
		c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			t.Fatalf("after %d of %d events: %v", seen, events, err)
		}
		messages++
		for _, line := range bytes.Split(data, []byte("\n")) {
			if off := numberAfter(line, `"offset":`); off > 0 {
				seen++
				if want := joined.From.Offset + int64(seen); off != want {
					t.Fatalf("event offset %d, want %d", off, want)
				}
			}
		}
	}
	if messages > events/4 {
		t.Fatalf("%d events took %d writes; with a 50 ms pace they should share far fewer", events, messages)
	}
}

// The hub's pings set a write deadline on the socket; events written after
// that deadline has passed must still go out (the fanout's non-blocking
// writes would fail on a stale deadline).
func TestEventsKeepFlowingAfterPingDeadlinesPass(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, func(c *hub.Config) {
		c.PingInterval = 50 * time.Millisecond
		c.PongWait = 2 * time.Second
		c.WriteWait = 20 * time.Millisecond // passes between pings
	})
	c := mustDial(t, n, "room:deadline", "")
	joined := c.next()
	ctx := context.Background()
	for i := range 15 {
		time.Sleep(60 * time.Millisecond) // past a ping and its deadline
		if err := appendAndPublish(ctx, db, n.h, "room:deadline", "e"); err != nil {
			t.Fatal(err)
		}
		f, err := c.tryNext(time.Now().Add(3 * time.Second))
		if err != nil {
			t.Fatalf("event %d: %v", i+1, err)
		}
		if want := joined.From.Offset + int64(i) + 1; f.Offset != want {
			t.Fatalf("event offset %d, want %d", f.Offset, want)
		}
	}
}

// A peer's ping is answered with a pong carrying its data, and its close
// with a close frame, by the connection's one writer.
func TestPeerPingsAndClosesAreAnswered(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, nil)
	c := mustDial(t, n, "room:pong", "")
	c.next()
	pong := make(chan string, 1)
	c.conn.SetPongHandler(func(data string) error { pong <- data; return nil })
	if err := c.conn.WriteControl(websocket.PingMessage, []byte("are you there"), time.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	bye := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "bye")
	if err := c.conn.WriteControl(websocket.CloseMessage, bye, time.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	c.conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	for {
		_, _, err := c.conn.ReadMessage() // runs the pong handler on the way
		if err == nil {
			continue
		}
		if !websocket.IsCloseError(err, websocket.CloseNormalClosure) {
			t.Fatalf("after our close: %v, want the close answered with 1000", err)
		}
		break
	}
	select {
	case got := <-pong:
		if got != "are you there" {
			t.Fatalf("pong %q", got)
		}
	default:
		t.Fatal("no pong")
	}
}
