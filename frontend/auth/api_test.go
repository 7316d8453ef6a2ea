package auth

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/frontend/web/openapitest"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/argon2id"
	"github.com/igfplus/igfplus/tracks/accounts/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// newAPIServer serves the API at /api on a fresh database, with the real
// hasher (cheap settings) and tokens.
func newAPIServer(tb testing.TB, cacheTTL time.Duration) *echo.Echo {
	tb.Helper()
	return newAPIServerWithClock(tb, cacheTTL, time.Now)
}

// newAPIServerWithClock is newAPIServer with the accounts' clock.
func newAPIServerWithClock(tb testing.TB, cacheTTL time.Duration, now func() time.Time) *echo.Echo {
	tb.Helper()
	return serveAPI(tb, cacheTTL, now, nil)
}

// newThrottledAPIServer is newAPIServer within the budgets of NewThrottle.
func newThrottledAPIServer(tb testing.TB) *echo.Echo {
	tb.Helper()
	return serveAPI(tb, 0, time.Now, NewThrottle())
}

// serveAPI serves the API on a database of its own, with the accounts'
// clock now and the throttle (nil: no limit).
func serveAPI(tb testing.TB, cacheTTL time.Duration, now func() time.Time, throttle *Throttle) *echo.Echo {
	tb.Helper()
	key, _ := GenerateKey()
	tokens, err := NewTokens(TokenConfig{Keys: NewKeys(key), Issuer: testIssuer, Audience: testAudience})
	if err != nil {
		tb.Fatal(err)
	}
	svc, err := accounts.NewService(accounts.Config{Store: pgstore.New(pgtest.DB(tb)), Tokens: tokens, Hasher: argon2id.Cheap(), Now: now})
	if err != nil {
		tb.Fatal(err)
	}
	api := &API{Accounts: svc, Auth: NewAuthenticator(tokens, svc, cacheTTL), Throttle: throttle, SecureCookies: true}
	e := echo.New()
	e.Use(openapitest.Echo(tb, openapitest.StandInErrors)) // its errors are not problem+json: checked in frontend/web
	e.HTTPErrorHandler = testErrorHandler
	api.Routes(e.Group("/api"))
	return e
}

// call sends a request; body, if not "", goes as JSON.
func call(e *echo.Echo, method, path, body string, cookies []*http.Cookie, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

const registration = `{"email":"amina@example.org","password":"a long passphrase","display_name":"Amina",
	"stakeholder_group":"civil_society","region":"african","country":"ke","age_band":"18_24","first_time":true}`

func mustSession(tb testing.TB, rec *httptest.ResponseRecorder, want int) (sessionJSON, []*http.Cookie) {
	tb.Helper()
	if rec.Code != want {
		tb.Fatalf("status %d, want %d: %s", rec.Code, want, rec.Body)
	}
	var s sessionJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &s); err != nil {
		tb.Fatal(err)
	}
	return s, rec.Result().Cookies()
}

// signedUp registers the account of registration and signs it in:
// registration itself starts no session.
func signedUp(tb testing.TB, e *echo.Echo) (sessionJSON, []*http.Cookie) {
	tb.Helper()
	if rec := call(e, http.MethodPost, "/api/auth/register", registration, nil); rec.Code != http.StatusAccepted {
		tb.Fatalf("register: %d %s", rec.Code, rec.Body)
	}
	return mustSession(tb, call(e, http.MethodPost, "/api/auth/signin", `{"email":"amina@example.org","password":"a long passphrase"}`, nil), http.StatusOK)
}

