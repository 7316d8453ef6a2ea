package redisbroker

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/hub"
)

// resyncToken is the payload of the PING sent after a connection's
// subscriptions: Redis answers commands in order, so its pong proves them
// all in force, and only then may the hub resync.
const resyncToken = "igfplus-resync"

// link is one subscriber connection and the channels it should carry. Its
// life is a series of sessions (one *redis.PubSub each), from connection to
// the first error; between sessions it backs off.
type link struct {
	b    *Broker
	id   int
	wake chan struct{} // capacity 1: the wanted set changed

	mu     sync.Mutex
	wanted map[string]*wanted // channels this node wants
	cur    *session           // nil between sessions
	have   map[string]bool    // channels the current session subscribed to
	unsub  map[string]int     // unsubscribe replies the current session expects
	down   bool               // a session failed and none is confirmed yet
}

// wanted is a wanted channel; ready closes when Redis confirms it.
type wanted struct {
	ready     chan struct{}
	confirmed bool
}

func (w *wanted) confirm() {
	if !w.confirmed {
		w.confirmed = true
		close(w.ready)
	}
}

func newLink(b *Broker, id int) *link {
	return &link{b: b, id: id, wake: make(chan struct{}, 1), wanted: make(map[string]*wanted)}
}

func (l *link) kick() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// want adds channel and returns what to wait on, and whether waiting makes
// sense (not while reconnecting).
func (l *link) want(channel string) (<-chan struct{}, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.wanted[channel]
	if w == nil {
		w = &wanted{ready: make(chan struct{})}
		l.wanted[channel] = w
		if l.have[channel] { // unwanted and wanted again before the keeper ran
			w.confirm()
		}
	}
	return w.ready, !l.down
}

func (l *link) unwant(channel string) {
	l.mu.Lock()
	delete(l.wanted, channel)
	l.mu.Unlock()
}

// run keeps sessions going until ctx ends. A link with no wanted channel
// stays disconnected: in a cluster, a connection is routed by its first
// channel's slot.
func (l *link) run(ctx context.Context, out chan<- item) {
	attempt := 0
	for {
		if !l.waitWanted(ctx) {
			return
		}
		s := newSession(l.b.client.Subscribe(ctx))
		err := l.serve(ctx, s, out)
		if ctx.Err() != nil {
			return
		}
		if errors.Is(err, errIdle) {
			continue
		}
		if s.up.Load() {
			attempt = 0
		}
		l.mu.Lock()
		l.down = true
		l.mu.Unlock()
		if c, ok := l.b.client.(*redis.ClusterClient); ok {
			c.ReloadState(ctx) // a slot may have moved
		}
		wait := backoff(attempt)
		attempt++
		l.b.log.Warn("redisbroker: subscriber connection lost; reconnecting", "link", l.id, "err", err, "retry_in", wait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return
		}
	}
}

// backoff is exponential from 50 ms, capped at 2 s, with jitter so that
// the nodes do not all reconnect in step after a Redis restart.
func backoff(attempt int) time.Duration {
	d := 2 * time.Second
	if attempt < 6 {
		d = min(d, 50*time.Millisecond<<attempt)
	}
	return d/2 + rand.N(d/2+1)
}

func (l *link) waitWanted(ctx context.Context) bool {
	for {
		l.mu.Lock()
		n := len(l.wanted)
		l.mu.Unlock()
		if n > 0 {
			return true
		}
		select {
		case <-l.wake:
		case <-ctx.Done():
			return false
		}
	}
}

var errIdle = errors.New("redisbroker: nothing to subscribe to")

// session is one subscriber connection's life.
type session struct {
	ps   *redis.PubSub
	seen atomic.Int64  // unix nanoseconds of the last reply
	up   atomic.Bool   // the resync pong came back
	dead chan struct{} // closed by fail
	once sync.Once
	err  error
}

func newSession(ps *redis.PubSub) *session {
	s := &session{ps: ps, dead: make(chan struct{})}
	s.seen.Store(time.Now().UnixNano())
	return s
}

// fail ends the session: closing the PubSub makes the reader's Receive
// return. The first reason is kept.
func (s *session) fail(err error) {
	s.once.Do(func() {
		s.err = err
		close(s.dead)
		s.ps.Close()
	})
}

// serve runs one session: subscribe to every wanted channel, ask for the
// resync pong, then read until the connection fails.
func (l *link) serve(ctx context.Context, s *session, out chan<- item) error {
	l.mu.Lock()
	l.cur, l.have, l.unsub = s, make(map[string]bool), make(map[string]int)
	add := l.diffLocked(nil)
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.cur, l.have, l.unsub = nil, nil, nil
		l.mu.Unlock()
	}()
	if len(add) == 0 {
		s.fail(errIdle)
		return errIdle
	}
	// The first command opens the connection (routed by its first channel),
	// before the reader may open one of its own.
	err := l.subscribe(ctx, s.ps, add)
	if err == nil {
		err = s.ps.Ping(ctx, resyncToken)
	}
	if err != nil {
		s.fail(err)
		return err
	}
	stop := context.AfterFunc(ctx, func() { s.fail(ctx.Err()) })
	defer stop()
	keeper := make(chan struct{})
	go func() { defer close(keeper); l.keep(ctx, s) }()
	err = l.read(ctx, s, out)
	s.fail(err)
	<-keeper
	return s.err
}

