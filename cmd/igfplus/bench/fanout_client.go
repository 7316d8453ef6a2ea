package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/sync/errgroup"
)

// benchClient is one WebSocket participant of the benchmark. It reads
// cheaply (no full JSON decoding), checks that offsets are contiguous and
// records publish-to-receipt latency.
type benchClient struct {
	conn     *websocket.Conn // nil when a poller reads for it
	closer   func()          // ends a polled connection
	lat      *latencyHistogram
	epoch    atomic.Int64
	last     atomic.Int64
	received atomic.Int64
	gaps     atomic.Int64
	dups     atomic.Int64
	joined   chan struct{}
	done     chan struct{}
}

var benchDialer = &websocket.Dialer{ReadBufferSize: 16 << 10, WriteBufferSize: 256, HandshakeTimeout: 30 * time.Second}

// connectAll opens n clients (or reconnects old ones, resuming from their
// positions) with bounded parallelism, and waits for each to be joined.
func (r *fanoutRun) connectAll(ctx context.Context, n int, old []*benchClient) error {
	if old == nil {
		r.clients = make([]*benchClient, n)
	}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(64)
	for i := range n {
		g.Go(func() error {
			c := &benchClient{lat: r.lat, joined: make(chan struct{}), done: make(chan struct{})}
			query := ""
			if old != nil {
				c.epoch.Store(old[i].epoch.Load())
				c.last.Store(old[i].last.Load())
				c.received.Store(old[i].received.Load())
				c.gaps.Store(old[i].gaps.Load())
				c.dups.Store(old[i].dups.Load())
				query = fmt.Sprintf("?epoch=%d&offset=%d", c.epoch.Load(), c.last.Load())
			}
			url := "ws" + strings.TrimPrefix(r.t.url, "http") + fmt.Sprintf("/ws/sessions/%d%s", r.t.session, query)
			r.clients[i] = c
			if err := r.dial(ctx, url, c); err != nil {
				return fmt.Errorf("client %d: %w", i, err)
			}
			select {
			case <-c.joined:
				return nil
			case <-time.After(30 * time.Second):
				return fmt.Errorf("client %d: no joined frame", i)
			}
		})
	}
	return g.Wait()
}

// dial connects c, read by the poller when there is one.
func (r *fanoutRun) dial(ctx context.Context, url string, c *benchClient) error {
	if r.poller != nil {
		return r.poller.dial(ctx, url, r.t.token, c)
	}
	conn, _, err := benchDialer.DialContext(ctx, url, http.Header{"Authorization": {"Bearer " + r.t.token}})
	if err != nil {
		return err
	}
	c.conn = conn
	go c.read()
	return nil
}

// resumeAll drops every connection at once, then reconnects all of them
// from their last positions, and returns how long that took.
func (r *fanoutRun) resumeAll(ctx context.Context) (float64, error) {
	old := r.clients
	for _, c := range old {
		c.close()
	}
	start := time.Now()
	err := r.connectAll(ctx, len(old), old)
	return float64(time.Since(start).Microseconds()) / 1000, err
}

func (c *benchClient) close() {
	if c.closer != nil {
		c.closer()
	} else {
		c.conn.Close()
	}
	<-c.done
}

var (
	offsetKey = []byte(`"offset":`)
	epochKey  = []byte(`"epoch":`)
	benchKey  = []byte(`"body":"bench `)
)

func (c *benchClient) read() {
	defer close(c.done)
	// One buffer a client, reused for every message: the load generator
	// shares the machine with the server, so its garbage is the server's
	// lost CPU.
	buf := make([]byte, 0, 16<<10)
	for {
		_, r, err := c.conn.NextReader()
		if err != nil {
			return
		}
		if buf, err = readAll(r, buf[:0]); err != nil {
			return
		}
		c.lines(buf, time.Now().UnixNano())
	}
}

// lines handles a message's lines, which all arrived at now.
func (c *benchClient) lines(data []byte, now int64) {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		c.frame(line, now)
	}
}

// readAll appends what r has to buf, growing it only when a message is
// bigger than any before.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, len(buf)) // doubling: few copies
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		}
	}
}

func (c *benchClient) frame(line []byte, now int64) {
	switch {
	case bytes.HasPrefix(line, []byte(`{"type":"joined"`)):
		c.epoch.Store(intAfter(line, epochKey))
		select {
		case <-c.joined:
		default:
			close(c.joined)
		}
	case bytes.HasPrefix(line, []byte(`{"type":"event"`)):
		off := intAfter(line, offsetKey)
		last := c.last.Load()
		switch {
		case off <= last:
			c.dups.Add(1)
			return
		case last > 0 && off > last+1:
			c.gaps.Add(off - last - 1)
		}
		c.last.Store(off)
		c.received.Add(1)
		// The body is "bench <seq> <sent, ns> <padding>".
		if i := bytes.Index(line, benchKey); i >= 0 {
			rest := line[i+len(benchKey):]
			_, rest = leadingInt(rest)
			if len(rest) > 0 && rest[0] == ' ' {
				if sent, _ := leadingInt(rest[1:]); sent > 0 {
					c.lat.record(time.Duration(now - sent))
				}
			}
		}
	}
}

// intAfter parses the integer that follows key in line.
func intAfter(line, key []byte) int64 {
	i := bytes.Index(line, key)
	if i < 0 {
		return -1
	}
	n, _ := leadingInt(line[i+len(key):])
	return n
}

// leadingInt parses the decimal digits b starts with (without allocating:
// the load generator's garbage is the server's lost CPU) and returns the
// rest.
func leadingInt(b []byte) (int64, []byte) {
	var n int64
	i := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		n = n*10 + int64(b[i]-'0')
	}
	return n, b[i:]
}

// latencyHistogram counts latencies in buckets of 20 µs up to 4 s. Clients
// record with atomic adds, so that thousands of readers do not contend.
type latencyHistogram struct {
	buckets []atomic.Int64
	over    atomic.Int64
	total   atomic.Int64
}

const latencyBucket = 20 * time.Microsecond

func newLatencyHistogram() *latencyHistogram {
	return &latencyHistogram{buckets: make([]atomic.Int64, int(4*time.Second/latencyBucket))}
}

func (h *latencyHistogram) record(d time.Duration) {
	if i := int(d / latencyBucket); i >= 0 && i < len(h.buckets) {
		h.buckets[i].Add(1)
	} else {
		h.over.Add(1)
	}
	h.total.Add(1)
}

// reset clears the counts; call it while nothing records.
func (h *latencyHistogram) reset() {
	for i := range h.buckets {
		h.buckets[i].Store(0)
	}
	h.over.Store(0)
	h.total.Store(0)
}

// quantile returns the q-quantile in milliseconds (the bucket's upper edge).
func (h *latencyHistogram) quantile(q float64) float64 {
	total := h.total.Load()
	if total == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(total)))
	var seen int64
	for i := range h.buckets {
		if seen += h.buckets[i].Load(); seen >= rank {
			return float64(time.Duration(i+1)*latencyBucket) / float64(time.Millisecond)
		}
	}
	return float64(4 * time.Second / time.Millisecond)
}
