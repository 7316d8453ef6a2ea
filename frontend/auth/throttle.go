package auth

import (
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"github.com/igfplus/igfplus/tracks"
)

// Throttle limits sign-in and registration attempts, per email address (the
// guard against guessing one person's password) and per client address
// (generous: a conference venue puts hundreds of people behind one address).
// It is per node and in memory: with N nodes an attacker gets N times the
// budget, which still makes guessing impractical.
type Throttle struct {
	mu       sync.Mutex
	limiters map[string]*throttled
	perEmail rate.Limit
	emailB   int
	perAddr  rate.Limit
	addrB    int
	max      int
}

type throttled struct {
	lim  *rate.Limiter
	used time.Time
}

// NewThrottle allows, per email, a burst of 10 attempts then one every 30 s,
// and, per client address, a burst of 120 then 5 a second.
func NewThrottle() *Throttle {
	return &Throttle{limiters: make(map[string]*throttled), perEmail: rate.Every(30 * time.Second), emailB: 10,
		perAddr: 5, addrB: 120, max: 100_000}
}

// Check spends one attempt for the request's client address and for email
// ("" for none), and returns ERateLimited when either is used up.
func (t *Throttle) Check(c echo.Context, email string) error {
	if t == nil {
		return nil
	}
	ok := t.allow("addr:"+c.RealIP(), t.perAddr, t.addrB)
	if email = strings.ToLower(strings.TrimSpace(email)); email != "" {
		ok = t.allow("email:"+email, t.perEmail, t.emailB) && ok
	}
	if !ok {
		return tracks.Errorf(tracks.ERateLimited, "Too many attempts. Wait a minute and try again.")
	}
	return nil
}

func (t *Throttle) allow(key string, r rate.Limit, burst int) bool {
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.limiters[key]
	if e == nil {
		if len(t.limiters) >= t.max {
			t.sweep(now)
		}
		e = &throttled{lim: rate.NewLimiter(r, burst)}
		t.limiters[key] = e
	}
	e.used = now
	return e.lim.AllowN(now, 1)
}

// sweep forgets keys idle long enough for their bucket to have refilled, so
// that memory stays bounded; called with t.mu held.
func (t *Throttle) sweep(now time.Time) {
	for k, e := range t.limiters {
		if now.Sub(e.used) > 10*time.Minute {
			delete(t.limiters, k)
		}
	}
	if len(t.limiters) >= t.max {
		clear(t.limiters) // under attack from too many keys: start afresh
	}
}
