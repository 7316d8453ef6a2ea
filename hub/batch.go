package hub

import (
	"encoding/binary"
	"time"
)

// Room batches.
//
// A room's events go to its live connections as batches: one WebSocket
// message, one event a line, framed once and written as the same bytes to
// every connection. Fanout then costs one queue push and one write per
// connection per batch, not per event.
//
// One fanout goroutine a room, alive only while events flow, sends the
// batches one after another, each to the room's shards in parallel
// (shard.go). The first event after a quiet spell goes at once, as a
// batch of one; later ones wait for the room's next beat: at least
// Config.WriteCoalesce after the last batch, and at least twice as long as
// writing that batch took (its CPU time per core it ran on, so that other
// processes' load does not stretch the beat). So a busy room costs at most
// one write per connection per beat, and when writes are costly (a big
// room) the batches grow instead of the room's writes taking every core
// and falling behind.

// maxBatchBytes is the size past which a batch no longer waits for the
// beat: it goes as soon as the fanout goroutine looks again (a heal can
// bring thousands of events at once, and a message should not grow without
// bound).
const maxBatchBytes = 64 << 10

// writeDuty is the least ratio of a room's beat to the time its last batch
// took to write (its CPU time over the shards that ran at once, where the
// kernel tells it; else its wall time): the room's writes keep at most
// half of the cores they run on busy.
const writeDuty = 2

// batch is a run of a room's events, in order, and the room's snapshot
// when it changed since the last batch, as one message.
type batch struct {
	events   []Event
	snapshot []byte // the new snapshot, the last line; nil: unchanged
	lines    []byte // the events' frames (and the snapshot), one a line
	frame    []byte // lines as one unmasked WebSocket text frame
	// closes says whether any event ends an account's connections.
	closes bool
}

// enqueueLocked adds ev to the room's next batch and starts the room's
// fanout goroutine if it is not running; called with r.mu held.
func (r *room) enqueueLocked(ev Event) {
	r.batch = append(r.batch, ev)
	r.batchBytes += len(ev.Frame) + 1
	r.startFanoutLocked()
}

// snapshotLocked makes frame the room's snapshot and sends it with the
// next batch; called with r.mu held.
func (r *room) snapshotLocked(frame []byte) {
	r.snapshot, r.snapshotDue = frame, true
	r.startFanoutLocked()
}

func (r *room) startFanoutLocked() {
	if !r.fanning {
		r.fanning = true
		go r.fanout()
	}
}

// fanout sends the room's batches until none is waiting.
func (r *room) fanout() {
	for {
		r.mu.Lock()
		if len(r.batch) == 0 && !r.snapshotDue {
			r.fanning = false
			r.mu.Unlock()
			return
		}
		wait := time.Duration(r.nextBatch - r.h.since())
		if wait > 0 && r.batchBytes < maxBatchBytes {
			r.mu.Unlock()
			time.Sleep(wait)
			continue
		}
		start := r.h.since()
		sent := r.sendBatchLocked(r.takeBatchLocked()) // releases r.mu
		r.h.cfg.Metrics.delivered(sent.queued)
		took := r.h.since() - start
		if sent.cpu >= 0 {
			// What the batch cost the cores it ran on: on a machine that
			// other processes keep busy, the wall time is mostly waiting
			// for a core, and a beat twice as long would only add latency.
			took = min(took, sent.cpu/int64(sent.parallel))
		}
		r.mu.Lock()
		r.nextBatch = start + max(int64(r.h.cfg.WriteCoalesce), writeDuty*took)
		r.mu.Unlock()
	}
}

// takeBatchLocked frames the waiting events (and the snapshot, when it
// changed) as one batch, once for every connection; called with r.mu held.
func (r *room) takeBatchLocked() *batch {
	var snapshot []byte
	if r.snapshotDue {
		snapshot, r.snapshotDue = r.snapshot, false
	}
	b := newBatch(r.batch, r.batchBytes, snapshot)
	r.batch, r.batchBytes = nil, 0
	return b
}

// frameHeadroom is the most a WebSocket frame header takes (server frames
// are not masked).
const frameHeadroom = 10

func newBatch(events []Event, size int, snapshot []byte) *batch {
	buf := make([]byte, frameHeadroom, frameHeadroom+size+len(snapshot))
	b := &batch{events: events, snapshot: snapshot}
	for i, ev := range events {
		if i > 0 {
			buf = append(buf, '\n')
		}
		buf = append(buf, ev.Frame...)
		b.closes = b.closes || ev.CloseAccount != 0
	}
	if snapshot != nil {
		if len(events) > 0 {
			buf = append(buf, '\n')
		}
		buf = append(buf, snapshot...)
	}
	b.lines = buf[frameHeadroom:]
	b.frame = putTextHeader(buf, len(b.lines))
	return b
}

// putTextHeader writes the header of a final, unmasked text frame of n
// bytes into buf's headroom and returns the frame.
func putTextHeader(buf []byte, n int) []byte {
	const finalText = 0x81
	switch {
	case n < 126:
		buf[8], buf[9] = finalText, byte(n)
		return buf[8:]
	case n < 1<<16:
		buf[6], buf[7] = finalText, 126
		binary.BigEndian.PutUint16(buf[8:10], uint16(n))
		return buf[6:]
	default:
		buf[0], buf[1] = finalText, 127
		binary.BigEndian.PutUint64(buf[2:10], uint64(n))
		return buf
	}
}

// offerBatch queues b for the client, in order; called with room.mu held.
// It returns how many events were queued, and whether anything was (the
// caller writes it).
func (c *client) offerBatch(b *batch) (int, bool) {
	if b.closes {
		defer c.closeIfRemoved(b.events)
	}
	if c.joining {
		// The snapshot is not held: the client gets the room's latest when
		// it becomes live.
		c.hold(b.events...)
		return 0, false
	}
	if len(b.events) > 0 {
		first, last := b.events[0], b.events[len(b.events)-1]
		switch {
		case last.Epoch == c.last.Epoch && last.Offset <= c.last.Offset:
			return 0, c.offerSnapshot(b) // the events were in this client's backlog
		case first.Epoch != c.last.Epoch || first.Offset != c.last.Offset+1:
			// The client's backlog reached into the batch: send the rest one
			// by one.
			n := 0
			for _, ev := range b.events {
				if c.offer(ev) {
					n++
				}
			}
			return n, c.offerSnapshot(b) || n > 0
		}
	}
	if !c.q.pushBatch(b) {
		c.slow()
		return 0, false
	}
	if len(b.events) > 0 {
		c.last = b.events[len(b.events)-1].Position()
	}
	return len(b.events), true
}

// offerSnapshot queues the batch's snapshot on its own, for a client that
// does not take the batch whole; it reports whether it queued one.
func (c *client) offerSnapshot(b *batch) bool {
	if b.snapshot == nil {
		return false
	}
	if !c.q.push(b.snapshot) {
		c.slow()
		return false
	}
	return true
}

// closeIfRemoved ends the connection when one of events removes its account.
func (c *client) closeIfRemoved(events []Event) {
	for _, ev := range events {
		if ev.CloseAccount != 0 && c.who.AccountID == ev.CloseAccount {
			c.closeWith(CloseForbidden, "you were removed from this room")
			return
		}
	}
}
