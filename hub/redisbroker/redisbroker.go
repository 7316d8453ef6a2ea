// Package redisbroker is the hub.Broker that carries events between server
// processes through Redis pub/sub.
//
// Redis pub/sub is at most once: whatever is published while a subscriber is
// disconnected is lost. The broker therefore never hides a reconnection: it
// owns its subscriber connections, and after any of them is re-established
// and its subscriptions are confirmed, it calls the hub's resync so that
// rooms heal from History. It does not rely on go-redis's silent
// resubscription.
//
// Subscribe and Unsubscribe only record the wanted rooms and wake the
// connection's keeper, which sends the commands; Subscribe then waits a
// bounded time (SubscribeWait) for Redis's confirmation, and not at all
// while reconnecting, so that a broken Redis never holds up a client joining
// a room.
package redisbroker

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/hub"
)

// Options tune a Broker. Every node must use the same Prefix, Sharded and
// Buckets, since they make the channel names.
type Options struct {
	// Prefix goes in front of room names to make channel names (default
	// "igfplus:v3:room:"). The default names the payload's version (the
	// header of hub.EncodeWire, its tag and frame), which a node of another
	// version would misread, so during a rolling update the two versions do
	// not hear each other and each heals what the other published from
	// Postgres instead.
	Prefix string
	// Sharded uses Redis 7 sharded pub/sub (SPUBLISH, SSUBSCRIBE), which a
	// Redis Cluster keeps within the shard owning the channel instead of
	// broadcasting every message to every node. Rooms are spread over
	// Buckets hash slots by a hash tag at the front of the channel name, and
	// the broker keeps one subscriber connection per bucket in use, so that
	// each connection talks to the one shard owning its slot.
	Sharded bool
	// Buckets is how many hash slots sharded mode spreads rooms over
	// (default 16). Changing it renames the channels: change it on every
	// node at once.
	Buckets int
	// SubscribeWait bounds how long Subscribe waits for Redis to confirm a
	// new subscription, so that an event published after Subscribe returns
	// is received. It never waits while the broker is reconnecting.
	// Default 200 ms; negative: never wait.
	SubscribeWait time.Duration
	// HealthCheck is how long a subscriber connection may stay quiet before
	// the broker pings it; with nothing heard for twice as long, it
	// reconnects. It catches connections that died without a reset.
	// Default 2 s.
	HealthCheck time.Duration
	// History is how many of a room's latest events Redis keeps, beside
	// the channel, for resumes that go back further than a node's memory
	// (default 2048; negative: none). It is written with each publish in
	// one MULTI/EXEC, kept HistoryTTL after the room's last event (default
	// 24 h), and never trusted alone: the hub checks it has no hole.
	History    int
	HistoryTTL time.Duration
	// Resync is how often the broker has every room check the event log
	// for what it may have missed without a reconnect to tell it (default
	// 10 s; negative: never): a room's last event that another node
	// committed but could not publish (its Redis call failed, or it died
	// in between), or one published before a late-confirmed subscription,
	// shows no gap until a next event comes, which may be never. One
	// position read per room a node serves, each time.
	Resync time.Duration
	// Logger receives reconnections and malformed payloads (default:
	// discarded).
	Logger *slog.Logger
}

