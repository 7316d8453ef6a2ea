package auth

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// A token verified once is not verified again while it lives (the key set
// swapped under it would refuse it), yet every request still checks its
// version, and once it expires it is verified afresh.
func TestAuthenticatorRemembersVerifiedTokensUntilTheyExpire(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	vs := &versions{v: map[int64]int{42: 3}}
	a := NewAuthenticator(tokens, vs, 0)
	tok, exp, _ := tokens.Issue(alice, testNow)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	if who, err := a.Identify(req); err != nil || who.AccountID != 42 || len(who.Roles) != 2 {
		t.Fatalf("first request: %+v %v", who, err)
	}

	other, _ := newTestTokens(t, &now) // another installation's key: would refuse tok
	a.tokens = other
	who, err := a.Identify(req)
	if err != nil || who.AccountID != 42 || who.TokenVersion != 3 || len(who.Roles) != 2 {
		t.Fatalf("a remembered token must not be verified again: %+v %v", who, err)
	}
	who.Roles[0] = igfplus.RoleSecretariat // the caller's copy, not the cache's
	if who, _ := a.Identify(req); who.Roles[0] != igfplus.RoleParticipant {
		t.Fatalf("a caller changed the remembered roles: %v", who.Roles)
	}

	vs.set(42, 4) // signed out elsewhere
	if _, err := a.Identify(req); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("a remembered token of an ended session must be refused: %v", err)
	}
	vs.set(42, 3)
	now = exp // past its life: verified again, by the other key
	if _, err := a.Identify(req); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("an expired token must be verified afresh: %v", err)
	}
}

func TestVerifiedTokensAreBounded(t *testing.T) {
	c := newVerifiedTokens(100, time.Now)
	for i := range 10_000 {
		c.put([32]byte{byte(i), byte(i >> 8)}, verifiedToken{until: time.Now().Add(time.Hour)})
		if len(c.entries) > 100 {
			t.Fatalf("%d entries", len(c.entries))
		}
	}
}

// batchVersions is a BatchVersionSource whose first query waits for
// release, so that lookups pile up behind it.
type batchVersions struct {
	versions
	entered chan struct{}
	release chan struct{}
	queries int
}

func (s *batchVersions) TokenVersions(_ context.Context, ids []int64) (map[int64]int, error) {
	s.mu.Lock()
	s.queries++
	first := s.queries == 1
	s.mu.Unlock()
	if first {
		close(s.entered)
		<-s.release
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[int64]int)
	for _, id := range ids {
		if v, ok := s.v[id]; ok {
			out[id] = v
		}
	}
	return out, nil
}

// Lookups that miss the cache while a query runs are asked together in the
// next one, and each gets its own account's answer (ENotFound for one that
// is gone).
func TestTokenVersionLookupsAreBatched(t *testing.T) {
	vs := &batchVersions{versions: versions{v: map[int64]int{}}, entered: make(chan struct{}), release: make(chan struct{})}
	for id := int64(1); id <= 50; id++ {
		vs.v[id] = int(id) + 100
	}
	a := NewAuthenticator(nil, vs, 0)
	ctx := context.Background()
	var wg sync.WaitGroup
	wg.Go(func() {
		if v, err := a.tokenVersion(ctx, 1); err != nil || v != 101 {
			t.Errorf("account 1: %d %v", v, err)
		}
	})
	select {
	case <-vs.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the lookup never reached a batched query")
	}
	for id := int64(2); id <= 51; id++ {
		wg.Go(func() {
			v, err := a.tokenVersion(ctx, id)
			if id == 51 {
				if igfplus.ErrorCode(err) != igfplus.ENotFound {
					t.Errorf("a gone account: %d %v", v, err)
				}
			} else if err != nil || v != int(id)+100 {
				t.Errorf("account %d: %d %v", id, v, err)
			}
		})
	}
	for queued := false; !queued; time.Sleep(time.Millisecond) {
		a.batch.mu.Lock()
		queued = len(a.batch.waiting) == 50
		a.batch.mu.Unlock()
	}
	close(vs.release)
	wg.Wait()
	if vs.queries != 2 || vs.calls != 0 {
		t.Fatalf("%d batched queries and %d single ones for 51 lookups, want 2 and 0", vs.queries, vs.calls)
	}
}