func cookieNamed(cs []*http.Cookie, name string) *http.Cookie {
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestRegisterThenSignInAnswersWithSessionAndCookies(t *testing.T) {
	e := newAPIServer(t, 0)
	rec := call(e, http.MethodPost, "/api/auth/register", registration, nil)
	if rec.Code != http.StatusAccepted || len(rec.Result().Cookies()) != 0 {
		t.Fatalf("register: %d %s, cookies %v: want 202 and no session", rec.Code, rec.Body, rec.Result().Cookies())
	}
	rec = call(e, http.MethodPost, "/api/auth/signin", `{"email":"amina@example.org","password":"a long passphrase"}`, nil)
	s, cookies := mustSession(t, rec, http.StatusOK)
	if s.TokenType != "Bearer" || s.AccessToken == "" || s.RefreshToken == "" || s.Account.Email != "amina@example.org" ||
		s.Account.Country != "KE" || s.Account.Roles[0] != "participant" || !s.Account.ShowNameInPresence {
		t.Fatalf("session: %+v", s)
	}
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Error("a session answer may be cached")
	}
	access, refresh := cookieNamed(cookies, accessCookie), cookieNamed(cookies, refreshCookie)
	if access == nil || access.Value != s.AccessToken || !access.HttpOnly || !access.Secure || access.SameSite != http.SameSiteLaxMode || access.Path != "/" {
		t.Fatalf("access cookie: %+v", access)
	}
	if refresh == nil || refresh.Value != s.RefreshToken || !refresh.HttpOnly || !refresh.Secure || refresh.SameSite != http.SameSiteStrictMode || refresh.Path != "/" {
		t.Fatalf("refresh cookie: %+v", refresh)
	}
	for _, c := range []struct {
		name, body string
		want       int
	}{
		{"invalid input", `{"email":"x","password":"short"}`, http.StatusUnprocessableEntity},
		{"malformed JSON", `{"email":`, http.StatusUnprocessableEntity},
		{"unknown field", `{"e_mail":"amina@example.org"}`, http.StatusUnprocessableEntity},
		{"two objects", `{} {}`, http.StatusUnprocessableEntity},
		{"too large", `{"display_name":"` + strings.Repeat("a", 70<<10) + `"}`, http.StatusUnprocessableEntity},
	} {
		if rec := call(e, http.MethodPost, "/api/auth/register", c.body, nil); rec.Code != c.want {
			t.Errorf("%s: status %d, want %d: %s", c.name, rec.Code, c.want, rec.Body)
		}
	}
	// A cross-site HTML form can only post form or text types.
	if rec := call(e, http.MethodPost, "/api/auth/signin", `{"email":"amina@example.org","password":"a long passphrase"}`, nil,
		"Content-Type", "text/plain"); rec.Code != http.StatusUnprocessableEntity {
		t.Errorf("text/plain sign-in: status %d", rec.Code)
	}
}

func TestSignInAndMe(t *testing.T) {
	e := newAPIServer(t, 0)
	call(e, http.MethodPost, "/api/auth/register", registration, nil)
	s, cookies := mustSession(t, call(e, http.MethodPost, "/api/auth/signin", `{"email":"Amina@example.org","password":"a long passphrase"}`, nil), http.StatusOK)

	for how, rec := range map[string]*httptest.ResponseRecorder{
		"bearer": call(e, http.MethodGet, "/api/me", "", nil, "Authorization", "Bearer "+s.AccessToken),
		"cookie": call(e, http.MethodGet, "/api/me", "", cookies),
	} {
		var a accountJSON
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &a) != nil || a.ID != s.Account.ID || a.AgeBand != "18_24" {
			t.Errorf("me by %s: %d %s", how, rec.Code, rec.Body)
		}
	}
	if rec := call(e, http.MethodGet, "/api/me", "", nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("anonymous me: %d", rec.Code)
	}
	wrong := call(e, http.MethodPost, "/api/auth/signin", `{"email":"amina@example.org","password":"not the passphrase"}`, nil)
	unknown := call(e, http.MethodPost, "/api/auth/signin", `{"email":"nobody@example.org","password":"a long passphrase"}`, nil)
	if wrong.Code != http.StatusUnauthorized || unknown.Code != http.StatusUnauthorized || wrong.Body.String() != unknown.Body.String() {
		t.Errorf("wrong password %d %s; unknown email %d %s", wrong.Code, wrong.Body, unknown.Code, unknown.Body)
	}
}

