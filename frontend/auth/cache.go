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
		sweep(c.entries, c.max, func(e versionEntry) bool { return now.Sub(e.at) >= c.ttl })
	}
	c.entries[accountID] = versionEntry{version: version, at: now}
}

// sweep drops the entries that expired reports as over and, if that frees too
// little, arbitrary ones (map order is random) down to three quarters of
// max, so that a full cache is swept once per many puts, not on each. An
// evicted entry only costs one more lookup.
func sweep[K comparable, V any](entries map[K]V, max int, expired func(V) bool) {
	for k, e := range entries {
		if expired(e) {
			delete(entries, k)
		}
	}
	for k := range entries {
		if len(entries) <= max*3/4 {
			break
		}
		delete(entries, k)
	}
}

func (c *versionCache) forget(accountID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, accountID)
}