// diffLocked marks what the session must subscribe to and unsubscribe from
// to match the wanted set, and returns both lists; unsubs may be nil when
// only the additions are wanted (a new session has nothing to remove).
func (l *link) diffLocked(unsubs *[]string) (add []string) {
	for ch := range l.wanted {
		if !l.have[ch] {
			l.have[ch] = true
			add = append(add, ch)
		}
	}
	if unsubs != nil {
		for ch := range l.have {
			if l.wanted[ch] == nil {
				delete(l.have, ch)
				l.unsub[ch]++
				*unsubs = append(*unsubs, ch)
			}
		}
	}
	return add
}

func (l *link) subscribe(ctx context.Context, ps *redis.PubSub, channels []string) error {
	if l.b.opts.Sharded {
		return ps.SSubscribe(ctx, channels...)
	}
	return ps.Subscribe(ctx, channels...)
}

func (l *link) unsubscribe(ctx context.Context, ps *redis.PubSub, channels []string) error {
	if l.b.opts.Sharded {
		return ps.SUnsubscribe(ctx, channels...)
	}
	return ps.Unsubscribe(ctx, channels...)
}

// keep sends subscription changes and health-check pings until the session
// dies. A failed command fails the session, so that a reconnection is never
// left to go-redis alone.
func (l *link) keep(ctx context.Context, s *session) {
	hc := l.b.opts.HealthCheck
	tick := time.NewTicker(hc / 2)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-s.dead:
			return
		case <-l.wake:
			var del []string
			l.mu.Lock()
			add := l.diffLocked(&del)
			l.mu.Unlock()
			if len(add) > 0 {
				err = l.subscribe(ctx, s.ps, add)
			}
			if err == nil && len(del) > 0 {
				err = l.unsubscribe(ctx, s.ps, del)
			}
		case <-tick.C:
			quiet := time.Since(time.Unix(0, s.seen.Load()))
			if quiet > 2*hc {
				err = errNoPong
			} else if quiet >= hc/2 {
				err = s.ps.Ping(ctx)
			}
		}
		if err != nil {
			s.fail(err)
			return
		}
	}
}

// read receives until the connection fails, handing events and the resync
// to out in the order they came.
func (l *link) read(ctx context.Context, s *session, out chan<- item) error {
	// No deadline from ctx on reads: the health check bounds silence, and
	// ending ctx closes the PubSub.
	rctx := context.WithoutCancel(ctx)
	for {
		msg, err := s.ps.Receive(rctx)
		if err != nil {
			return err
		}
		s.seen.Store(time.Now().UnixNano())
		var it item
		switch m := msg.(type) {
		case *redis.Message:
			room, ok := l.b.roomOf(m.Channel)
			if !ok {
				continue
			}
			ev, err := hub.DecodeWire(room, []byte(m.Payload))
			if err != nil {
				l.b.log.Warn("redisbroker: dropped a malformed payload", "channel", m.Channel, "err", err)
				continue
			}
			it.ev = ev
		case *redis.Subscription:
			if err := l.confirm(s, m); err != nil {
				return err
			}
			continue
		case *redis.Pong:
			if m.Payload != resyncToken {
				continue
			}
			s.up.Store(true)
			l.mu.Lock()
			l.down = false
			n := len(l.have)
			l.mu.Unlock()
			l.b.log.Info("redisbroker: subscriptions in force", "link", l.id, "channels", n)
			it.resync = true
		default:
			continue
		}
		select {
		case out <- it:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// confirm handles a (un)subscribe reply. An unsubscribe nobody asked for
// means Redis dropped the subscription (a sharded channel's slot moved):
// the session must start again to find the channel's new home.
func (l *link) confirm(s *session, m *redis.Subscription) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur != s {
		return nil
	}
	switch m.Kind {
	case "subscribe", "ssubscribe":
		if w := l.wanted[m.Channel]; w != nil {
			w.confirm()
		}
	case "unsubscribe", "sunsubscribe":
		if l.unsub[m.Channel] > 0 {
			if l.unsub[m.Channel]--; l.unsub[m.Channel] == 0 {
				delete(l.unsub, m.Channel)
			}
		} else if l.have[m.Channel] {
			return fmt.Errorf("redisbroker: redis dropped the subscription to %s", m.Channel)
		}
	}
	return nil
}
