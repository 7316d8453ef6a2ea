// Package membroker is the in-process hub.Broker: for a single node (the
// default when no Redis is configured) and for tests. Nothing crosses a
// process boundary, so nothing is lost; events still go through the hub's
// ordering like any other broker's.
package membroker

import (
	"context"
	"sync"

	"github.com/igfplus/igfplus/hub"
)

// Broker delivers published events to this process's subscriptions.
type Broker struct {
	mu      sync.Mutex
	rooms   map[string]bool
	events  chan hub.Event
	stopped chan struct{}
}

var _ hub.Broker = (*Broker)(nil)

// New returns an in-process broker whose delivery buffer holds size events.
func New(size int) *Broker {
	return &Broker{rooms: make(map[string]bool), events: make(chan hub.Event, size), stopped: make(chan struct{})}
}

// Publish hands ev to Run if this process subscribes to its room. It waits
// for room in the buffer rather than drop, unless ctx ends first.
func (b *Broker) Publish(ctx context.Context, ev hub.Event) error {
	b.mu.Lock()
	subscribed := b.rooms[ev.Room]
	b.mu.Unlock()
	if !subscribed {
		return nil
	}
	select {
	case b.events <- ev:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-b.stopped:
		return nil
	}
}

// Subscribe starts delivering the room's events.
func (b *Broker) Subscribe(_ context.Context, room string) error {
	b.mu.Lock()
	b.rooms[room] = true
	b.mu.Unlock()
	return nil
}

// Unsubscribe stops delivering the room's events.
func (b *Broker) Unsubscribe(_ context.Context, room string) error {
	b.mu.Lock()
	delete(b.rooms, room)
	b.mu.Unlock()
	return nil
}

// Run delivers events until ctx ends. It never loses events, so it never
// calls resync.
func (b *Broker) Run(ctx context.Context, deliver func(hub.Event), _ func()) error {
	defer close(b.stopped)
	for {
		select {
		case ev := <-b.events:
			deliver(ev)
		case <-ctx.Done():
			return nil
		}
	}
}

// Ping always succeeds: the broker is this process.
func (b *Broker) Ping(context.Context) error { return nil }
