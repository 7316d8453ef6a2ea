package hub_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/deploy/testenv"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/hub/redisbroker"
)

// soak reports whether the long forms of the load tests were asked for
// (IGFPLUS_SOAK=1); the default forms are short enough for every run.
func soak() bool { return os.Getenv("IGFPLUS_SOAK") == "1" }

// redisNodes starts two hubs sharing db and one Redis, as two server
// processes would.
func redisNodes(t *testing.T) (*testNode, *testNode) {
	t.Helper()
	db := pgtest.DB(t)
	srv := redistest.Server(t)
	prefix := redistest.Prefix(t)
	mk := func() *testNode {
		return newNode(t, db, func(c *hub.Config) {
			c.Broker = redisbroker.New(redistest.Client(t, srv), redisbroker.Options{Prefix: prefix})
			c.MessageRate, c.MessageBurst = 1000, 1000
		})
	}
	return mk(), mk()
}

// TestReconnectingClientsSeeEveryEventOnceInOrder: clients keep dropping
// and resuming on either node while events are published on both; every
// client ends with exactly the room's sequence in Postgres.
func TestReconnectingClientsSeeEveryEventOnceInOrder(t *testing.T) {
	testenv.Heavy(t, "several hub nodes on Redis")
	clients, rate, duration := 20, 200, 4*time.Second
	if soak() {
		clients, rate, duration = 200, 1000, 60*time.Second
	}
	a, b := redisNodes(t)
	nodes := []*testNode{a, b}
	ctx := context.Background()
	const room = "room:race"
	start, err := pglog.New(a.db.Pool).Top(ctx, room)
	if err != nil {
		t.Fatal(err)
	}

	stop := make(chan struct{})
	var published, next atomic.Int64
	var pubWG sync.WaitGroup
	// Enough publishers that one slow commit does not hold the rate down.
	// The k-th event is due at began + k/rate, whoever publishes it: a
	// publisher that was held up catches up instead of skipping ticks.
	const publishers = 32
	began := time.Now()
	for range publishers {
		pubWG.Add(1)
		go func() {
			defer pubWG.Done()
			for {
				k := next.Add(1)
				select {
				case <-stop:
					return
				case <-time.After(time.Until(began.Add(time.Duration(k) * time.Second / time.Duration(rate)))):
				}
				if err := appendAndPublish(ctx, a.db, nodes[k%2].h, room, "e"); err != nil {
					t.Error(err)
					return
				}
				published.Add(1)
			}
		}()
	}

	results := make([][]int64, clients)
	var cliWG sync.WaitGroup
	for i := range clients {
		cliWG.Add(1)
		go func() {
			defer cliWG.Done()
			results[i] = churn(t, nodes, room, start, stop)
		}()
	}
	time.Sleep(duration)
	close(stop)
	pubWG.Wait()
	took := time.Since(began)
	top, err := pglog.New(a.db.Pool).Top(ctx, room)
	if err != nil {
		t.Fatal(err)
	}
	cliWG.Wait()
	// Each client then catches up once more, and must hold exactly
	// start+1..top.
	for i, applied := range results {
		applied = catchUp(t, nodes[i%2], room, start, applied, top)
		if int64(len(applied)) != top.Offset-start.Offset {
			t.Errorf("client %d applied %d events, want %d", i, len(applied), top.Offset-start.Offset)
		}
		for j, off := range applied {
			if off != start.Offset+int64(j)+1 {
				t.Fatalf("client %d: event %d has offset %d, want %d (gap or duplicate)", i, j, off, start.Offset+int64(j)+1)
			}
		}
	}
	t.Logf("%d clients, %d events published across two nodes in %s (%.0f/s)", clients, published.Load(), took.Round(time.Millisecond), float64(published.Load())/took.Seconds())
}

// churn connects, reads for a while, drops the connection and resumes from
// its last applied position, until stop. It returns the offsets applied.
func churn(t *testing.T, nodes []*testNode, room string, start hub.Position, stop chan struct{}) []int64 {
	var applied []int64
	last := start
	for k := 0; ; k++ {
		select {
		case <-stop:
			return applied
		default:
		}
		n := nodes[rand.IntN(len(nodes))]
		var err error
		applied, last, err = readFor(n, room, last, applied, time.Duration(20+rand.IntN(300))*time.Millisecond)
		if err != nil {
			t.Errorf("churn: %v", err)
			return applied
		}
	}
}

// readFor reads events from a fresh connection resuming at last, for d.
func readFor(n *testNode, room string, last hub.Position, applied []int64, d time.Duration) ([]int64, hub.Position, error) {
	url := "ws" + n.srv.URL[len("http"):] + "/ws/" + room + "?epoch=" + strconv.FormatInt(last.Epoch, 10) + "&offset=" + strconv.FormatInt(last.Offset, 10)
	conn, _, err := websocket.DefaultDialer.Dial(url, map[string][]string{"X-Test-User": {"c"}})
	if err != nil {
		return applied, last, err
	}
	defer conn.Close()
	c := &testClient{conn: conn}
	deadline := time.Now().Add(d)
	for {
		f, err := c.tryNextRaw(deadline)
		if err != nil {
			var ne interface{ Timeout() bool }
			if errors.As(err, &ne) && ne.Timeout() {
				return applied, last, nil
			}
			return applied, last, err
		}
		// Only the position matters here; reading it without decoding the
		// whole frame keeps 200 clients from eating the CPU the nodes need.
		if bytes.HasPrefix(f, []byte(`{"type":"event"`)) {
			off := numberAfter(f, `"offset":`)
			applied = append(applied, off)
			last = hub.Position{Epoch: numberAfter(f, `"epoch":`), Offset: off}
		}
	}
}

// numberAfter reads the whole number that follows key in frame.
func numberAfter(frame []byte, key string) int64 {
	i := bytes.Index(frame, []byte(key))
	if i < 0 {
		return -1
	}
	rest := frame[i+len(key):]
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	n, _ := strconv.ParseInt(string(rest[:end]), 10, 64)
	return n
}

func catchUp(t *testing.T, n *testNode, room string, start hub.Position, applied []int64, top hub.Position) []int64 {
	t.Helper()
	last := start
	if len(applied) > 0 {
		last = hub.Position{Epoch: start.Epoch, Offset: applied[len(applied)-1]}
	}
	deadline := time.Now().Add(10 * time.Second)
	for last.Offset < top.Offset && time.Now().Before(deadline) {
		var err error
		if applied, last, err = readFor(n, room, last, applied, 500*time.Millisecond); err != nil {
			t.Fatal(err)
		}
	}
	return applied
}

// An event another node committed but never published (its Redis call
// failed, or it died between the commit and the publish) reaches this
// node's clients all the same: the broker has every room check the log
// now and then, though no later event shows the gap.
func TestAnEventNeverPublishedReachesTheOtherNodesClients(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	srv := redistest.Server(t)
	prefix := redistest.Prefix(t)
	b := newNode(t, db, func(c *hub.Config) {
		c.Broker = redisbroker.New(redistest.Client(t, srv), redisbroker.Options{Prefix: prefix, Resync: 100 * time.Millisecond})
	})
	const room = "room:unpublished"
	c := mustDial(t, b, room, "")
	from := c.next().From
	err := db.InTx(ctx, func(tx pgx.Tx) error { // committed on a node that then died: never published
		_, err := pglog.Append(ctx, tx, room, "said", map[string]string{"text": "last words"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	expectAll(t, c, from, hub.Position{Epoch: from.Epoch, Offset: from.Offset + 1})
}
