package bench

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/igfplus/igfplus/hub/roomclient"
)

// The benchmark's clients are roomclient connections read by a Poller's
// epoll loops: they share the two cores with the server, and a goroutine
// wake-up for every message would cost them more than the server spends on
// the delivery. Each checks that offsets are contiguous (roomclient's
// counters) and records publish-to-receipt latency from the event's body.

// connectAll opens n clients (or reconnects old ones, resuming from their
// positions with their counters) with bounded parallelism; each is joined.
func (r *fanoutRun) connectAll(ctx context.Context, n int, old []*roomclient.Conn) error {
	if old == nil {
		r.clients = make([]*roomclient.Conn, n)
	}
	url := roomclient.SessionURL(r.t.url, r.t.session)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(64)
	for i := range n {
		g.Go(func() error {
			o := roomclient.Options{Token: r.t.token, Poller: r.poller, OnFrame: r.lat.recordSent}
			if old != nil {
				o.From, o.Counters = old[i].Position(), old[i].Counters()
			}
			c, err := roomclient.Dial(ctx, url, o)
			if err != nil {
				return fmt.Errorf("client %d: %w", i, err)
			}
			r.clients[i] = c
			return nil
		})
	}
	return g.Wait()
}

// resumeAll drops every connection at once, then reconnects all of them
// from their last positions, and returns how long that took.
func (r *fanoutRun) resumeAll(ctx context.Context) (float64, error) {
	old := r.clients
	for _, c := range old {
		c.Close()
	}
	start := time.Now()
	err := r.connectAll(ctx, len(old), old)
	return float64(time.Since(start).Microseconds()) / 1000, err
}

// sentKey starts the body of the benchmarks' chat messages, "bench <sent,
// Unix ns> ...": the send time is the first number after it.
var sentKey = []byte(`"body":"bench `)

// recordSent records an event's latency from the send time in its body
// to its message's arrival, without decoding the event.
func (h *latencyHistogram) recordSent(f roomclient.Frame) {
	if f.Type != roomclient.TypeEvent {
		return
	}
	if sent := roomclient.IntAfter(f.Line, sentKey); sent > 0 {
		h.record(time.Duration(f.Received - sent))
	}
}
