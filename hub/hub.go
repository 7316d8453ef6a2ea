package hub

import (
	"context"
	"errors"
	"github.com/prometheus/client_golang/prometheus"
	"hash/maphash"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

const shardCount = 64

// Hub keeps this node's WebSocket connections by room and fans events out.
type Hub struct {
	cfg      Config
	mac      *eventMAC
	seed     maphash.Seed
	shards   [shardCount]shard
	upgrader websocket.Upgrader
	origins  map[string]bool
	limits   *connLimits

	highWater highWater
	started   time.Time
	// refusedLogged is when (as since) a refused event was last logged.
	refusedLogged atomic.Int64

	mu      sync.Mutex
	clients map[*client]struct{}
	// accounts holds the signed-in connections by account, so that a
	// sign-out told by the database finds that person's connections
	// without visiting every connection of the node.
	accounts map[int64]map[*client]struct{}
	closing  bool
	wg       sync.WaitGroup
}

type shard struct {
	mu    sync.Mutex
	subMu sync.Mutex // serialises broker (un)subscriptions of the shard's rooms
	rooms map[string]*room
}

// New returns a hub. Run must be called for it to receive the broker's events.
func New(cfg Config) (*Hub, error) {
	if cfg.Broker == nil || cfg.History == nil || cfg.Policy == nil || cfg.Authenticate == nil {
		return nil, errors.New("hub: Broker, History, Policy and Authenticate are required")
	}
	cfg.setDefaults()
	mac, err := newEventMAC(cfg.EventKeys)
	if err != nil {
		return nil, err
	}
	h := &Hub{cfg: cfg, mac: mac, seed: maphash.MakeSeed(), origins: make(map[string]bool), clients: make(map[*client]struct{}), accounts: make(map[int64]map[*client]struct{}), started: time.Now(),
		limits: newConnLimits(cfg.SocketsPerAccount, cfg.SocketsPerAddress)}
	for _, o := range cfg.AllowedOrigins {
		h.origins[o] = true
	}
	for i := range h.shards {
		h.shards[i].rooms = make(map[string]*room)
	}
	if cfg.Metrics != nil {
		h.highWater.gauge = cfg.Metrics.QueueHighWater.Set
	}
	h.upgrader = websocket.Upgrader{
		// Clients send small messages (a chat line, a vote), and every
		// connection holds its read buffer for life: 512 bytes keep an
		// idle connection small, at the cost of a few more reads for the
		// rare long message.
		ReadBufferSize: 512,
		// Write buffers are only held while a write is under way, so that an
		// idle connection costs no write buffer. A connection catching up
		// writes up to 16 KiB a frame, so a backlog is a few writes, not one
		// every 4 KiB.
		WriteBufferSize:   16 << 10,
		WriteBufferPool:   &sync.Pool{},
		CheckOrigin:       h.checkOrigin,
		EnableCompression: false,
		// A request that is no handshake gets problem+json like the rest
		// of the API, not the library's plain text.
		Error: writeHandshakeError,
	}
	return h, nil
}

// Run receives events from the broker, and checks connections'
// credentials, until ctx ends.
func (h *Hub) Run(ctx context.Context) error {
	go h.revalidate(ctx)
	go h.pingLoop(ctx.Done())
	return h.cfg.Broker.Run(ctx, h.deliverRemote, h.resync)
}

// Publish delivers a committed event to this node's clients at once and to
// the other nodes through the broker, tagged for them once here. A broker
// failure is logged, not returned: the event is durable, and other nodes
// heal the gap from History.
func (h *Hub) Publish(ctx context.Context, ev Event) error {
	h.cfg.Metrics.inc(func(m *Metrics) prometheus.Counter { return m.Published })
	ev = h.mac.sign(ev)
	h.deliver(ev)
	if err := h.cfg.Broker.Publish(ctx, ev); err != nil {
		h.cfg.Logger.Warn("hub: broker publish failed; other nodes will heal", "room", ev.Room, "offset", ev.Offset, "err", err)
	}
	return nil
}

func (h *Hub) shard(name string) *shard {
	return &h.shards[maphash.String(h.seed, name)%shardCount]
}

func (h *Hub) lookup(name string) *room {
	sh := h.shard(name)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	return sh.rooms[name]
}

func (h *Hub) deliver(ev Event) {
	if r := h.lookup(ev.Room); r != nil {
		r.deliver(ev)
	}
}

// deliverRemote takes an event from the broker when its tag is valid.
// Otherwise the event is dropped and its room reads History for whatever
// it has not delivered yet, that offset included: a forged event never
// reaches a client, and the genuine one is not lost behind it.
func (h *Hub) deliverRemote(ev Event) {
	if h.mac.valid(ev) {
		h.deliver(ev)
		return
	}
	h.refused(ev)
	if r := h.lookup(ev.Room); r != nil {
		r.distrust()
	}
}

// refused counts an event whose tag is not valid and logs it, at most once
// a minute: a forger must not flood the log, and during a key rollover
// every event of the nodes not rolled yet would.
func (h *Hub) refused(ev Event) {
	h.cfg.Metrics.inc(func(m *Metrics) prometheus.Counter { return m.Unauthenticated })
	now := h.since()
	last := h.refusedLogged.Load()
	if (last == 0 || now-last >= int64(time.Minute)) && h.refusedLogged.CompareAndSwap(last, now) {
		h.cfg.Logger.Warn("hub: refused an event without a valid tag from the broker; reading the event log instead (a forgery, or nodes without the same event key)", "room", ev.Room, "offset", ev.Offset)
	}
}

// resync is called by the broker after it may have lost events: every room
// checks History for what it missed.
func (h *Hub) resync() {
	for _, r := range h.rooms() {
		r.mu.Lock()
		if r.known {
			r.catchUp = true
			r.scheduleHealLocked()
		}
		r.mu.Unlock()
	}
}

// rooms returns every room with clients on this node, at one moment.
func (h *Hub) rooms() []*room {
	var out []*room
	for i := range h.shards {
		sh := &h.shards[i]
		sh.mu.Lock()
		for _, r := range sh.rooms {
			out = append(out, r)
		}
		sh.mu.Unlock()
	}
	return out
}

// acquire returns the room, subscribing this node to it when it is the
// room's first local client. The room's starting position is read from
// History only while it is unknown, and outside the subscription lock, so
// that joins to a busy room cost no database round trip.
func (h *Hub) acquire(ctx context.Context, name string) (*room, error) {
	r, err := h.subscribe(ctx, name)
	if err != nil {
		return nil, err
	}
	if !r.isKnown() {
		if err := r.learnTop(ctx); err != nil {
			h.release(ctx, r)
			return nil, err
		}
	}
	return r, nil
}

// subscribe counts a reference to the room and subscribes the broker to it
// if this is the first.
func (h *Hub) subscribe(ctx context.Context, name string) (*room, error) {
	sh := h.shard(name)
	sh.subMu.Lock()
	defer sh.subMu.Unlock()
	sh.mu.Lock()
	r := sh.rooms[name]
	if r == nil {
		r = newRoom(h, name)
		sh.rooms[name] = r
		h.cfg.Metrics.room(1)
	}
	r.refs++
	sh.mu.Unlock()
	if !r.subscribed {
		if err := h.cfg.Broker.Subscribe(ctx, name); err != nil {
			h.releaseLocked(ctx, sh, r)
			return nil, err
		}
		r.subscribed = true
	}
	return r, nil
}

func (h *Hub) release(ctx context.Context, r *room) {
	sh := h.shard(r.name)
	sh.subMu.Lock()
	defer sh.subMu.Unlock()
	h.releaseLocked(ctx, sh, r)
}

func (h *Hub) releaseLocked(ctx context.Context, sh *shard, r *room) {
	sh.mu.Lock()
	r.refs--
	last := r.refs == 0
	if last {
		delete(sh.rooms, r.name)
		h.cfg.Metrics.room(-1)
	}
	sh.mu.Unlock()
	if last && r.subscribed {
		r.subscribed = false
		if err := h.cfg.Broker.Unsubscribe(ctx, r.name); err != nil {
			h.cfg.Logger.Warn("hub: unsubscribe failed", "room", r.name, "err", err)
		}
	}
}

func (h *Hub) checkOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true // not a browser: nothing to forge
	}
	return h.origins[origin]
}

// Shutdown closes every connection with 1001 so that clients resume on
// another node, and waits for them to finish or ctx to end.
func (h *Hub) Shutdown(ctx context.Context) error {
	h.mu.Lock()
	h.closing = true
	for c := range h.clients {
		c.closeWith(websocket.CloseGoingAway, "server shutting down")
	}
	h.mu.Unlock()
	done := make(chan struct{})
	go func() { h.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// QueueHighWater returns the most bytes that ever waited in one
// connection's queue on this hub.
func (h *Hub) QueueHighWater() int { return int(h.highWater.max.Load()) }

// Connections returns the number of open connections on this node.
func (h *Hub) Connections() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}
