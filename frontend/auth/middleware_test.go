package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// versions is a VersionSource in memory.
type versions struct {
	mu    sync.Mutex
	v     map[int64]int
	err   error
	calls int
}

func (s *versions) TokenVersion(_ context.Context, id int64) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.err != nil {
		return 0, s.err
	}
	v, ok := s.v[id]
	if !ok {
		return 0, igfplus.Errorf(igfplus.ENotFound, "The account was not found.")
	}
	return v, nil
}

func (s *versions) set(id int64, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.v[id] = v
}

// testErrorHandler answers an error as the front end does: the status of
// its domain kind by frontend/web's one mapping (web.StatusOf), or an echo
// error's own, with its code and message.
func testErrorHandler(err error, c echo.Context) {
	status := web.StatusOf(igfplus.ErrorCode(err))
	var he *echo.HTTPError
	if errors.As(err, &he) {
		status = he.Code
	}
	c.JSON(status, map[string]string{"code": string(igfplus.ErrorCode(err)), "detail": igfplus.ErrorMessage(err)})
}

// newTestServer serves /open (anyone), /signed (signed in) and /moderate
// (moderators) behind a's middleware.
func newTestServer(a *Authenticator) *echo.Echo {
	e := echo.New()
	e.HTTPErrorHandler = testErrorHandler
	whoami := func(c echo.Context) error {
		who := IdentityOf(c)
		return c.JSON(http.StatusOK, map[string]any{"id": who.AccountID, "name": who.Name})
	}
	g := e.Group("", a.Middleware())
	g.GET("/open", whoami)
	g.GET("/signed", whoami, RequireSignedIn())
	g.GET("/moderate", whoami, RequireRole(igfplus.RoleModerator, igfplus.RoleSecretariat))
	return e
}

func get(e *echo.Echo, path string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

func bearer(token string) []string { return []string{"Authorization", "Bearer " + token} }
func cookie(token string) []string { return []string{"Cookie", accessCookie + "=" + token} }

func TestMiddlewareRefusesBadTokensWith401(t *testing.T) {
	now := testNow
	tokens, key := newTestTokens(t, &now)
	e := newTestServer(NewAuthenticator(tokens, &versions{v: map[int64]int{42: 3}}, 0))
	for name, tok := range badTokens(t, key) {
		for how, header := range map[string][]string{"bearer": bearer(tok), "cookie": cookie(tok)} {
			if tok == "" || (how == "cookie" && !validCookieValue(tok)) {
				continue // not sendable this way: no case to test
			}
			t.Run(name+" by "+how, func(t *testing.T) {
				if rec := get(e, "/open", header...); rec.Code != http.StatusUnauthorized {
					t.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			})
		}
	}
}

// validCookieValue reports whether net/http would send v as a cookie value.
func validCookieValue(v string) bool {
	for i := range len(v) {
		if b := v[i]; b <= ' ' || b == '"' || b == ';' || b == '\\' || b >= 0x7f || b == ',' {
			return false
		}
	}
	return true
}

func TestMiddlewareIdentifiesByBearerOrCookie(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	e := newTestServer(NewAuthenticator(tokens, &versions{v: map[int64]int{42: 3}}, 0))
	tok, _, _ := tokens.Issue(alice, testNow)
	for how, header := range map[string][]string{"bearer": bearer(tok), "lowercase bearer": {"Authorization", "bearer " + tok}, "cookie": cookie(tok)} {
		rec := get(e, "/signed", header...)
		if rec.Code != http.StatusOK || rec.Body.String() != `{"id":42,"name":"Alice"}`+"\n" {
			t.Errorf("%s: %d %s", how, rec.Code, rec.Body)
		}
	}
}

func TestMiddlewareStatuses(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	e := newTestServer(NewAuthenticator(tokens, &versions{v: map[int64]int{42: 3, 7: 1}}, 0))
	aliceTok, _, _ := tokens.Issue(alice, testNow)
	bob := igfplus.Identity{AccountID: 7, Name: "Bob", Roles: []igfplus.Role{igfplus.RoleParticipant}, TokenVersion: 1}
	bobTok, _, _ := tokens.Issue(bob, testNow)
	for _, c := range []struct {
		name   string
		path   string
		header []string
		want   int
	}{
		{"anonymous may read open pages", "/open", nil, http.StatusOK},
		{"anonymous is refused where signing in is required", "/signed", nil, http.StatusUnauthorized},
		{"anonymous is refused where a role is required", "/moderate", nil, http.StatusUnauthorized},
		{"a participant lacks the role", "/moderate", bearer(bobTok), http.StatusForbidden},
		{"a moderator holds the role", "/moderate", bearer(aliceTok), http.StatusOK},
		{"a Basic header is not a token", "/open", []string{"Authorization", "Basic YWxpY2U6cHc="}, http.StatusUnauthorized},
		{"an empty Bearer is not a token", "/open", []string{"Authorization", "Bearer "}, http.StatusUnauthorized},
		{"a bad header is not saved by a good cookie", "/open", append([]string{"Authorization", "Bearer x.y.z"}, cookie(aliceTok)...), http.StatusUnauthorized},
		{"an empty cookie is anonymous", "/open", cookie(""), http.StatusOK},
	} {
		if rec := get(e, c.path, c.header...); rec.Code != c.want {
			t.Errorf("%s: status %d, want %d: %s", c.name, rec.Code, c.want, rec.Body)
		}
	}
}

func TestMiddlewareRefusesRevokedTokenVersions(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	vs := &versions{v: map[int64]int{42: 3}}
	e := newTestServer(NewAuthenticator(tokens, vs, 0))
	tok, _, _ := tokens.Issue(alice, testNow)
	if rec := get(e, "/signed", bearer(tok)...); rec.Code != http.StatusOK {
		t.Fatalf("current version: %d", rec.Code)
	}
	vs.set(42, 4) // signed out
	if rec := get(e, "/signed", bearer(tok)...); rec.Code != http.StatusUnauthorized {
		t.Fatalf("revoked version: %d", rec.Code)
	}
	delete(vs.v, 42) // account gone
	if rec := get(e, "/signed", bearer(tok)...); rec.Code != http.StatusUnauthorized {
		t.Fatalf("deleted account: %d", rec.Code)
	}
	vs.err = errors.New("database down")
	if rec := get(e, "/signed", bearer(tok)...); rec.Code != http.StatusInternalServerError {
		t.Fatalf("version source failing: %d, want 500 (fail closed)", rec.Code)
	}
}

func TestAuthenticatorCachesVersionsBriefly(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	vs := &versions{v: map[int64]int{42: 3}}
	a := NewAuthenticator(tokens, vs, time.Hour) // cut to MaxCacheTTL
	clock := testNow
	a.cache.now = func() time.Time { return clock }
	tok, _, _ := tokens.Issue(alice, testNow)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Authorization", "Bearer "+tok)

	for range 3 {
		if _, err := a.Identify(req); err != nil {
			t.Fatal(err)
		}
	}
	if vs.calls != 1 {
		t.Fatalf("%d lookups for 3 requests within the TTL", vs.calls)
	}
	vs.set(42, 4)
	clock = clock.Add(MaxCacheTTL - time.Millisecond)
	if _, err := a.Identify(req); err != nil {
		t.Fatalf("within the TTL the cached version holds: %v", err)
	}
	clock = clock.Add(time.Millisecond)
	if _, err := a.Identify(req); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("after MaxCacheTTL the sign-out must show: %v", err)
	}

	vs.set(42, 3)
	clock = clock.Add(time.Hour)
	a.Identify(req) // cache version 3 again
	vs.set(42, 5)
	a.Forget(42)
	if _, err := a.Identify(req); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("Forget must drop the cached version: %v", err)
	}
}

