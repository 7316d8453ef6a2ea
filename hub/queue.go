package hub

import (
	"sync"
	"sync/atomic"
)

// queue is a connection's outgoing queue, bounded in bytes. Producers never
// block: when a push would pass the bound the queue reports overflow and the
// connection is closed as a slow consumer.
type queue struct {
	highWater *highWater
	mu        sync.Mutex
	frames    [][]byte
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

// push appends frame. It returns false when the queue is over its bound (the
// frame is not queued) or closed.
func (q *queue) push(frame []byte) bool {
	q.mu.Lock()
	if q.closed || q.bytes+len(frame) > q.limit {
		q.mu.Unlock()
		return false
	}
	q.frames = append(q.frames, frame)
	q.bytes += len(frame)
	size := q.bytes
	q.mu.Unlock()
	q.highWater.observe(size)
	return true
}

// take moves every waiting frame into buf (reused between calls) and
// returns it, and whether the queue has been closed.
func (q *queue) take(buf [][]byte) ([][]byte, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	buf = append(buf[:0], q.frames...)
	clear(q.frames)
	q.frames = q.frames[:0]
	q.bytes = 0
	return buf, q.closed
}

// waiting reports whether a flush has anything to do: frames, or the close.
func (q *queue) waiting() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.frames) > 0 || q.closed
}

func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
}
