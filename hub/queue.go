package hub

import "sync"

// queue is a connection's outgoing queue, bounded in bytes. Producers never
// block: when a push would pass the bound the queue reports overflow and the
// connection is closed as a slow consumer.
type queue struct {
	mu     sync.Mutex
	frames [][]byte
	bytes  int
	limit  int
	closed bool
	ready  chan struct{} // holds one token while frames are waiting
}

func newQueue(limit int) *queue {
	return &queue{limit: limit, ready: make(chan struct{}, 1)}
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
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
	return true
}

// take moves every waiting frame into buf (reused between calls) and
// returns it.
func (q *queue) take(buf [][]byte) [][]byte {
	q.mu.Lock()
	buf = append(buf[:0], q.frames...)
	clear(q.frames)
	q.frames = q.frames[:0]
	q.bytes = 0
	q.mu.Unlock()
	return buf
}

// size returns the bytes waiting.
func (q *queue) size() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.bytes
}

func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
}