func TestVersionCacheIsBounded(t *testing.T) {
	c := newVersionCache(time.Second, 100, time.Now)
	for id := range int64(10_000) {
		c.put(id, 1, time.Now())
		if len(c.entries) > 100 {
			t.Fatalf("%d entries", len(c.entries))
		}
	}
	c.put(1_000_000, 7, time.Now())
	if v, ok := c.get(1_000_000); !ok || v != 7 {
		t.Fatal("the newest entry must survive eviction")
	}
}

// The hub's credentials: anonymous without a token (the rooms' policies
// decide), refused with a bad one, the account with a good one.
func TestCredentialsForTheHub(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	a := NewAuthenticator(tokens, &versions{v: map[int64]int{42: 3}}, 0)
	anon := httptest.NewRequest(http.MethodGet, "/ws", nil)
	if c, err := a.Credentials(anon); err != nil || c.AccountID != 0 || !c.Principal.(igfplus.Identity).Anonymous() {
		t.Fatalf("anonymous: %+v %v", c, err)
	}
	bad := httptest.NewRequest(http.MethodGet, "/ws", nil)
	bad.AddCookie(&http.Cookie{Name: accessCookie, Value: "not-a-token"})
	if _, err := a.Credentials(bad); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("a bad token: %v", err)
	}
	tok, _, _ := tokens.Issue(alice, testNow)
	signed := httptest.NewRequest(http.MethodGet, "/ws", nil)
	signed.AddCookie(&http.Cookie{Name: accessCookie, Value: tok})
	if c, err := a.Credentials(signed); err != nil || c.AccountID != 42 || c.TokenVersion != 3 {
		t.Fatalf("signed in: %+v %v", c, err)
	}
}

