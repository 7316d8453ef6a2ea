package hub_test

import (
	"context"
	"net"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/testenv"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
)

// TestSlowReaderIsDroppedWhileTheRoomStaysBusy: a room receives 20 events a
// second, committed to Postgres, while one client never reads. Once its
// queue passes the bound, the client must be gone within 15 s (the hub
// promises 10) although events keep coming, the readers beside it must get
// every event once and in order, and the slow-consumer metric must count
// one connection, not the events it refused. Before the fix each refused
// event pushed the blocked write's deadline a second further, so at 20
// events a second the connection stayed for as long as the room was busy.
func TestSlowReaderIsDroppedWhileTheRoomStaysBusy(t *testing.T) {
	testenv.Heavy(t, "a room kept busy for half a minute")
	db := pgtest.DB(t)
	reg := prometheus.NewRegistry()
	n := newNode(t, db, func(c *hub.Config) {
		c.QueueBytes = 64 << 10 // fills in about a second at 20 events of 4 KB
		c.Metrics = hub.NewMetrics(reg)
	})
	smallSendBuffers(t, n)
	slowConsumers := func() float64 { return counter(t, reg, "igfplus_hub_slow_consumers_total") }
	const room = "room:slowdrop"
	ctx := context.Background()
	start, err := pglog.New(db.Pool).Top(ctx, room)
	if err != nil {
		t.Fatal(err)
	}
	readers := make([]*testClient, 3)
	for i := range readers {
		c := mustDial(t, n, room, "")
		if f := c.next(); f.Type != "joined" || f.From != start {
			t.Fatalf("reader %d joined with %+v, want from %+v", i, f, start)
		}
		readers[i] = c
	}
	dialSlow(t, n, room)

	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		body := strings.Repeat("x", 4000)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			if err := appendAndPublish(ctx, db, n.h, room, body); err != nil {
				t.Error(err)
			}
		}
	}()
	var wg sync.WaitGroup
	got := make([][]int64, len(readers))
	for i, c := range readers {
		wg.Go(func() { got[i] = readOffsets(t, c) })
	}

	overflowed := waitFor(60*time.Second, func() bool { return slowConsumers() > 0 })
	if !overflowed {
		close(stop)
		t.Fatal("the slow client's queue never passed its bound in 60 s")
	}
	dropped := waitFor(15*time.Second, func() bool { return n.h.Connections() == len(readers) })
	time.Sleep(time.Second) // the room stays busy a little longer
	close(stop)
	<-done
	if err := appendAndPublish(ctx, db, n.h, room, "end"); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	top, err := pglog.New(db.Pool).Top(ctx, room)
	if err != nil {
		t.Fatal(err)
	}

	if !dropped {
		t.Errorf("%d connections 15 s after the slow client's queue passed its bound, want %d: the slow client was not dropped", n.h.Connections(), len(readers))
	}
	if c := slowConsumers(); c != 1 {
		t.Errorf("igfplus_hub_slow_consumers_total = %v, want 1 (one connection dropped)", c)
	}
	for i, offsets := range got {
		if want := int(top.Offset - start.Offset); len(offsets) != want {
			t.Errorf("reader %d got %d events, want %d", i, len(offsets), want)
		}
		for j, off := range offsets {
			if off != start.Offset+int64(j)+1 {
				t.Errorf("reader %d: event %d has offset %d, want %d (a gap or a repeat)", i, j, off, start.Offset+int64(j)+1)
				break
			}
		}
	}
}

// readOffsets reads c's events, keeping their offsets, up to the one
// whose text is "end", or until a read fails.
func readOffsets(t *testing.T, c *testClient) []int64 {
	var offsets []int64
	for {
		f, err := c.tryNext(time.Now().Add(60 * time.Second))
		if err != nil {
			t.Errorf("reader: %v after %d events", err, len(offsets))
			return offsets
		}
		if f.Type == "event" {
			offsets = append(offsets, f.Offset)
			if f.Data.Text == "end" {
				return offsets
			}
		}
	}
}

// smallSendBuffers serves n's connections from sockets with a small,
// fixed send buffer, so that a client that does not read fills its queue
// in seconds, not after the megabytes of an autotuned buffer.
func smallSendBuffers(t *testing.T, n *testNode) {
	t.Helper()
	handler := n.srv.Config.Handler
	n.srv.Close()
	srv := httptest.NewUnstartedServer(handler)
	srv.Listener = smallSendListener{srv.Listener}
	srv.Start()
	n.srv = srv // newNode's cleanup closes it
}

type smallSendListener struct{ net.Listener }

func (l smallSendListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(16 << 10)
	}
	return c, err
}

// waitFor polls cond until it holds or d has passed, and reports whether
// it held.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// counter reads a counter of reg by its name.
func counter(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == name {
			return f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatalf("no metric %s", name)
	return 0
}
