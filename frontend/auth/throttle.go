package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Limit is an attempt budget: Burst attempts at once, then one more every
// Every.
type Limit struct {
	Every time.Duration
	Burst int
}

// Limiter keeps attempt budgets by key. Allow spends one attempt of key's
// budget under l and reports whether one was left.
type Limiter interface {
	Allow(ctx context.Context, key string, l Limit) (bool, error)
}

// Throttle limits sign-in and registration attempts, per email address (the
// guard against guessing one person's password) and per client address
// (generous: a conference venue puts hundreds of people behind one address).
//
// With a shared Limiter (Redis, when the installation has one) every node
// spends from the same budgets, so N nodes do not give an attacker N times
// the attempts. When the shared limiter fails, the node counts in its own
// memory, and asks the shared one again after sharedRetry: sign-in keeps
// working through a Redis outage, without waiting on Redis at every
// attempt, and stays limited.
type Throttle struct {
	shared    Limiter // nil: this node's memory only
	local     *memoryLimiter
	log       *slog.Logger
	downUntil atomic.Int64 // unix nanoseconds before which shared is not asked
	lastWarn  atomic.Int64 // unix seconds of the last "shared limiter failed" log
	perEmail  Limit
	perAddr   Limit
}

// NewThrottle allows, per email, a burst of 10 attempts then one every 30 s,
// and, per client address, a burst of 120 then 5 a second, counted in this
// node's memory.
func NewThrottle() *Throttle {
	return &Throttle{local: newMemoryLimiter(100_000), log: slog.New(slog.DiscardHandler),
		perEmail: Limit{Every: 30 * time.Second, Burst: 10}, perAddr: Limit{Every: 200 * time.Millisecond, Burst: 120}}
}

// NewSharedThrottle is NewThrottle counting in shared, which every node of
// the installation uses.
func NewSharedThrottle(shared Limiter, log *slog.Logger) *Throttle {
	t := NewThrottle()
	t.shared, t.log = shared, log
	return t
}

// Check spends one attempt for the request's client address and for email
// ("" for none), and returns ERateLimited when either is used up.
func (t *Throttle) Check(c echo.Context, email string) error {
	if t == nil {
		return nil
	}
	ctx := c.Request().Context()
	ok := t.allow(ctx, "addr:"+c.RealIP(), t.perAddr)
	if email = strings.ToLower(strings.TrimSpace(email)); email != "" {
		ok = t.allow(ctx, emailKey(email), t.perEmail) && ok
	}
	if !ok {
		return igfplus.Errorf(igfplus.ERateLimited, "Too many attempts. Wait a minute and try again.")
	}
	return nil
}

// emailKey names an address's budget by a hash, so that a shared store
// never holds the addresses people sign in with.
func emailKey(email string) string {
	sum := sha256.Sum256([]byte(email))
	return "email:" + hex.EncodeToString(sum[:16])
}

// sharedRetry is how long a node counts alone after the shared limiter
// failed.
const sharedRetry = 5 * time.Second

func (t *Throttle) allow(ctx context.Context, key string, l Limit) bool {
	if t.shared != nil && time.Now().UnixNano() >= t.downUntil.Load() {
		ok, err := t.shared.Allow(ctx, key, l)
		if err == nil {
			return ok
		}
		t.downUntil.Store(time.Now().Add(sharedRetry).UnixNano())
		t.warn(err)
	}
	return t.local.allow(key, l)
}

// warn logs a failure of the shared limiter at most once a minute: during
// an outage every attempt fails the same way.
func (t *Throttle) warn(err error) {
	now := time.Now().Unix()
	if last := t.lastWarn.Load(); now-last >= 60 && t.lastWarn.CompareAndSwap(last, now) {
		t.log.Warn("throttle: the shared limiter failed; counting attempts on this node", "err", err)
	}
}

// memoryLimiter keeps budgets in this process, at most max keys.
type memoryLimiter struct {
	mu       sync.Mutex
	limiters map[string]*throttled
	max      int
}

type throttled struct {
	lim  *rate.Limiter
	used time.Time
}

func newMemoryLimiter(max int) *memoryLimiter {
	return &memoryLimiter{limiters: make(map[string]*throttled), max: max}
}

func (m *memoryLimiter) allow(key string, l Limit) bool {
	now := time.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.limiters[key]
	if e == nil {
		if len(m.limiters) >= m.max {
			m.sweep(now)
		}
		e = &throttled{lim: rate.NewLimiter(rate.Every(l.Every), l.Burst)}
		m.limiters[key] = e
	}
	e.used = now
	return e.lim.AllowN(now, 1)
}

// sweep forgets keys idle long enough for their bucket to have refilled, so
// that memory stays bounded; called with m.mu held.
func (m *memoryLimiter) sweep(now time.Time) {
	for k, e := range m.limiters {
		if now.Sub(e.used) > 10*time.Minute {
			delete(m.limiters, k)
		}
	}
	if len(m.limiters) >= m.max {
		clear(m.limiters) // under attack from too many keys: start afresh
	}
}
