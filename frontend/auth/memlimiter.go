package auth

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

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

// take is Limiter.Take in memory.
func (m *memoryLimiter) take(key string, l Limit, n int) Verdict {
	now := time.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.limiters[key]
	if e == nil {
		if n == 0 {
			return Verdict{OK: true} // an unused budget is full
		}
		if len(m.limiters) >= m.max {
			m.sweep(now)
		}
		e = &throttled{lim: rate.NewLimiter(rate.Every(l.Every), l.Burst)}
		m.limiters[key] = e
	}
	e.used = now
	want := float64(max(n, 1))
	if left := e.lim.TokensAt(now); left < want {
		return Verdict{RetryAfter: time.Duration((want - left) * float64(l.Every))}
	}
	e.lim.AllowN(now, n)
	return Verdict{OK: true}
}

// sweep forgets keys idle long enough for their bucket to have refilled, so
// that memory stays bounded; called with m.mu held.
func (m *memoryLimiter) sweep(now time.Time) {
	for k, e := range m.limiters {
		if now.Sub(e.used) > time.Hour {
			delete(m.limiters, k)
		}
	}
	if len(m.limiters) >= m.max {
		clear(m.limiters) // under attack from too many keys: start afresh
	}
}
