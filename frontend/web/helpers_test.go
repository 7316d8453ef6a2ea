package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/frontend/web/openapitest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
)

func newRegistry() *prometheus.Registry { return prometheus.NewRegistry() }

// platformTokens issues and checks the platform's tokens under a key of
// the test's own.
func platformTokens(t *testing.T) *auth.Tokens {
	t.Helper()
	key, err := auth.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: auth.NewKeys(key), Issuer: auth.PlatformIssuer, Audience: auth.PlatformAudience})
	if err != nil {
		t.Fatal(err)
	}
	return tokens
}

// testAs is the tests' web.Deps.IdentityOf: the request's X-Test-As
// header names which of people calls; anyone else (people may be nil) is
// anonymous.
func testAs(people map[string]igfplus.Identity) func(echo.Context) igfplus.Identity {
	return func(c echo.Context) igfplus.Identity { return people[c.Request().Header.Get("X-Test-As")] }
}

// serve sends a request to h as as (see testAs), with the JSON body when
// there is one and the headers hdr, checking request and answer against
// openapi.json.
func serve(t *testing.T, h http.Handler, method, path, as, body string, hdr http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("X-Test-As", as)
	rec := httptest.NewRecorder()
	openapitest.Handler(t, h).ServeHTTP(rec, req)
	return rec
}

// do is serve answering the status and the body.
func do(t *testing.T, h http.Handler, method, path, as string, body string, hdr http.Header) (int, string) {
	t.Helper()
	rec := serve(t, h, method, path, as, body, hdr)
	return rec.Code, rec.Body.String()
}

// call sends a request as who and decodes the JSON answer into out (when
// not nil), failing unless the status is want (an error's as
// problem+json).
func call(t *testing.T, h http.Handler, who, method, path, body string, want int, out any) {
	t.Helper()
	rec := serve(t, h, method, path, who, body, nil)
	if rec.Code != want {
		t.Fatalf("%s %s as %q: %d %s, want %d", method, path, who, rec.Code, rec.Body, want)
	}
	if want >= 400 && rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("%s %s: error as %q, want problem+json", method, path, rec.Header().Get("Content-Type"))
	}
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, rec.Body)
		}
	}
}

// publishingAPI is the API with the publishing service on a database of
// its own that pubtest.Seed filled (returned, with what it made). In
// X-Test-As (see do): "sec" is the Secretariat, "m1" and "m2" the two
// High-Level Body members; anyone else is anonymous.
func publishingAPI(t *testing.T) (http.Handler, *pgdb.DB, pubtest.Fixture) {
	t.Helper()
	db := pgtest.DB(t)
	f := pubtest.Seed(t, db)
	people := map[string]igfplus.Identity{
		"sec": {AccountID: f.Secretariat, Roles: []igfplus.Role{igfplus.RoleSecretariat}},
		"m1":  {AccountID: f.Members[0], Roles: []igfplus.Role{igfplus.RoleHLBMember}},
		"m2":  {AccountID: f.Members[1], Roles: []igfplus.Role{igfplus.RoleHLBMember}},
	}
	h := web.New(web.Deps{Catalogue: sharedCatalogue(), Publishing: publishing.NewService(pubtest.Store(db)), IdentityOf: testAs(people)}).Handler()
	return h, db, f
}

// sharedCatalogue is the embedded catalogue, read and checked once for the
// package's tests: web.New would check all six languages again for every
// server a test builds.
var sharedCatalogue = sync.OnceValue(i18n.MustNew)