func TestRefreshRotatesByCookieOrBody(t *testing.T) {
	var skew atomic.Int64 // how far the accounts' clock is ahead
	e := newAPIServerWithClock(t, 0, func() time.Time { return time.Now().Add(time.Duration(skew.Load())) })
	first, cookies := signedUp(t, e)

	// A browser: no body, the refresh cookie.
	second, cookies2 := mustSession(t, call(e, http.MethodPost, "/api/auth/refresh", "", []*http.Cookie{cookieNamed(cookies, refreshCookie)}), http.StatusOK)
	if second.RefreshToken == first.RefreshToken || cookieNamed(cookies2, refreshCookie).Value != second.RefreshToken {
		t.Fatal("refresh did not rotate the token")
	}
	// Another client: the token in the body.
	third, _ := mustSession(t, call(e, http.MethodPost, "/api/auth/refresh", `{"refresh_token":"`+second.RefreshToken+`"}`, nil), http.StatusOK)

	// Replaying the first token, once it cannot be another tab's race, ends
	// the family and clears the cookies.
	skew.Store(int64(accounts.RefreshReuseGrace))
	rec := call(e, http.MethodPost, "/api/auth/refresh", `{"refresh_token":"`+first.RefreshToken+`"}`, nil)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("reuse: %d %s", rec.Code, rec.Body)
	}
	if c := cookieNamed(rec.Result().Cookies(), refreshCookie); c == nil || c.MaxAge >= 0 {
		t.Fatalf("refresh cookie not cleared after a failed refresh: %+v", c)
	}
	if rec := call(e, http.MethodPost, "/api/auth/refresh", `{"refresh_token":"`+third.RefreshToken+`"}`, nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("the family's newest token after reuse: %d", rec.Code)
	}
	if rec := call(e, http.MethodGet, "/api/me", "", nil, "Authorization", "Bearer "+third.AccessToken); rec.Code != http.StatusUnauthorized {
		t.Fatalf("an access token of the stolen family still works: %d", rec.Code)
	}
	if rec := call(e, http.MethodPost, "/api/auth/refresh", "", nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("refresh without a token: %d", rec.Code)
	}
}

// The point of token versions: after sign-out, an access token issued
// before it is refused at once, although it has not expired.
func TestSignOutRevokesIssuedAccessTokens(t *testing.T) {
	for name, ttl := range map[string]time.Duration{"uncached": 0, "cached, forgotten on sign-out": MaxCacheTTL} {
		t.Run(name, func(t *testing.T) {
			e := newAPIServer(t, ttl)
			s, cookies := signedUp(t, e)
			bearer := []string{"Authorization", "Bearer " + s.AccessToken}
			if rec := call(e, http.MethodGet, "/api/me", "", nil, bearer...); rec.Code != http.StatusOK {
				t.Fatalf("before sign-out: %d", rec.Code)
			}
			rec := call(e, http.MethodPost, "/api/auth/signout", "", cookies)
			if rec.Code != http.StatusNoContent {
				t.Fatalf("sign-out: %d %s", rec.Code, rec.Body)
			}
			if c := cookieNamed(rec.Result().Cookies(), accessCookie); c == nil || c.MaxAge >= 0 {
				t.Fatalf("access cookie not cleared: %+v", c)
			}
			if rec := call(e, http.MethodGet, "/api/me", "", nil, bearer...); rec.Code != http.StatusUnauthorized {
				t.Fatalf("access token after sign-out: %d", rec.Code)
			}
			if rec := call(e, http.MethodPost, "/api/auth/refresh", `{"refresh_token":"`+s.RefreshToken+`"}`, nil); rec.Code != http.StatusUnauthorized {
				t.Fatalf("refresh token after sign-out: %d", rec.Code)
			}
			if rec := call(e, http.MethodPost, "/api/auth/signout", "", cookies); rec.Code != http.StatusNoContent {
				t.Fatalf("signing out again: %d", rec.Code)
			}
		})
	}
}

