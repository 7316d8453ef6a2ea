package auth

import (
	"crypto/sha256"
	"slices"
	"sync"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// verifiedTokens remembers the access tokens already verified, until each
// one expires, so that a participant's every request after the first costs
// a hash instead of an Ed25519 verification (about 50 µs, most of an
// API request's CPU). It only stands in for the signature and claims
// check: the Authenticator still checks the token version on every request,
// so a sign-out or a role change refuses a remembered token exactly as it
// refuses a fresh one. Keys are SHA-256 hashes, so that the cache holds no
// bearer credential. It holds at most max entries.
type verifiedTokens struct {
	max int
	now func() time.Time

	mu      sync.Mutex
	entries map[[sha256.Size]byte]verifiedToken
}

// verifiedToken is whom a token vouches for and until when: its expiry,
// without the leeway verification allows, so that a remembered token is
// never accepted later than a fresh verification would accept it.
type verifiedToken struct {
	who   igfplus.Identity
	until time.Time
}

func newVerifiedTokens(max int, now func() time.Time) *verifiedTokens {
	return &verifiedTokens{max: max, now: now, entries: make(map[[sha256.Size]byte]verifiedToken)}
}

// verify returns whom token vouches for, from the cache or from t.
func (c *verifiedTokens) verify(t *Tokens, token string) (igfplus.Identity, error) {
	if len(token) > MaxTokenLen {
		return igfplus.Identity{}, errBadToken
	}
	key := sha256.Sum256([]byte(token))
	if who, ok := c.get(key); ok {
		return who, nil
	}
	who, until, err := t.verifyUntil(token)
	if err != nil {
		return igfplus.Identity{}, err
	}
	c.put(key, verifiedToken{who: who, until: until})
	return who, nil
}

func (c *verifiedTokens) get(key [sha256.Size]byte) (igfplus.Identity, bool) {
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if !ok || !c.now().Before(e.until) {
		return igfplus.Identity{}, false
	}
	// The Roles slice is the caller's to keep: never share the cache's.
	e.who.Roles = slices.Clone(e.who.Roles)
	return e.who, true
}

func (c *verifiedTokens) put(key [sha256.Size]byte, e verifiedToken) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		sweep(c.entries, c.max, func(e verifiedToken) bool { return !now.Before(e.until) })
	}
	c.entries[key] = e
}