func TestPageMiddlewareTreatsADeadCookieAsSignedOut(t *testing.T) {
	key, _ := GenerateKey()
	tokens, _ := NewTokens(TokenConfig{Keys: NewKeys(key), Issuer: testIssuer, Audience: testAudience})
	a := NewAuthenticator(tokens, &versions{v: map[int64]int{}}, 0)
	e := echo.New()
	e.HTTPErrorHandler = testErrorHandler
	e.GET("/", func(c echo.Context) error {
		if !IdentityOf(c).Anonymous() {
			return c.String(http.StatusOK, "signed in")
		}
		return c.String(http.StatusOK, "anonymous")
	}, a.PageMiddleware(false))

	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(&http.Cookie{Name: accessCookie, Value: "not.a.token"})
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Body.String() != "anonymous" {
		t.Fatalf("dead cookie: %d %q, want 200 anonymous", rec.Code, rec.Body)
	}
	if ck := cookieNamed(rec.Result().Cookies(), accessCookie); ck == nil || ck.MaxAge >= 0 {
		t.Fatalf("the dead access cookie was not dropped: %+v", ck)
	}

	req = httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Authorization", "Bearer not.a.token")
	rec = httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("bad bearer header on a page: %d, want 401", rec.Code)
	}
}

// A token newer than the remembered version (issued after a change made
// through another node) is accepted at once, not for the cache's life
// refused; an older one stays refused.
func TestANewerTokenThanTheRememberedVersionIsReadAgain(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	store := &versions{v: map[int64]int{42: 3}}
	a := NewAuthenticator(tokens, store, time.Minute)
	request := func(who igfplus.Identity) *http.Request {
		tok, _, _ := tokens.Issue(who, testNow)
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.AddCookie(&http.Cookie{Name: accessCookie, Value: tok})
		return r
	}
	if _, err := a.Identify(request(alice)); err != nil {
		t.Fatal(err)
	}
	store.mu.Lock()
	store.v[42] = 4 // the profile saved elsewhere
	store.mu.Unlock()
	newer := alice
	newer.TokenVersion = 4
	if who, err := a.Identify(request(newer)); err != nil || who.TokenVersion != 4 {
		t.Fatalf("the newer token: %+v %v", who, err)
	}
	if _, err := a.Identify(request(alice)); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("the older token after the change: %v", err)
	}
}

// While the feed of changed versions listens, a version read since it
// began holds past the TTL, and a change it tells is refused at once;
// when it is lost, versions fall back to the TTL.
func TestAuthenticatorTrustsTheFeedWhileItListens(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	vs := &versions{v: map[int64]int{42: 3}}
	a := NewAuthenticator(tokens, vs, MaxCacheTTL)
	clock := testNow
	a.cache.now = func() time.Time { return clock }
	tok, _, _ := tokens.Issue(alice, testNow)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	identify := func(what string, wantCalls int, ok bool) {
		t.Helper()
		_, err := a.Identify(req)
		if (err == nil) != ok || vs.calls != wantCalls {
			t.Fatalf("%s: err %v after %d lookups, want ok=%v after %d", what, err, vs.calls, ok, wantCalls)
		}
	}

	identify("first request", 1, true)
	clock = clock.Add(time.Millisecond)
	a.Listening()
	clock = clock.Add(time.Second)
	identify("a version read before the feed listened", 1, true)
	clock = clock.Add(MaxCacheTTL)
	identify("read again past the TTL", 2, true)
	clock = clock.Add(FeedTTL - time.Second)
	identify("read since the feed listens: trusted", 2, true)

	vs.set(42, 4)
	a.TokenVersionChanged(42, 4)
	identify("the feed told a sign-out", 2, false)

	a.TokenVersionChanged(42, 5)
	a.Lost()
	clock = clock.Add(MaxCacheTTL)
	identify("feed lost: read again", 3, false)
}

// A version read while the feed tells a change may miss it: it is trusted
// for the TTL only. A version never goes down.
func TestVersionCacheDistrustsAReadOvertakenByTheFeed(t *testing.T) {
	clock := testNow
	c := newVersionCache(MaxCacheTTL, 100, func() time.Time { return clock })
	c.listening()
	readAt := clock
	clock = clock.Add(time.Millisecond)
	c.changed(7, 2) // another account's change, told during 42's read
	c.put(42, 3, readAt)
	c.put(43, 1, clock)
	clock = clock.Add(MaxCacheTTL)
	if _, ok := c.get(42); ok {
		t.Fatal("a read overtaken by a told change was trusted past the TTL")
	}
	if v, ok := c.get(43); !ok || v != 1 {
		t.Fatal("a read after the last told change must hold while the feed listens")
	}
	c.changed(43, 5)
	c.put(43, 4, clock)
	if v, _ := c.get(43); v != 5 {
		t.Fatalf("a stale read lowered the version to %d", v)
	}
}
