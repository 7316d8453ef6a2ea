package hub

import (
	"context"
	"errors"
	"github.com/prometheus/client_golang/prometheus"
	"slices"
	"sync"
	"time"
)

// room holds the local connections of one room and puts the room's events
// in order before fanning them out. Events may arrive twice (locally and
// through the broker), late, or not at all; the room delivers each offset
// once, in order, and heals gaps from History.
type room struct {
	name string
	h    *Hub

	refs       int  // guarded by shard.mu
	subscribed bool // guarded by shard.subMu

	mu      sync.Mutex
	clients map[*client]struct{}
	known   bool     // top has been read from History
	top     Position // last event fanned out
	pending map[int64]Event
	healing bool
	// catchUp asks the next heal to read History even without a known gap:
	// the broker may have lost events at the end of the sequence.
	catchUp bool
	// recent holds the last events fanned out (recentEvents to twice that),
	// oldest first, so that most resumes are served from memory instead of
	// Postgres.
	recent []Event
	// snapshot is the room's latest non-sequenced frame (presence);
	// snapshotDue says the next batch carries it (batch.go).
	snapshot    []byte
	snapshotDue bool

	// The next batch (batch.go): events fanned out but not yet offered to
	// the connections; whether the fanout goroutine runs; the earliest the
	// next batch may go (as Hub.since).
	batch      []Event
	batchBytes int
	fanning    bool
	nextBatch  int64
	// The live connections again, split into shards that a batch is sent
	// to in parallel (shard.go), and the fanout's reused list of them.
	shards  []*roomShard
	sending []*roomShard
}

// recentEvents is how many of a room's latest events a node keeps for
// resumes, at least.
const recentEvents = 512

func newRoom(h *Hub, name string) *room {
	return &room{name: name, h: h, clients: make(map[*client]struct{}), pending: make(map[int64]Event)}
}

func (r *room) isKnown() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.known
}

// learnTop sets the room's starting position from History, with its recent
// events (one read), then delivers whatever arrived while it was unknown.
// Preloading the recent events matters when many clients move to this node
// at once (another node restarted): their resumes are then served from
// memory instead of one database read each.
func (r *room) learnTop(ctx context.Context) error {
	top, err := r.h.cfg.History.Top(ctx, r.name)
	if err != nil {
		return err
	}
	from := Position{Epoch: top.Epoch, Offset: max(0, top.Offset-recentEvents)}
	recent, recentTop, err := r.h.cfg.History.Since(ctx, r.name, from, recentEvents)
	if err != nil || recentTop != top {
		recent = nil // trimmed, or moved on meanwhile: start with no memory
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.known {
		return nil
	}
	r.known, r.top, r.recent = true, top, recent
	waiting := r.pending
	r.pending = make(map[int64]Event)
	for _, ev := range waiting {
		r.acceptLocked(ev)
	}
	return nil
}

// deliver takes an event from the broker or from a local publish.
func (r *room) deliver(ev Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.known {
		r.pending[ev.Offset] = ev
		return
	}
	r.acceptLocked(ev)
}

func (r *room) acceptLocked(ev Event) {
	switch {
	case ev.Epoch < r.top.Epoch:
		return // from a log that has since been reset
	case ev.Epoch > r.top.Epoch:
		r.resetLocked(ev.Position())
		return
	case ev.Offset <= r.top.Offset:
		return // already delivered
	case ev.Offset == r.top.Offset+1:
		r.fanoutLocked(ev)
		r.drainLocked()
	default:
		r.pending[ev.Offset] = ev
		r.scheduleHealLocked()
	}
}

// drainLocked fans out pending events that have become next in line.
func (r *room) drainLocked() {
	for {
		next, ok := r.pending[r.top.Offset+1]
		if !ok {
			break
		}
		delete(r.pending, next.Offset)
		r.fanoutLocked(next)
	}
	for off := range r.pending {
		if off <= r.top.Offset {
			delete(r.pending, off)
		}
	}
}

func (r *room) fanoutLocked(ev Event) {
	r.top = ev.Position()
	if ev.Rewrote {
		r.recent = nil // holds what History no longer has
	}
	if len(r.recent) == 2*recentEvents {
		// Drop the older half at once: one copy every recentEvents events
		// rather than a shift of the whole memory on each.
		copy(r.recent, r.recent[recentEvents:])
		clear(r.recent[recentEvents:])
		r.recent = r.recent[:recentEvents]
	}
	r.recent = append(r.recent, ev)
	r.enqueueLocked(ev)
}

// resetLocked handles a new epoch: nothing before it can be replayed, so
// every local client must reload.
func (r *room) resetLocked(to Position) {
	r.top = Position{Epoch: to.Epoch, Offset: to.Offset}
	clear(r.pending)
	r.recent = nil
	r.batch, r.batchBytes = nil, 0
	for c := range r.clients {
		r.h.cfg.Metrics.inc(func(m *Metrics) prometheus.Counter { return m.Resets })
		c.closeWith(CloseReload, "room log reset")
	}
}

// distrust makes the room read History for what follows its top, as after
// a lost event: an event at one of those offsets came without a valid tag.
func (r *room) distrust() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.known {
		r.catchUp = true
		r.scheduleHealLocked()
	}
}

