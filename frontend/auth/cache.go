package auth

import (
	"sync"
	"time"
)

// versionCache remembers accounts' token versions, so that a burst of
// requests from one participant costs one query. A version read from the
// database is trusted for the TTL; while a feed of the database's changes
// is listening (Authenticator.Listening), a version read since it began is
// trusted for FeedTTL instead, since every change after that is told
// (changed). It holds at most max entries.
type versionCache struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu      sync.Mutex
	entries map[int64]versionEntry
	// feedSince is when the feed of changed versions began listening;
	// zero while there is none. toldAt is when it last told a change.
	feedSince, toldAt time.Time
}

type versionEntry struct {
	version int
	// at is when the version was known to be current: when the read that
	// found it began, or when the feed told it.
	at time.Time
	// brief: trusted for the TTL only, even with the feed listening: the
	// feed told a change while the read was on its way, and the read may
	// have missed it.
	brief bool
}

func newVersionCache(ttl time.Duration, max int, now func() time.Time) *versionCache {
	return &versionCache{ttl: ttl, max: max, now: now, entries: make(map[int64]versionEntry)}
}

// freshLocked says whether e may still be trusted at now; called with c.mu
// held.
func (c *versionCache) freshLocked(e versionEntry, now time.Time) bool {
	age := now.Sub(e.at)
	if age < c.ttl {
		return true
	}
	return !e.brief && !c.feedSince.IsZero() && !e.at.Before(c.feedSince) && age < FeedTTL
}

func (c *versionCache) get(accountID int64) (int, bool) {
	if c.ttl <= 0 {
		return 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[accountID]
	if !ok || !c.freshLocked(e, c.now()) {
		return 0, false
	}
	return e.version, true
}

// put remembers version, read by a lookup that began at readAt. A version
// only grows: a higher one already here (told by the feed while the read
// was on its way) stays.
func (c *versionCache) put(accountID int64, version int, readAt time.Time) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[accountID]; ok && old.version > version {
		return
	}
	c.storeLocked(accountID, versionEntry{version: version, at: readAt, brief: readAt.Before(c.toldAt)})
}

// changed remembers version as the account's current one, told by the
// feed now.
func (c *versionCache) changed(accountID int64, version int) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.toldAt = c.now()
	if old, ok := c.entries[accountID]; ok && old.version > version {
		return
	}
	c.storeLocked(accountID, versionEntry{version: version, at: c.toldAt})
}

func (c *versionCache) storeLocked(accountID int64, e versionEntry) {
	if len(c.entries) >= c.max {
		now := c.now()
		sweep(c.entries, c.max, func(e versionEntry) bool { return !c.freshLocked(e, now) })
	}
	c.entries[accountID] = e
}

// listening notes that the feed listens from now on; lost, that it does
// not any more (a change may be missed until it listens again).
func (c *versionCache) listening() { c.setFeed(c.now()) }
func (c *versionCache) lost()      { c.setFeed(time.Time{}) }

func (c *versionCache) setFeed(since time.Time) {
	c.mu.Lock()
	c.feedSince = since
	c.mu.Unlock()
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
