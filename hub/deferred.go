package hub

import "context"

// Deferred publishes through a hub given to it after it was handed out:
// the stores announce through the hub, which is built after them (the hub
// needs the services that need the stores). Set it once the hub exists,
// before anything publishes.
type Deferred struct{ h *Hub }

// Set names the hub to publish through.
func (d *Deferred) Set(h *Hub) { d.h = h }

// Publish publishes ev through the hub Set named.
func (d *Deferred) Publish(ctx context.Context, ev Event) error { return d.h.Publish(ctx, ev) }
