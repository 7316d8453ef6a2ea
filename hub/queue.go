package hub

import (
	"sync"
	"sync/atomic"
	"time"
)

// outgoing is one item of a connection's queue: lines (one or more JSON
// values, one a line), and when they are a room's batch, the batch, whose
// frame is shared by all the room's connections.
type outgoing struct {
	lines []byte
	batch *batch
}

// queue is a connection's outgoing queue, bounded in bytes. Producers never
// block: when a push would pass the bound the queue reports overflow and the
// connection is closed as a slow consumer.
type queue struct {
	highWater *highWater
	mu        sync.Mutex
	items     []outgoing
	bytes     int
	limit     int
	closed    bool
	// drained is made when a producer first waits for room (pushWait): the
	// writer's take and the close signal it. Most connections never need it.
	drained chan struct{}
}

func newQueue(limit int, hw *highWater) *queue {
	return &queue{limit: limit, highWater: hw}
}

// highWater tracks the largest queue seen across a hub's connections.
type highWater struct {
	max   atomic.Int64
	gauge func(float64)
}

func (h *highWater) observe(n int) {
	for {
		cur := h.max.Load()
		if int64(n) <= cur {
			return
		}
		if h.max.CompareAndSwap(cur, int64(n)) {
			if h.gauge != nil {
				h.gauge(float64(n))
			}
			return
		}
	}
}

// push appends a line. It returns false when the queue is over its bound
// (the line is not queued) or closed.
func (q *queue) push(line []byte) bool {
	return q.pushItem(outgoing{lines: line})
}

// pushBatch appends a room's batch, like push.
func (q *queue) pushBatch(b *batch) bool {
	return q.pushItem(outgoing{lines: b.lines, batch: b})
}

func (q *queue) pushItem(it outgoing) bool {
	q.mu.Lock()
	if q.closed || q.bytes+len(it.lines) > q.limit {
		q.mu.Unlock()
		return false
	}
	q.items = append(q.items, it)
	q.bytes += len(it.lines)
	size := q.bytes
	q.mu.Unlock()
	q.highWater.observe(size)
	return true
}

// pushWait appends a line like push, but while the queue is over its bound
// it waits for the writer to take what is queued (kick starts the writer),
// up to wait in all. It returns false when the queue is closed, or when the
// writer took nothing in time: the peer is not reading.
func (q *queue) pushWait(line []byte, wait time.Duration, kick func()) bool {
	var timeout <-chan time.Time
	for {
		q.mu.Lock()
		switch {
		case q.closed:
			q.mu.Unlock()
			return false
		case q.bytes+len(line) <= q.limit:
			q.items = append(q.items, outgoing{lines: line})
			q.bytes += len(line)
			size := q.bytes
			q.mu.Unlock()
			q.highWater.observe(size)
			return true
		}
		if q.drained == nil {
			q.drained = make(chan struct{}, 1)
		}
		drained := q.drained
		q.mu.Unlock()
		if timeout == nil {
			t := time.NewTimer(wait)
			defer t.Stop()
			timeout = t.C
		}
		kick()
		select {
		case <-drained:
		case <-timeout:
			return false
		}
	}
}

// signalLocked wakes a producer waiting in pushWait; called with q.mu held.
func (q *queue) signalLocked() {
	if q.drained != nil {
		select {
		case q.drained <- struct{}{}:
		default:
		}
	}
}

// take moves every waiting item into buf (reused between calls) and
// returns it, and whether the queue has been closed.
func (q *queue) take(buf []outgoing) ([]outgoing, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	buf = append(buf[:0], q.items...)
	clear(q.items)
	q.items = q.items[:0]
	q.bytes = 0
	q.signalLocked()
	return buf, q.closed
}

// waiting reports whether a flush has anything to do: items, or the close.
func (q *queue) waiting() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items) > 0 || q.closed
}

func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.signalLocked()
	q.mu.Unlock()
}
