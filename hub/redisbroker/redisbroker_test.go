package redisbroker

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/deploy/localredis"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/hub"
)

func TestMain(m *testing.M) { redistest.Main(m) }

// node is a running Broker with what it delivered, as one server process.
type node struct {
	*Broker
	events  chan hub.Event
	resyncs chan struct{}
}

// startNode runs a broker on its own client of srv until the test ends.
func startNode(tb testing.TB, srv *localredis.Server, opts Options) *node {
	tb.Helper()
	n := &node{Broker: New(redistest.Client(tb, srv), opts),
		events: make(chan hub.Event, 4096), resyncs: make(chan struct{}, 64)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- n.Run(ctx, func(ev hub.Event) {
			select {
			case n.events <- ev:
			default:
				tb.Error("delivery buffer full")
			}
		}, func() {
			select {
			case n.resyncs <- struct{}{}:
			default:
			}
		})
	}()
	tb.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				tb.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			tb.Error("Run did not return after its context ended")
		}
	})
	return n
}

func mustEvent(tb testing.TB, room string, offset int64) hub.Event {
	tb.Helper()
	ev, err := hub.NewEvent(room, hub.Position{Epoch: 7, Offset: offset}, "test", time.Unix(1700000000, 0), json.RawMessage(fmt.Sprintf(`{"n":%d}`, offset)))
	if err != nil {
		tb.Fatal(err)
	}
	return ev
}

func (n *node) mustSubscribe(tb testing.TB, rooms ...string) {
	tb.Helper()
	for _, r := range rooms {
		if err := n.Subscribe(context.Background(), r); err != nil {
			tb.Fatalf("Subscribe(%s): %v", r, err)
		}
	}
}

func (n *node) mustPublish(tb testing.TB, ev hub.Event) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := n.Publish(ctx, ev); err != nil {
		tb.Fatalf("Publish: %v", err)
	}
}

func (n *node) next(tb testing.TB) hub.Event {
	tb.Helper()
	select {
	case ev := <-n.events:
		return ev
	case <-time.After(3 * time.Second):
		tb.Fatal("no event delivered within 3 s")
		return hub.Event{}
	}
}

func (n *node) waitResync(tb testing.TB) {
	tb.Helper()
	select {
	case <-n.resyncs:
	case <-time.After(4 * time.Second):
		tb.Fatal("resync not called within 4 s")
	}
}

func (n *node) expectQuiet(tb testing.TB, d time.Duration) {
	tb.Helper()
	select {
	case ev := <-n.events:
		tb.Fatalf("unexpected event: room %s offset %d", ev.Room, ev.Offset)
	case <-time.After(d):
	}
}

func sameEvent(a, b hub.Event) bool {
	return a.Room == b.Room && a.Epoch == b.Epoch && a.Offset == b.Offset && bytes.Equal(a.Frame, b.Frame)
}

