package hub

import (
	"runtime"
	"sync"
)

// Room shards.
//
// A room's connections are split into shards of at most Config.ShardSize.
// A batch is framed once (batch.go); then each shard's goroutine queues it
// to its own connections and writes it to their sockets, all shards at
// once, so that a big room's fanout runs on every core instead of one
// goroutine visiting every connection in turn. The room's fanout goroutine
// waits for every shard before the next batch, so each connection still
// gets the room's batches one at a time and in order. Shards are kept, not
// cut afresh per batch: a connection stays in its shard from join to
// leave, and a shard's goroutine walks its own small map.
//
// Queueing a batch reads and sets fields of the client that room.mu guards
// (joining, held, last). The shards' goroutines do it while the room's
// fanout goroutine holds room.mu and waits for them (queued), so those
// fields keep one lock; the writes that follow need no room lock and run
// after the fanout goroutine has released it.

// roomShard is a fixed part of a room's connections; guarded by room.mu,
// except targets and queued, which only the goroutine sending the shard
// its batch touches.
type roomShard struct {
	clients map[*client]struct{}
	targets []*client // the connections to write this batch to (reused)
	queued  int       // events queued by this batch
	cpu     int64     // CPU time sending this batch took, in ns; -1: unknown
}

// sent is what sending one batch took.
type sent struct {
	queued   int   // events queued, over all connections
	cpu      int64 // CPU time over all shards, in ns; -1: unknown
	parallel int   // how many shards could run at once
}

// addToShardLocked puts c in the room's emptiest shard with room left, or
// a new one; called with r.mu held.
func (r *room) addToShardLocked(c *client) {
	var best *roomShard
	for _, s := range r.shards {
		if len(s.clients) < r.h.cfg.ShardSize && (best == nil || len(s.clients) < len(best.clients)) {
			best = s
		}
	}
	if best == nil {
		best = &roomShard{clients: make(map[*client]struct{})}
		r.shards = append(r.shards, best)
	}
	best.clients[c] = struct{}{}
	c.shard = best
}

// removeFromShardLocked takes c out of its shard and drops shards left
// empty; called with r.mu held.
func (r *room) removeFromShardLocked(c *client) {
	s := c.shard
	if s == nil {
		return
	}
	delete(s.clients, c)
	c.shard = nil
	if len(s.clients) == 0 {
		r.shards = deleteShard(r.shards, s)
	}
}

func deleteShard(shards []*roomShard, s *roomShard) []*roomShard {
	for i, x := range shards {
		if x == s {
			last := len(shards) - 1
			shards[i] = shards[last]
			shards[last] = nil
			return shards[:last]
		}
	}
	return shards
}

// sendBatchLocked queues b to every live connection of the room and
// writes it to their sockets, each shard in a goroutine of its own; it
// releases r.mu once every shard has queued the batch and returns when
// every shard has written it. Called with r.mu held.
func (r *room) sendBatchLocked(b *batch) sent {
	m := r.h.cfg.Metrics
	if len(r.shards) <= 1 {
		// One shard (or none): no goroutine to start.
		if len(r.shards) == 0 {
			r.mu.Unlock()
			return sent{cpu: -1, parallel: 1}
		}
		s := r.shards[0]
		s.send(b, r.mu.Unlock, m)
		return sent{queued: s.queued, cpu: s.cpu, parallel: 1}
	}
	shards := append(r.sending[:0], r.shards...)
	r.sending = shards
	var queued, written sync.WaitGroup
	queued.Add(len(shards))
	written.Add(len(shards))
	for _, s := range shards {
		go func() {
			defer written.Done()
			s.send(b, queued.Done, m)
		}()
	}
	queued.Wait()
	r.mu.Unlock()
	written.Wait()
	out := sent{parallel: min(len(shards), runtime.GOMAXPROCS(0))}
	for _, s := range shards {
		out.queued += s.queued
		if out.cpu >= 0 && s.cpu >= 0 {
			out.cpu += s.cpu
		} else {
			out.cpu = -1
		}
	}
	clear(shards) // hold no shard past its batch
	return out
}

// send queues b to the shard's connections, calls queued, writes b to
// them, and notes the CPU time that took. The goroutine keeps to its
// thread meanwhile, so that the thread's CPU clock measures it alone: the
// room's beat follows the CPU its batches cost, not the wall time, which
// other processes on a busy machine would stretch (batch.go).
func (s *roomShard) send(b *batch, queued func(), m *Metrics) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0 := threadCPU()
	s.queue(b)
	queued()
	s.write(m)
	s.cpu = -1
	if t1 := threadCPU(); t0 >= 0 && t1 >= 0 {
		s.cpu = t1 - t0
	}
}

// queue offers b to each connection of the shard and keeps those to write
// to; it runs while the room's fanout goroutine holds room.mu for it.
func (s *roomShard) queue(b *batch) {
	targets, n := s.targets[:0], 0
	for c := range s.clients {
		if k, queued := c.offerBatch(b); queued {
			n += k
			targets = append(targets, c)
		}
	}
	s.targets, s.queued = targets, n
}

// write writes the queued batch to each target's socket in turn.
func (s *roomShard) write(m *Metrics) {
	wrote := 0
	for _, c := range s.targets {
		if c.writeSoon() {
			wrote++
		}
	}
	m.wrote(wrote)
	clear(s.targets) // hold no client past its batch
}
