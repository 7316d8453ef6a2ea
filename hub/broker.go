package hub

import (
	"context"
	"errors"
)

// Broker carries committed events between the server processes that have
// clients in a room. Delivery is at most once: an event may be lost (a
// dropped connection, a broker restart), so receivers order events by offset
// and heal gaps from History.
type Broker interface {
	// Publish sends ev to every node subscribed to ev.Room, this one
	// included. At most once; it returns an error only when the broker could
	// not take the event at all.
	Publish(ctx context.Context, ev Event) error
	// Subscribe makes this node receive the room's events until Unsubscribe.
	// Calls for one room are made in order by the hub.
	Subscribe(ctx context.Context, room string) error
	// Unsubscribe stops the room's events.
	Unsubscribe(ctx context.Context, room string) error
	// Run delivers received events to deliver, in the order the broker
	// received them for each room, until ctx ends. After any interruption
	// that may have lost events (reconnection), it calls resync once the
	// subscriptions are restored, so that the hub can heal from History.
	Run(ctx context.Context, deliver func(Event), resync func()) error
	// Ping reports whether the broker is reachable now.
	Ping(ctx context.Context) error
}

// History reads a room's durable event log.
type History interface {
	// Since returns the events of room after from, in order, up to at most
	// limit events, and the room's current top position. It returns
	// ErrReset when from cannot be continued: another epoch, or events after
	// from are no longer kept.
	Since(ctx context.Context, room string, from Position, limit int) ([]Event, Position, error)
	// Top returns the room's current position.
	Top(ctx context.Context, room string) (Position, error)
}

// RecentLog is a short, best-effort memory of rooms' latest events kept
// beside the broker (Redis), read on a resume before History. It may have
// lost events or lag behind: the hub uses what it returns only when it runs
// without a hole from the resume position to at least what the room has
// already fanned out, and reads History otherwise.
type RecentLog interface {
	// Recent returns the events of room after from that it holds, in
	// offset order, without duplicates.
	Recent(ctx context.Context, room string, from Position) ([]Event, error)
}

// ErrReset means a position cannot be resumed from: the client must reload
// its state.
var ErrReset = errors.New("hub: position cannot be resumed; reload")