// waitSubscribers polls Redis until channel has want subscribers, plain or
// sharded.
func waitSubscribers(tb testing.TB, c *redis.Client, sharded bool, channel string, want int64) {
	tb.Helper()
	ctx := context.Background()
	var got int64
	for range 200 {
		var m map[string]int64
		var err error
		if sharded {
			m, err = c.PubSubShardNumSub(ctx, channel).Result()
		} else {
			m, err = c.PubSubNumSub(ctx, channel).Result()
		}
		if err != nil {
			tb.Fatal(err)
		}
		if got = m[channel]; got == want {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	tb.Fatalf("channel %s has %d subscribers (sharded=%v), want %d", channel, got, sharded, want)
}

func TestEventCrossesToOtherNodeAndBack(t *testing.T) {
	for _, sharded := range []bool{false, true} {
		t.Run(fmt.Sprintf("sharded=%v", sharded), func(t *testing.T) {
			srv := redistest.Server(t)
			opts := Options{Prefix: redistest.Prefix(t), Sharded: sharded}
			a, b := startNode(t, srv, opts), startNode(t, srv, opts)
			a.mustSubscribe(t, "plenary")
			b.mustSubscribe(t, "plenary")
			// Subscribe waited for Redis, so this single event must arrive.
			ev := mustEvent(t, "plenary", 1)
			a.mustPublish(t, ev)
			if got := b.next(t); !sameEvent(got, ev) {
				t.Fatalf("other node got %+v, want %+v", got, ev)
			}
			if got := a.next(t); !sameEvent(got, ev) {
				t.Fatalf("publishing node got %+v, want %+v", got, ev)
			}
		})
	}
}

func TestShardedModeUsesShardChannels(t *testing.T) {
	srv := redistest.Server(t)
	admin := redistest.Client(t, srv)
	n := startNode(t, srv, Options{Prefix: redistest.Prefix(t), Sharded: true})
	n.mustSubscribe(t, "ws-12")
	_, channel := n.route("ws-12")
	waitSubscribers(t, admin, true, channel, 1)
	waitSubscribers(t, admin, false, channel, 0)
	// SPUBLISH reaches only shard subscribers: receiving proves it was used.
	n.mustPublish(t, mustEvent(t, "ws-12", 1))
	if got := n.next(t); got.Room != "ws-12" {
		t.Fatalf("got room %q", got.Room)
	}
}

func TestUnsubscribeStopsDelivery(t *testing.T) {
	for _, sharded := range []bool{false, true} {
		t.Run(fmt.Sprintf("sharded=%v", sharded), func(t *testing.T) {
			srv := redistest.Server(t)
			admin := redistest.Client(t, srv)
			opts := Options{Prefix: redistest.Prefix(t), Sharded: sharded}
			pub, sub := startNode(t, srv, opts), startNode(t, srv, opts)
			sub.mustSubscribe(t, "left", "kept")
			if err := sub.Unsubscribe(context.Background(), "left"); err != nil {
				t.Fatal(err)
			}
			_, channel := sub.route("left")
			waitSubscribers(t, admin, sharded, channel, 0)
			pub.mustPublish(t, mustEvent(t, "left", 1))
			pub.mustPublish(t, mustEvent(t, "kept", 2))
			if got := sub.next(t); got.Room != "kept" {
				t.Fatalf("got an event of room %q after unsubscribing from it", got.Room)
			}
			sub.expectQuiet(t, 100*time.Millisecond)
		})
	}
}

func TestOrderPerRoomKeptOver1000Events(t *testing.T) {
	for _, sharded := range []bool{false, true} {
		t.Run(fmt.Sprintf("sharded=%v", sharded), func(t *testing.T) {
			srv := redistest.Server(t)
			opts := Options{Prefix: redistest.Prefix(t), Sharded: sharded}
			pub, sub := startNode(t, srv, opts), startNode(t, srv, opts)
			rooms := []string{"main-hall", "workshop-3"}
			sub.mustSubscribe(t, rooms...)
			const perRoom = 1000
			var wg sync.WaitGroup
			for _, room := range rooms {
				wg.Go(func() {
					for i := int64(1); i <= perRoom; i++ {
						if err := pub.Publish(context.Background(), mustEvent(t, room, i)); err != nil {
							t.Error(err)
							return
						}
					}
				})
			}
			last := map[string]int64{}
			for range perRoom * len(rooms) {
				ev := sub.next(t)
				if ev.Offset != last[ev.Room]+1 {
					t.Fatalf("room %s: offset %d after %d", ev.Room, ev.Offset, last[ev.Room])
				}
				last[ev.Room] = ev.Offset
			}
			wg.Wait()
		})
	}
}

// A fault that may lose messages must end with the subscriptions back and
// one resync, after which events flow again.
func TestReconnectsAndResyncs(t *testing.T) {
	faults := map[string]func(t *testing.T, srv *localredis.Server, admin *redis.Client){
		"client kill": func(t *testing.T, srv *localredis.Server, admin *redis.Client) {
			n, err := admin.ClientKillByFilter(context.Background(), "TYPE", "pubsub").Result()
			if err != nil || n == 0 {
				t.Fatalf("CLIENT KILL TYPE pubsub: killed %d, %v", n, err)
			}
		},
		"redis restart": func(t *testing.T, srv *localredis.Server, _ *redis.Client) {
			if err := srv.Kill(); err != nil {
				t.Fatal(err)
			}
			if err := srv.Restart(context.Background()); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, fault := range faults {
		for _, sharded := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/sharded=%v", name, sharded), func(t *testing.T) {
				srv := redistest.Private(t)
				admin := redistest.Client(t, srv)
				expectRecovery(t, srv, Options{Prefix: "p:", Sharded: sharded}, func() { fault(t, srv, admin) })
			})
		}
	}
}

// expectRecovery runs fault, which may lose messages, under a subscribed
// node, and checks that it ends with the subscription back and one resync,
// after which another node's events reach it again.
func expectRecovery(t *testing.T, srv *localredis.Server, opts Options, fault func()) {
	t.Helper()
	pub, sub := startNode(t, srv, opts), startNode(t, srv, opts)
	sub.mustSubscribe(t, "room")
	sub.waitResync(t) // the first connection's
	fault()
	sub.waitResync(t)
	pub.mustPublish(t, mustEvent(t, "room", 1))
	if got := sub.next(t); got.Offset != 1 {
		t.Fatalf("got offset %d", got.Offset)
	}
}

func TestSubscribeWhileRedisDownReturnsAtOnceAndTakesEffectOnReturn(t *testing.T) {
	srv := redistest.Private(t)
	opts := Options{Prefix: "p:", SubscribeWait: 3 * time.Second}
	pub, sub := startNode(t, srv, opts), startNode(t, srv, opts)
	sub.mustSubscribe(t, "before")
	sub.waitResync(t)
	if err := srv.Kill(); err != nil {
		t.Fatal(err)
	}
	waitDown(t, sub.links[0])
	start := time.Now()
	sub.mustSubscribe(t, "during")
	if d := time.Since(start); d > time.Second {
		t.Fatalf("Subscribe took %v while Redis was down", d)
	}
	if err := srv.Restart(context.Background()); err != nil {
		t.Fatal(err)
	}
	sub.waitResync(t)
	pub.mustPublish(t, mustEvent(t, "during", 1))
	pub.mustPublish(t, mustEvent(t, "before", 2))
	for _, want := range []string{"during", "before"} {
		if got := sub.next(t); got.Room != want {
			t.Fatalf("got room %q, want %q", got.Room, want)
		}
	}
}

func waitDown(tb testing.TB, l *link) {
	tb.Helper()
	for range 300 {
		l.mu.Lock()
		down := l.down
		l.mu.Unlock()
		if down {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	tb.Fatal("the broker did not notice that Redis died")
}

func TestPublishWhileRedisDownFailsWithinItsContext(t *testing.T) {
	srv := redistest.Private(t)
	n := New(redistest.Client(t, srv), Options{Prefix: "p:"})
	if err := srv.Kill(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := n.Publish(ctx, mustEvent(t, "room", 1))
	if err == nil {
		t.Fatal("Publish succeeded with Redis down")
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("Publish took %v, past its 300 ms context", d)
	}
	pctx, pcancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer pcancel()
	if err := n.Ping(pctx); err == nil {
		t.Fatal("Ping succeeded with Redis down")
	}
}

// A connection that stays open but stops answering (here: CLIENT PAUSE)
// must be caught by the health check and replaced.
func TestHealthCheckReplacesSilentConnection(t *testing.T) {
	srv := redistest.Private(t)
	admin := redistest.Client(t, srv)
	expectRecovery(t, srv, Options{Prefix: "p:", HealthCheck: 100 * time.Millisecond}, func() {
		if err := admin.ClientPause(context.Background(), time.Second).Err(); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkPublishRoundTrip(b *testing.B) {
	srv := redistest.Server(b)
	opts := Options{Prefix: redistest.Prefix(b)}
	pub, sub := startNode(b, srv, opts), startNode(b, srv, opts)
	sub.mustSubscribe(b, "bench")
	ev := mustEvent(b, "bench", 1)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := pub.Publish(ctx, ev); err != nil {
			b.Fatal(err)
		}
		<-sub.events
	}
}
