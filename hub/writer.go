package hub

import (
	"time"

	"github.com/gorilla/websocket"
)

// Writing to connections.
//
// A connection has no writer goroutine of its own. A room's fanout
// goroutine writes each batch to the connection's socket itself, without
// blocking (writeSoon), when the batch is all that is waiting and the
// socket takes it whole. Anything else (a socket that is full, lines of the
// connection's own, a ping, the close) is left to a flush goroutine that
// writes everything waiting, as one message, and ends. An idle connection
// therefore costs no goroutine stack, and a slow peer blocks only its own
// flush, never the room's fanout.
//
// At most one writer runs per connection: the one that set c.scheduled.
// The reader goroutine does not write either (pings and closes it receives
// are answered through the flush), so frames cannot interleave. The one
// exception is gorilla's own: on a protocol error or an oversized message
// it writes a close frame from the reader. Should that fall between the two
// halves of a batch a full socket split, the close is garbled; the
// connection is ending either way, and the peer sees 1006 instead.

var newline = []byte{'\n'}

// kick schedules a flush of c unless one is already scheduled or running.
func (c *client) kick() {
	if c.scheduled.CompareAndSwap(false, true) {
		go c.flush()
	}
}

// writeSoon writes what is queued for c from the fanout goroutine when it
// is one batch and the socket takes it at once; otherwise it hands over to
// a flush goroutine. It reports whether it wrote the batch whole (the
// caller counts those writes, to keep a shared counter off the hot path).
func (c *client) writeSoon() bool {
	if !c.scheduled.CompareAndSwap(false, true) {
		return false // a flush is under way; it will take the batch too
	}
	items, closed := c.q.take(c.items)
	c.items = items
	if closed || len(items) != 1 || items[0].batch == nil || c.controlDue() || c.socket < 0 {
		go c.flushTaken(items, closed)
		return false
	}
	frame := items[0].batch.frame
	clear(items)
	n, err := writeNonBlocking(c.socket, frame)
	switch {
	case err != nil:
		c.fail()
		return false
	case n < len(frame):
		go c.finishFrame(frame[n:])
		return false
	}
	c.done()
	return true
}

// flush writes what is queued (and a due ping or pong), or the close. It
// runs in one goroutine at a time per client, guarded by c.scheduled.
func (c *client) flush() {
	items, closed := c.q.take(c.items)
	c.items = items
	c.flushTaken(items, closed)
}

func (c *client) flushTaken(items []outgoing, closed bool) {
	if closed {
		c.finish(items)
		return // scheduled stays set: nothing flushes a finished client
	}
	if err := c.writeControl(); err != nil {
		c.fail()
		return
	}
	if err := c.write(items); err != nil {
		c.fail()
		return
	}
	c.clearDeadline()
	c.done()
}

// clearDeadline lifts the deadline a blocking write set, which would
// otherwise fail the fanout's later non-blocking writes once it passed.
func (c *client) clearDeadline() {
	var none time.Time
	if by := c.dropBy.Load(); by != 0 {
		none = time.Unix(0, by) // a slow connection's deadline stays
	}
	c.conn.NetConn().SetWriteDeadline(none)
}

// writeDeadline bounds a blocking write: WriteWait from now, or sooner
// when the connection is being dropped as too slow. A deadline never moves
// past dropBy, so a slow consumer is gone within slowGrace of its queue
// passing the bound, or within WriteWait of the write already under way,
// however many events the room goes on offering it.
func (c *client) writeDeadline() time.Time {
	d := time.Now().Add(c.h.cfg.WriteWait)
	if by := c.dropBy.Load(); by != 0 && by < d.UnixNano() {
		return time.Unix(0, by)
	}
	return d
}

// finishFrame writes the rest of a frame the socket did not take at once,
// blocking this goroutine, not the fanout, then carries on as a flush.
func (c *client) finishFrame(rest []byte) {
	if err := c.writeFramed(rest); err != nil {
		c.fail()
		return
	}
	c.h.cfg.Metrics.wrote(1)
	c.clearDeadline()
	c.done()
}

// done releases the schedule. A push that came while the writer held it
// could not kick, so look again.
func (c *client) done() {
	c.scheduled.Store(false)
	if c.q.waiting() || c.controlDue() {
		c.kick()
	}
}

func (c *client) controlDue() bool {
	return c.pingDue.Load() || c.pong.Load() != nil
}

// writeControl sends a due ping, and the pong for a ping received.
func (c *client) writeControl() error {
	deadline := c.writeDeadline()
	if p := c.pong.Swap(nil); p != nil {
		if err := c.conn.WriteControl(websocket.PongMessage, []byte(*p), deadline); err != nil {
			return err
		}
	}
	if c.pingDue.Swap(false) {
		return c.conn.WriteControl(websocket.PingMessage, nil, deadline)
	}
	return nil
}

// finish sends what was queued before the close (an error frame, say),
// unless the client is too slow to take it, then the close frame.
func (c *client) finish(items []outgoing) {
	if c.closeCode != CloseSlowConsumer {
		c.writeControl() // a pong owed comes before the close
		c.write(items)
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

// write writes queued items in order as one message: a lone batch as the
// frame the room made, anything more joined, one value a line, so that a
// connection that fell behind catches up in one write.
func (c *client) write(items []outgoing) error {
	if len(items) == 0 {
		return nil
	}
	defer clear(items)
	c.h.cfg.Metrics.wrote(1)
	if len(items) == 1 && items[0].batch != nil {
		return c.writeFramed(items[0].batch.frame)
	}
	c.conn.SetWriteDeadline(c.writeDeadline())
	w, err := c.conn.NextWriter(websocket.TextMessage)
	if err != nil {
		return err
	}
	for i, it := range items {
		if i > 0 {
			w.Write(newline)
		}
		w.Write(it.lines)
	}
	return w.Close()
}

// writeFramed writes bytes that are already WebSocket framing to the
// socket, blocking up to WriteWait.
func (c *client) writeFramed(b []byte) error {
	nc := c.conn.NetConn()
	nc.SetWriteDeadline(c.writeDeadline())
	_, err := nc.Write(b)
	return err
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
