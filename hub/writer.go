package hub

import (
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Writing to connections.
//
// A connection has no writer goroutine of its own: when frames are queued
// for it, kick starts a flush goroutine that writes everything waiting and
// ends. An idle connection therefore costs no goroutine stack, and a slow
// peer blocks only its own flush, never anyone else's.
//
// Under load, a connection that wrote less than Config.WriteCoalesce ago is
// not flushed at once but at the pacer's next beat, so that one write
// carries every event that arrived meanwhile: the cost of a busy room is
// then bounded by writes per connection per beat, not by events. A quiet
// connection is written at once.

var newline = []byte{'\n'}

// kick schedules a flush of c unless one is already scheduled or running.
func (c *client) kick() {
	if !c.scheduled.CompareAndSwap(false, true) {
		return
	}
	if c.h.since()-c.lastWrite.Load() < int64(c.h.cfg.WriteCoalesce) {
		c.h.pacer.add(c)
		return
	}
	go c.flush()
}

// flush writes what is queued (and a due ping), or the close. It runs in
// one goroutine at a time per client, guarded by c.scheduled.
func (c *client) flush() {
	frames, closed := c.q.take(c.frames)
	c.frames = frames
	if closed {
		c.finish(frames)
		return // scheduled stays set: nothing flushes a finished client
	}
	if c.pingDue.Swap(false) {
		if err := c.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(c.h.cfg.WriteWait)); err != nil {
			c.fail()
			return
		}
	}
	if len(frames) > 0 {
		c.lastWrite.Store(c.h.since())
		if err := c.writeBatch(frames); err != nil {
			c.fail()
			return
		}
	}
	c.scheduled.Store(false)
	// A push that came while this flush held the schedule could not kick.
	if c.q.waiting() || c.pingDue.Load() {
		c.kick()
	}
}

// finish sends what was queued before the close (an error frame, say),
// unless the client is too slow to take it, then the close frame.
func (c *client) finish(frames [][]byte) {
	if c.closeCode != CloseSlowConsumer {
		c.writeBatch(frames)
	}
	msg := websocket.FormatCloseMessage(c.closeCode, c.closeText)
	c.conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	c.conn.Close()
}

// fail ends a connection whose write failed; its reader then stops too.
func (c *client) fail() {
	c.closeWith(websocket.CloseAbnormalClosure, "")
	c.conn.Close()
}

// writeBatch writes queued frames as one WebSocket message, one JSON value a
// line, so that a burst costs one write.
func (c *client) writeBatch(frames [][]byte) error {
	if len(frames) == 0 {
		return nil
	}
	c.h.cfg.Metrics.wrote()
	c.conn.SetWriteDeadline(time.Now().Add(c.h.cfg.WriteWait))
	w, err := c.conn.NextWriter(websocket.TextMessage)
	if err != nil {
		return err
	}
	for i, f := range frames {
		if i > 0 {
			w.Write(newline)
		}
		w.Write(f)
	}
	clear(frames)
	return w.Close()
}

// pacer flushes, at its next beat, the connections that wrote too recently
// to be written again at once.
type pacer struct {
	every time.Duration

	mu      sync.Mutex
	waiting []*client
	armed   bool
}

func (p *pacer) add(c *client) {
	p.mu.Lock()
	p.waiting = append(p.waiting, c)
	arm := !p.armed
	p.armed = true
	p.mu.Unlock()
	if arm {
		time.AfterFunc(p.every, p.beat)
	}
}

func (p *pacer) beat() {
	p.mu.Lock()
	due := p.waiting
	p.waiting, p.armed = nil, false
	p.mu.Unlock()
	for _, c := range due {
		go c.flush()
	}
}

// pingLoop pings every connection each PingInterval, through its flush, so
// that dead peers are noticed (their reader's deadline passes) without a
// timer per connection.
func (h *Hub) pingLoop(done <-chan struct{}) {
	t := time.NewTicker(h.cfg.PingInterval)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		h.mu.Lock()
		for c := range h.clients {
			c.pingDue.Store(true)
			c.kick()
		}
		h.mu.Unlock()
	}
}

// since is the time since the hub started, in nanoseconds: a monotonic clock
// that fits an atomic integer.
func (h *Hub) since() int64 { return int64(time.Since(h.started)) }
