package web_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/auth/redisthrottle"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/argon2id"
	"github.com/igfplus/igfplus/tracks/accounts/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// signInServer is the server's sign-in as the serve command wires it: the
// accounts on PostgreSQL, budgets in Redis, the auth API and middleware,
// behind the given trusted proxies.
type signInServer struct {
	t     *testing.T
	h     http.Handler
	store *pgstore.Store
}

func newSignInServer(t *testing.T, trusted ...string) *signInServer {
	t.Helper()
	tokens := platformTokens(t)
	store := pgstore.New(pgtest.DB(t))
	svc, err := accounts.NewService(accounts.Config{Store: store, Tokens: tokens, Hasher: argon2id.Cheap()})
	if err != nil {
		t.Fatal(err)
	}
	authn := auth.NewAuthenticator(tokens, svc, 0)
	throttle := auth.NewSharedThrottle(redisthrottle.New(redistest.Client(t, redistest.Server(t)), redistest.Prefix(t)), slog.Default())
	var proxies []*net.IPNet
	for _, cidr := range trusted {
		_, r, err := net.ParseCIDR(cidr)
		if err != nil {
			t.Fatal(err)
		}
		proxies = append(proxies, r)
	}
	s := web.New(web.Deps{Catalogue: sharedCatalogue(),
		AuthMiddleware: authn.Middleware(), IdentityOf: auth.IdentityOf, TrustedProxies: proxies,
		AuthAPI: &auth.API{Accounts: svc, Auth: authn, Throttle: throttle},
	})
	return &signInServer{t: t, h: s.Handler(), store: store}
}

// post sends body from the peer at peer ("host:port"), with the header
// pairs, and returns the answer.
func (s *signInServer) post(path, body, peer string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.RemoteAddr = peer
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	return rec
}

func signInBody(email, password string) string {
	return fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)
}

// register registers email with password, from peer.
func (s *signInServer) register(email, password, peer string, header ...string) *httptest.ResponseRecorder {
	body := fmt.Sprintf(`{"email":%q,"password":%q,"display_name":"Layla","stakeholder_group":"civil_society","region":"african"}`, email, password)
	return s.post("/api/auth/register", body, peer, header...)
}

// mustRegister registers email with password and returns the account id.
func (s *signInServer) mustRegister(email, password string) int64 {
	s.t.Helper()
	if rec := s.register(email, password, "192.0.2.200:1000"); rec.Code != http.StatusAccepted {
		s.t.Fatalf("register %s: %d %s", email, rec.Code, rec.Body)
	}
	a, _, err := s.store.Credentials(s.t.Context(), email)
	if err != nil {
		s.t.Fatal(err)
	}
	return a.ID
}

const proxy = "10.1.2.3:4444" // the trusted proxy in these tests

// Through a trusted proxy, each client is the address the proxy forwards:
// 200 failed sign-ins from 200 clients do not stop a real person at
// another address from signing in, nor someone from registering (finding
// 3: behind the shipped nginx everyone was the proxy's address, and the
// 135th attempt shut sign-in for all).
func TestFailedSignInsThroughATrustedProxyDoNotStopOthers(t *testing.T) {
	s := newSignInServer(t, "10.1.2.3/32")
	s.mustRegister("amina@example.org", "a long passphrase")
	for i := range 200 {
		client := fmt.Sprintf("203.0.113.%d", i)
		rec := s.post("/api/auth/signin", signInBody(fmt.Sprintf("guess%d@example.org", i%7), "not the password"), proxy,
			"X-Forwarded-For", "198.51.100.1, "+client) // the leftmost entry is whatever the client wrote
		if rec.Code != http.StatusUnauthorized {
			t.Fatalf("failed sign-in %d: %d %s, want 401", i+1, rec.Code, rec.Body)
		}
	}
	if rec := s.post("/api/auth/signin", signInBody("amina@example.org", "a long passphrase"), proxy, "X-Forwarded-For", "192.0.2.10"); rec.Code != http.StatusOK {
		t.Fatalf("a real person at another address: %d %s", rec.Code, rec.Body)
	}
	if rec := s.register("kofi@example.org", "another long passphrase", proxy, "X-Forwarded-For", "192.0.2.11"); rec.Code != http.StatusAccepted {
		t.Fatalf("a registration at another address: %d %s", rec.Code, rec.Body)
	}
}

// One IPv6 subscriber holds a whole /64: its addresses share one budget,
// and another /64 has its own.
func TestAnIPv6ClientIsItsSlash64(t *testing.T) {
	s := newSignInServer(t, "10.1.2.3/32")
	refused := 0
	for i := range 150 {
		rec := s.post("/api/auth/signin", signInBody(fmt.Sprintf("guess%d@example.org", i), "not the password"), proxy,
			"X-Forwarded-For", fmt.Sprintf("2001:db8:1:2::%x", i+1))
		if rec.Code == http.StatusTooManyRequests {
			refused++
		}
	}
	if refused == 0 {
		t.Fatal("150 attempts from one /64 were all let through: each address counted alone")
	}
	if rec := s.post("/api/auth/signin", signInBody("guess@example.org", "not the password"), proxy, "X-Forwarded-For", "2001:db8:1:3::1"); rec.Code != http.StatusUnauthorized {
		t.Fatalf("another /64: %d, want 401", rec.Code)
	}
}

