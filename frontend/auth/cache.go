package auth

import (
	"sync"
	"time"
)

// versionCache remembers accounts' token versions briefly, so that a burst of
// requests from one participant costs one query, while a sign-out elsewhere
// is noticed within the TTL. It holds at most max entries.
type versionCache struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu      sync.Mutex
	entries map[int64]versionEntry
}

type versionEntry struct {
	version int
	at      time.Time
}

func newVersionCache(ttl time.Duration, max int, now func() time.Time) *versionCache {
	return &versionCache{ttl: ttl, max: max, now: now, entries: make(map[int64]versionEntry)}
}

func (c *versionCache) get(accountID int64) (int, bool) {
	if c.ttl <= 0 {
		return 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[accountID]
	if !ok || c.now().Sub(e.at) >= c.ttl {
		return 0, false
	}
	return e.version, true
}

func (c *versionCache) put(accountID int64, version int) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if len(c.entries) >= c.max {
		c.sweep(now)
	}
	c.entries[accountID] = versionEntry{version: version, at: now}
}

// sweep drops expired entries and, if that frees too little, arbitrary
// ones (map order is random) down to three quarters of max, so that a full
// cache is swept once per many puts, not on each. An evicted entry only
// costs one more query.
func (c *versionCache) sweep(now time.Time) {
	for id, e := range c.entries {
		if now.Sub(e.at) >= c.ttl {
			delete(c.entries, id)
		}
	}
	for id := range c.entries {
		if len(c.entries) <= c.max*3/4 {
			break
		}
		delete(c.entries, id)
	}
}

func (c *versionCache) forget(accountID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, accountID)
}