func (o *Options) setDefaults() {
	if o.Prefix == "" {
		o.Prefix = "igfplus:v3:room:"
	}
	if o.Buckets <= 0 {
		o.Buckets = 16
	}
	if o.SubscribeWait == 0 {
		o.SubscribeWait = 200 * time.Millisecond
	}
	if o.HealthCheck <= 0 {
		o.HealthCheck = 2 * time.Second
	}
	if o.History == 0 {
		o.History = 2048
	}
	if o.HistoryTTL <= 0 {
		o.HistoryTTL = 24 * time.Hour
	}
	if o.Resync == 0 {
		o.Resync = 10 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Broker is a hub.Broker on Redis pub/sub. Delivery is at most once; the
// events of a room arrive in the order Redis received them, since a room's
// channel always lives on one connection. Run must be called once.
type Broker struct {
	client redis.UniversalClient
	opts   Options
	log    *slog.Logger
	links  []*link // one, or Buckets in sharded mode
}

var (
	_ hub.Broker    = (*Broker)(nil)
	_ hub.RecentLog = (*Broker)(nil)
)

// New returns a broker on client. The client may be a plain, failover or
// cluster client; the broker does not close it.
func New(client redis.UniversalClient, opts Options) *Broker {
	opts.setDefaults()
	b := &Broker{client: client, opts: opts, log: opts.Logger}
	n := 1
	if opts.Sharded {
		n = opts.Buckets
	}
	for i := range n {
		b.links = append(b.links, newLink(b, i))
	}
	return b
}

// route returns the link that carries room and its channel name. In sharded
// mode the bucket's hash tag comes first, so that a brace in the prefix or
// the room cannot choose the slot.
func (b *Broker) route(room string) (*link, string) {
	if !b.opts.Sharded {
		return b.links[0], b.opts.Prefix + room
	}
	h := fnv.New32a()
	h.Write([]byte(room))
	i := int(h.Sum32() % uint32(len(b.links)))
	return b.links[i], "{" + strconv.Itoa(i) + "}" + b.opts.Prefix + room
}

// roomOf reverses route; ok is false for a channel that is not ours.
func (b *Broker) roomOf(channel string) (string, bool) {
	if b.opts.Sharded {
		i := strings.IndexByte(channel, '}')
		if i < 0 {
			return "", false
		}
		channel = channel[i+1:]
	}
	return strings.CutPrefix(channel, b.opts.Prefix)
}

// Publish sends ev with PUBLISH (or SPUBLISH) and, in the same MULTI/EXEC,
// appends it to the room's history list (whose key shares the channel's
// hash tag, so both live in one slot of a Redis Cluster). At most once: it
// returns an error only when Redis did not take the event, and gives up
// when ctx ends.
func (b *Broker) Publish(ctx context.Context, ev hub.Event) error {
	_, channel := b.route(ev.Room)
	payload := hub.EncodeWire(ev)
	_, err := b.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		if b.opts.History > 0 {
			key := historyKey(channel)
			p.RPush(ctx, key, payload)
			p.LTrim(ctx, key, int64(-b.opts.History), -1)
			p.PExpire(ctx, key, b.opts.HistoryTTL)
		}
		if b.opts.Sharded {
			p.SPublish(ctx, channel, payload)
		} else {
			p.Publish(ctx, channel, payload)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("redisbroker: publish to %s: %w", ev.Room, err)
	}
	return nil
}

// historyKey names a room's history list after its channel: keys and
// channels are separate namespaces, and the suffix keeps the hash tag.
func historyKey(channel string) string { return channel + "#history" }

// Recent implements hub.RecentLog: the room's events after from that
// Redis's history holds, in offset order without duplicates (publishes from
// several nodes may land out of order). Holes are left for the hub to find.
func (b *Broker) Recent(ctx context.Context, room string, from hub.Position) ([]hub.Event, error) {
	if b.opts.History <= 0 {
		return nil, nil
	}
	_, channel := b.route(room)
	vals, err := b.client.LRange(ctx, historyKey(channel), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("redisbroker: history of %s: %w", room, err)
	}
	evs := make([]hub.Event, 0, len(vals))
	for _, v := range vals {
		ev, err := hub.DecodeWire(room, []byte(v))
		if err != nil {
			continue // not ours; the hub will find the hole
		}
		if ev.Epoch == from.Epoch && ev.Offset > from.Offset {
			evs = append(evs, ev)
		}
	}
	slices.SortFunc(evs, func(a, b hub.Event) int { return cmp.Compare(a.Offset, b.Offset) })
	return slices.CompactFunc(evs, func(a, b hub.Event) bool { return a.Offset == b.Offset }), nil
}

// Subscribe records that this node wants the room's events and returns
// once Redis confirms the subscription, or after SubscribeWait, or at once
// while reconnecting (the subscription is then made with the others, before
// resync). It never fails.
func (b *Broker) Subscribe(ctx context.Context, room string) error {
	l, channel := b.route(room)
	ready, wait := l.want(channel)
	l.kick()
	if !wait || b.opts.SubscribeWait < 0 {
		return nil
	}
	t := time.NewTimer(b.opts.SubscribeWait)
	defer t.Stop()
	select {
	case <-ready:
	case <-t.C:
	case <-ctx.Done():
	}
	return nil
}

// Unsubscribe records that this node no longer wants the room's events and
// returns at once; events already on their way may still be delivered.
func (b *Broker) Unsubscribe(_ context.Context, room string) error {
	l, channel := b.route(room)
	l.unwant(channel)
	l.kick()
	return nil
}

// item is what a link's reader hands to Run: an event, or a request to
// resync. One queue keeps a resync after the events received before it.
type item struct {
	ev     hub.Event
	resync bool
}

// Run keeps the subscriber connections up and delivers their events until
// ctx ends. It calls resync after each connection's subscriptions are
// confirmed, the first one included: events published while it was
// (re)connecting are lost.
func (b *Broker) Run(ctx context.Context, deliver func(hub.Event), resync func()) error {
	ctx, cancel := context.WithCancel(ctx)
	items := make(chan item, 256)
	var wg sync.WaitGroup
	for _, l := range b.links {
		wg.Go(func() { l.run(ctx, items) })
	}
	defer wg.Wait()
	defer cancel()
	var every <-chan time.Time
	if b.opts.Resync > 0 {
		tick := time.NewTicker(b.opts.Resync)
		defer tick.Stop()
		every = tick.C
	}
	for {
		select {
		case <-every:
			resync()
		case it := <-items:
			if it.resync {
				resync()
			} else {
				deliver(it.ev)
			}
		case <-ctx.Done():
			return nil
		}
	}
}

// Ping reports whether Redis answers now.
func (b *Broker) Ping(ctx context.Context) error {
	return b.client.Ping(ctx).Err()
}

var errNoPong = errors.New("redisbroker: subscriber connection silent past its health check")
