package hub

import (
	"sync"
	"sync/atomic"
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

// take moves every waiting item into buf (reused between calls) and
// returns it, and whether the queue has been closed.
func (q *queue) take(buf []outgoing) ([]outgoing, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	buf = append(buf[:0], q.items...)
	clear(q.items)
	q.items = q.items[:0]
	q.bytes = 0
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
	q.mu.Unlock()
}
