package hub_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/deploy/testenv"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/hub/redisbroker"
)

// privateRedisNodes is redisNodes on a Redis of the test's own, which the
// test may kill and restart.
func privateRedisNodes(t *testing.T) (*testNode, *testNode, *localredis.Server) {
	t.Helper()
	db := pgtest.DB(t)
	srv := redistest.Private(t)
	mk := func() *testNode {
		return newNode(t, db, func(c *hub.Config) {
			c.Broker = redisbroker.New(redistest.Client(t, srv), redisbroker.Options{})
		})
	}
	return mk(), mk(), srv
}

// publishDuring publishes on node a every 5 ms: 60 events before fault
// runs, all the while it runs, and 100 after it; it returns the room's
// final top.
func publishDuring(t *testing.T, a *testNode, room string, fault func()) hub.Position {
	t.Helper()
	ctx := context.Background()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var n atomic.Int64
	published := make(chan int64, 1) // the count, after each publish
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			if err := appendAndPublish(ctx, a.db, a.h, room, "f"); err != nil {
				t.Error(err)
				return
			}
			select {
			case <-published:
			default:
			}
			published <- n.Add(1)
		}
	}()
	until := func(k int64) {
		t.Helper()
		timeout := time.After(30 * time.Second)
		for {
			select {
			case got := <-published:
				if got >= k {
					return
				}
			case <-timeout:
				close(stop)
				wg.Wait()
				t.Fatalf("only %d events published, want %d", n.Load(), k)
			}
		}
	}
	until(60)
	fault()
	until(n.Load() + 100)
	close(stop)
	wg.Wait()
	top, err := pglog.New(a.db.Pool).Top(ctx, room)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("published %d events around the fault", n.Load())
	return top
}

// expectAll reads c until it has every offset up to top, in order, within
// 10 s.
func expectAll(t *testing.T, c *testClient, from, top hub.Position) {
	t.Helper()
	want := from.Offset + 1
	deadline := time.Now().Add(10 * time.Second)
	for want <= top.Offset {
		f, err := c.tryNext(deadline)
		if err != nil {
			t.Fatalf("waiting for offset %d of %d: %v", want, top.Offset, err)
		}
		if f.Type != "event" {
			continue
		}
		if f.Offset != want {
			t.Fatalf("got offset %d, want %d", f.Offset, want)
		}
		want++
	}
}

func testFault(t *testing.T, fault func(*localredis.Server)) {
	testenv.Heavy(t, "several hub nodes on a Redis that is killed")
	a, b, srv := privateRedisNodes(t)
	const room = "room:fault"
	var clients []*testClient
	for range 5 {
		c := mustDial(t, b, room, "")
		clients = append(clients, c)
	}
	var from hub.Position
	for _, c := range clients {
		from = c.next().From
	}
	top := publishDuring(t, a, room, func() { fault(srv) })
	for _, c := range clients {
		expectAll(t, c, from, top)
	}
}

func TestClientsGetEveryEventAfterPubSubConnectionsAreKilled(t *testing.T) {
	testFault(t, func(srv *localredis.Server) {
		c := redistest.Client(t, srv)
		if err := c.Do(context.Background(), "CLIENT", "KILL", "TYPE", "pubsub").Err(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestClientsGetEveryEventAfterARedisRestart(t *testing.T) {
	testFault(t, func(srv *localredis.Server) {
		if err := srv.Kill(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		if err := srv.Restart(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}