// A peer that is not a trusted proxy is its connection's address, whatever
// X-Forwarded-For it sends: varying the header does not buy it budgets.
func TestAnUntrustedPeersForwardedForIsIgnored(t *testing.T) {
	for name, trusted := range map[string][]string{"no proxies configured": nil, "another proxy configured": {"10.1.2.3/32"}} {
		t.Run(name, func(t *testing.T) {
			s := newSignInServer(t, trusted...)
			refused := 0
			for i := range 130 {
				rec := s.post("/api/auth/signin", signInBody(fmt.Sprintf("guess%d@example.org", i), "not the password"), "192.0.2.99:5000",
					"X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i))
				if rec.Code == http.StatusTooManyRequests {
					refused++
				}
			}
			if refused == 0 {
				t.Fatal("130 attempts from one peer were all let through: its X-Forwarded-For was believed")
			}
		})
	}
}

// Strangers cannot lock an account: 11 wrong passwords for a moderator's
// e-mail from one client use up that client's tries on it (429, with
// Retry-After and a problem document), and the moderator signs in from
// another client. Right passwords spend nothing of the e-mail's budget.
func TestWrongPasswordsFromOneClientDoNotStopTheRightPersonFromAnother(t *testing.T) {
	s := newSignInServer(t)
	id := s.mustRegister("moderator@example.org", "the moderator's passphrase")
	if err := s.store.GrantRole(t.Context(), id, igfplus.RoleModerator); err != nil {
		t.Fatal(err)
	}
	var last *httptest.ResponseRecorder
	for range 11 {
		last = s.post("/api/auth/signin", signInBody("moderator@example.org", "a guess at it"), "198.51.100.7:5000")
	}
	if last.Code != http.StatusTooManyRequests {
		t.Fatalf("11th wrong password from one client: %d, want 429", last.Code)
	}
	if after, err := strconv.Atoi(last.Header().Get("Retry-After")); err != nil || after < 1 {
		t.Errorf("Retry-After %q", last.Header().Get("Retry-After"))
	}
	var p web.Problem
	if json.Unmarshal(last.Body.Bytes(), &p) != nil || p.Code != "rate_limited" || last.Header().Get(echo.HeaderContentType) != "application/problem+json" {
		t.Errorf("429 answer: %s %s", last.Header().Get(echo.HeaderContentType), last.Body)
	}
	for i := range 15 {
		if rec := s.post("/api/auth/signin", signInBody("moderator@example.org", "the moderator's passphrase"), "192.0.2.33:6000"); rec.Code != http.StatusOK {
			t.Fatalf("the moderator's sign-in %d from another client: %d %s", i+1, rec.Code, rec.Body)
		}
	}
}

// A guessing attack on one e-mail from many clients spends its overall
// budget; from then on each further client has one try there instead of
// ten: the right password still signs in at the first try, a second wrong
// guess from the same client is refused.
func TestAGuessingAttackFromManyClientsStillLetsTheRightPasswordIn(t *testing.T) {
	s := newSignInServer(t)
	s.mustRegister("amina@example.org", "a long passphrase")
	for i := range 60 {
		s.post("/api/auth/signin", signInBody("amina@example.org", "a guess"), fmt.Sprintf("203.0.113.%d:5000", i))
	}
	if rec := s.post("/api/auth/signin", signInBody("amina@example.org", "a long passphrase"), "192.0.2.40:5000"); rec.Code != http.StatusOK {
		t.Fatalf("the right password from a new client during the attack: %d %s", rec.Code, rec.Body)
	}
	if rec := s.post("/api/auth/signin", signInBody("amina@example.org", "a guess"), "192.0.2.41:5000"); rec.Code != http.StatusUnauthorized {
		t.Fatalf("a new client's first guess: %d, want 401", rec.Code)
	}
	if rec := s.post("/api/auth/signin", signInBody("amina@example.org", "another guess"), "192.0.2.41:5000"); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("the same client's second guess during the attack: %d, want 429", rec.Code)
	}
}

// Through the real server, sign-out ends the session named by a stale
// access token together with a valid refresh token (the server's
// authentication used to refuse the stale token first: 401, nothing
// revoked), and a sign-out that names no session is a 422 problem.
func TestSignOutThroughTheServer(t *testing.T) {
	s := newSignInServer(t)
	s.mustRegister("amina@example.org", "a long passphrase")
	session := func() (access, refresh string) {
		rec := s.post("/api/auth/signin", signInBody("amina@example.org", "a long passphrase"), "192.0.2.1:1")
		var out struct {
			AccessToken  string `json:"access_token"`
			RefreshToken string `json:"refresh_token"`
		}
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &out) != nil {
			t.Fatalf("sign-in: %d %s", rec.Code, rec.Body)
		}
		return out.AccessToken, out.RefreshToken
	}
	access, refresh := session()
	_, otherRefresh := session()
	if rec := s.post("/api/auth/signout", `{"refresh_token":"`+otherRefresh+`"}`, "192.0.2.1:1"); rec.Code != http.StatusNoContent {
		t.Fatalf("signing the other session out: %d", rec.Code)
	}
	// access is stale now: the other sign-out bumped the token version.
	if rec := s.post("/api/auth/signout", `{"refresh_token":"`+refresh+`"}`, "192.0.2.1:1", "Authorization", "Bearer "+access); rec.Code != http.StatusNoContent {
		t.Fatalf("stale bearer with a valid refresh token: %d %s, want 204", rec.Code, rec.Body)
	}
	if rec := s.post("/api/auth/refresh", `{"refresh_token":"`+refresh+`"}`, "192.0.2.1:1"); rec.Code != http.StatusUnauthorized {
		t.Fatalf("the signed-out session still refreshes: %d", rec.Code)
	}
	rec := s.post("/api/auth/signout", "", "192.0.2.1:1")
	if rec.Code != http.StatusUnprocessableEntity || rec.Header().Get(echo.HeaderContentType) != "application/problem+json" {
		t.Fatalf("sign-out naming no session: %d %s, want a 422 problem", rec.Code, rec.Body)
	}
}