func TestSignOutEverywhere(t *testing.T) {
	e := newAPIServer(t, 0)
	laptop, _ := signedUp(t, e)
	phone, _ := mustSession(t, call(e, http.MethodPost, "/api/auth/signin", `{"email":"amina@example.org","password":"a long passphrase"}`, nil), http.StatusOK)
	if rec := call(e, http.MethodPost, "/api/auth/signout-everywhere", "", nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("anonymous: %d", rec.Code)
	}
	if rec := call(e, http.MethodPost, "/api/auth/signout-everywhere", "", nil, "Authorization", "Bearer "+phone.AccessToken); rec.Code != http.StatusNoContent {
		t.Fatalf("sign out everywhere: %d %s", rec.Code, rec.Body)
	}
	if rec := call(e, http.MethodPost, "/api/auth/refresh", `{"refresh_token":"`+laptop.RefreshToken+`"}`, nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("the laptop's session survived: %d", rec.Code)
	}
	if rec := call(e, http.MethodGet, "/api/me", "", nil, "Authorization", "Bearer "+laptop.AccessToken); rec.Code != http.StatusUnauthorized {
		t.Fatalf("the laptop's access token survived: %d", rec.Code)
	}
}

func TestSafeNextKeepsRedirectsOnThisSite(t *testing.T) {
	for in, want := range map[string]string{
		"/sessions/3":          "/sessions/3",
		"/sessions/3?lang=ar":  "/sessions/3?lang=ar",
		"//evil.example/x":     "/",
		"/\\evil.example":      "/",
		"https://evil.example": "/",
		"":                     "/",
		"/a\r\nSet-Cookie: x":  "/",
		// Browsers drop tabs and newlines anywhere in a URL, making these
		// "//evil.example".
		"/\t/evil.example": "/",
		"/\n/evil.example": "/",
		"/\x00x":           "/",
	} {
		if got := SafeNext(in); got != want {
			t.Errorf("SafeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestResumeRenewsTheAccessCookieAndReturnsToThePage(t *testing.T) {
	e := newAPIServer(t, 0)
	_, cookies := signedUp(t, e)
	refresh := cookieNamed(cookies, refreshCookie)

	rec := call(e, "GET", "/api/auth/resume?next=/sessions/3", "", []*http.Cookie{refresh})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/sessions/3" {
		t.Fatalf("resume: %d to %q, want 303 to /sessions/3", rec.Code, rec.Header().Get("Location"))
	}
	if cookieNamed(rec.Result().Cookies(), accessCookie) == nil {
		t.Fatal("resume set no access cookie")
	}
	// Another tab presenting the spent token at once goes back to its page
	// (by then the new cookies have reached the browser), clearing nothing.
	rec = call(e, "GET", "/api/auth/resume?next=//evil.example", "", []*http.Cookie{refresh})
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || loc != "/" || len(rec.Result().Cookies()) != 0 {
		t.Fatalf("second tab: %d to %q with cookies %v, want 303 to / and none", rec.Code, loc, rec.Result().Cookies())
	}
	// With the fetch API the same race is a 409 that keeps the cookies.
	rec = call(e, "POST", "/api/auth/refresh", "", []*http.Cookie{refresh})
	if rec.Code != http.StatusConflict || len(rec.Result().Cookies()) != 0 {
		t.Fatalf("second tab's refresh: %d with cookies %v, want 409 and none", rec.Code, rec.Result().Cookies())
	}
}

func TestSignInAttemptsAreThrottledPerEmail(t *testing.T) {
	e := newThrottledAPIServer(t)
	wrong := `{"email":"Someone@Example.org","password":"not the password"}`
	for i := range 10 {
		if rec := call(e, "POST", "/api/auth/signin", wrong, nil); rec.Code != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d, want 401", i+1, rec.Code)
		}
	}
	other := `{"email":" someone@example.ORG ","password":"still not it"}`
	if rec := call(e, "POST", "/api/auth/signin", other, nil); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("11th attempt on the same email: %d, want 429", rec.Code)
	}
	fresh := `{"email":"another@example.org","password":"not the password"}`
	if rec := call(e, "POST", "/api/auth/signin", fresh, nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("another email: %d, want 401 (not throttled)", rec.Code)
	}
}