func (r *room) scheduleHealLocked() {
	if r.healing {
		return
	}
	r.healing = true
	wait := r.h.cfg.GapGrace
	if len(r.pending) > r.h.cfg.BacklogLimit {
		wait = 0
	}
	time.AfterFunc(wait, r.heal)
}

// heal reads the missing events from History and delivers them.
func (r *room) heal() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r.mu.Lock()
	from := r.top
	stillGap := len(r.pending) > 0 || r.catchUp
	r.catchUp = false
	if !stillGap {
		r.healing = false
	}
	r.mu.Unlock()
	if !stillGap {
		return
	}
	evs, top, err := r.h.cfg.History.Since(ctx, r.name, from, r.h.cfg.BacklogLimit)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.healing = false
	switch {
	case errors.Is(err, ErrReset):
		r.resetLocked(top)
		return
	case err != nil:
		r.h.cfg.Logger.Warn("hub: healing a gap failed; retrying", "room", r.name, "err", err)
		r.catchUp = true
		r.scheduleHealLocked()
		return
	}
	if len(evs) > 0 {
		r.h.cfg.Metrics.inc(func(m *Metrics) prometheus.Counter { return m.GapsHealed })
	}
	for _, ev := range evs {
		r.acceptLocked(ev)
	}
	if len(evs) == r.h.cfg.BacklogLimit {
		r.catchUp = true // there may be more than one read brings
	}
	if len(r.pending) > 0 || r.catchUp {
		r.scheduleHealLocked()
	}
}

// add registers c. When from is nil the client starts live at the room's
// top; when the room's recent events cover what follows from and fit well
// in the client's queue, they are queued at once. Either way the client is
// live and add returns true. Otherwise c joins holding live events until
// its backlog has been queued, and add returns false with the room's top,
// which the backlog must reach, and the backlog itself when the room's
// memory covers it (a copy: the memory moves on).
func (r *room) add(c *client, from *Position) (Position, []Event, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clients[c] = struct{}{}
	r.addToShardLocked(c)
	if from == nil {
		c.pushFrame(mustJSON(joinedFrame{Type: "joined", Room: r.name, From: r.top}))
		c.last = r.top
		r.pushSnapshotLocked(c)
		return r.top, nil, true
	}
	events, ok := r.recentAfter(*from)
	if ok && framesSize(events) <= r.h.cfg.QueueBytes/2 {
		c.pushFrame(mustJSON(joinedFrame{Type: "joined", Room: r.name, From: *from}))
		for _, ev := range events {
			c.pushFrame(ev.Frame)
		}
		c.last = r.top
		r.pushSnapshotLocked(c)
		return *from, nil, true
	}
	c.joining = true
	if ok {
		return r.top, slices.Clone(events), false // queued at the writer's pace (join)
	}
	return r.top, nil, false
}

// framesSize is the bytes events take in a queue.
func framesSize(events []Event) int {
	n := 0
	for _, ev := range events {
		n += len(ev.Frame)
	}
	return n
}

// pushSnapshotLocked sends the room's snapshot, if any, to a client that
// has just become live.
func (r *room) pushSnapshotLocked(c *client) {
	if r.snapshot != nil {
		c.pushFrame(r.snapshot)
	}
}

// recentAfter returns the events after from when the room's memory covers
// them all; called with r.mu held.
func (r *room) recentAfter(from Position) ([]Event, bool) {
	if from.Epoch != r.top.Epoch || from.Offset > r.top.Offset {
		return nil, false // another epoch, or ahead: let History decide
	}
	if from.Offset == r.top.Offset {
		return nil, true
	}
	if len(r.recent) == 0 || r.recent[0].Offset > from.Offset+1 {
		return nil, false
	}
	i := int(from.Offset + 1 - r.recent[0].Offset)
	return r.recent[i:], true
}

func (r *room) remove(c *client) {
	r.mu.Lock()
	delete(r.clients, c)
	r.removeFromShardLocked(c)
	r.mu.Unlock()
}
