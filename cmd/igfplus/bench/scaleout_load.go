package bench

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/igfplus/igfplus/hub/roomclient"
)

// scaleoutRoom is one room of the run and its clients.
type scaleoutRoom struct {
	index     int // 0 is the plenary
	id        int64
	kind      *scaleoutKindRun
	rate      float64 // events a second
	token     string  // its publisher's: its first client's account
	clients   []*roomclient.Conn
	nodes     int // how many server nodes hold its clients
	published atomic.Int64
}

// scaleoutKindRun gathers the latencies of one kind of room.
type scaleoutKindRun struct {
	name   string
	lat    *latencyHistogram
	pubLat *latencyHistogram
}

// scaleoutRun is the run's rooms and clients, connected.
type scaleoutRun struct {
	rooms       []*scaleoutRoom
	kinds       []*scaleoutKindRun // plenary, nri
	perNode     [][]*roomclient.Conn
	poller      *roomclient.Poller
	http        *http.Client
	padding     string
	seq         atomic.Int64
	errors      atomic.Int64
	connectTime time.Duration
}

// connectScaleout makes the small rooms and connects every client: client
// j (over all rooms, the plenary's first) goes to node j mod nodes, as a
// balancer spreading connections would, so that every node holds some of
// nearly every room and subscribes to its channel.
func connectScaleout(ctx context.Context, site *scaleoutSite, o scaleoutOpts) (*scaleoutRun, error) {
	small, err := site.makeRooms(ctx, o.rooms-1)
	if err != nil {
		return nil, err
	}
	p, err := roomclient.NewPoller(runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, err
	}
	r := &scaleoutRun{poller: p, perNode: make([][]*roomclient.Conn, o.nodes),
		padding: strings.Repeat("x", max(0, o.payload-120)),
		http:    &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}}
	plenary := &scaleoutKindRun{name: "plenary", lat: newLatencyHistogram(), pubLat: newLatencyHistogram()}
	nri := &scaleoutKindRun{name: "nri", lat: newLatencyHistogram(), pubLat: newLatencyHistogram()}
	r.kinds = []*scaleoutKindRun{plenary, nri}
	r.rooms = append(r.rooms, &scaleoutRoom{id: site.Session, kind: plenary, rate: o.plenaryRate, clients: make([]*roomclient.Conn, o.plenary)})
	for i, id := range small {
		r.rooms = append(r.rooms, &scaleoutRoom{index: i + 1, id: id, kind: nri, rate: o.rate, clients: make([]*roomclient.Conn, o.roomSize)})
	}
	start := time.Now()
	err = r.dialAll(ctx, site)
	r.connectTime = time.Since(start)
	if err != nil {
		r.closeAll()
		return nil, err
	}
	return r, nil
}

// dialAll opens every room's clients with bounded parallelism.
func (r *scaleoutRun) dialAll(ctx context.Context, site *scaleoutSite) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(64)
	nodes := len(site.nodes)
	placed := make([][]int, len(r.rooms)) // the node of each client, by room
	j := 0
	for ri, room := range r.rooms {
		room.token = site.Tokens[j]
		room.nodes = min(len(room.clients), nodes)
		placed[ri] = make([]int, len(room.clients))
		for ci := range room.clients {
			node, token := j%nodes, site.Tokens[j]
			placed[ri][ci] = node
			j++
			g.Go(func() error {
				c, err := roomclient.Dial(gctx, roomclient.SessionURL(site.nodes[node].url, room.id),
					roomclient.Options{Token: token, Poller: r.poller, OnFrame: room.kind.lat.recordSent})
				if err != nil {
					return fmt.Errorf("bench scaleout: room %d, client %d: %w", room.index, ci, err)
				}
				room.clients[ci] = c
				return nil
			})
		}
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for ri, room := range r.rooms {
		for ci, c := range room.clients {
			r.perNode[placed[ri][ci]] = append(r.perNode[placed[ri][ci]], c)
		}
	}
	return nil
}

// closeAll closes every client and stops the poller.
func (r *scaleoutRun) closeAll() {
	for _, room := range r.rooms {
		for _, c := range room.clients {
			if c != nil {
				c.Close()
			}
		}
	}
	r.poller.Stop()
}

// received sums what the clients applied.
func received(clients []*roomclient.Conn) int64 {
	var n int64
	for _, c := range clients {
		n += c.Counters().Received.Load()
	}
	return n
}

// publishAll has every room publish at its rate for the duration, each
// from enough publishers that one POST's round trip does not hold up the
// next (one for every 10 events a second), each POST to the next node in
// turn; a refused POST is counted, not retried.
func (r *scaleoutRun) publishAll(ctx context.Context, site *scaleoutSite, o scaleoutOpts) {
	stop := time.Now().Add(o.duration)
	var g errgroup.Group
	for _, room := range r.rooms {
		publishers := max(1, int(room.rate/10+0.999))
		interval := time.Duration(float64(time.Second) * float64(publishers) / room.rate)
		// Rooms start out of phase, so that they do not all publish at once.
		phase := time.Duration(room.index) * interval / time.Duration(len(r.rooms))
		for p := range publishers {
			g.Go(func() error {
				next := time.Now().Add(phase + time.Duration(p)*interval/time.Duration(publishers))
				for k := p; next.Before(stop) && ctx.Err() == nil; k += publishers {
					time.Sleep(time.Until(next))
					next = next.Add(interval)
					url := site.nodes[(room.index+k)%len(site.nodes)].url
					if err := postBenchChat(ctx, r.http, room.kind.pubLat, url, room.token, room.id, r.seq.Add(1), r.padding); err != nil {
						r.errors.Add(1)
						continue
					}
					room.published.Add(1)
				}
				return nil
			})
		}
	}
	g.Wait()
}

// short counts the rooms where some client has not yet received every
// event published into it since before (each client's count then).
func (r *scaleoutRun) short(before map[*roomclient.Conn]int64) int {
	n := 0
	for _, room := range r.rooms {
		want := room.published.Load()
		for _, c := range room.clients {
			if c.Counters().Received.Load()-before[c] < want {
				n++
				break
			}
		}
	}
	return n
}

// waitDelivered waits until every client has every event, or for bound.
func (r *scaleoutRun) waitDelivered(before map[*roomclient.Conn]int64, bound time.Duration) {
	for deadline := time.Now().Add(bound); r.short(before) > 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
}
