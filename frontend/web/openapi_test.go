package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/frontend/web/openapitest"
	"github.com/igfplus/igfplus/tracks/accounts/passkey"
	"github.com/igfplus/igfplus/tracks/notify"
	"github.com/igfplus/igfplus/tracks/schedule"
	"github.com/igfplus/igfplus/tracks/translations"
	"github.com/igfplus/igfplus/tracks/voting"
)

// describedRoute reports whether a route is part of the REST API, which the
// OpenAPI document must describe: everything but the HTML pages and assets.
func describedRoute(path string) bool {
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/ws/") || slices.Contains([]string{"/healthz", "/readyz", "/metrics"}, path)
}

// TestTheOpenAPIDocumentAndTheRouterAgree checks the document both ways:
// every route the server registers for the API is documented (method and
// path), and every documented operation is a route the server serves. The
// document must also be valid OpenAPI 3.1 (kin-openapi's validation, which
// checks, among others, that operation ids are unique and that each $ref
// resolves).
func TestTheOpenAPIDocumentAndTheRouterAgree(t *testing.T) {
	spec := openapitest.MustLoad(t)
	if !bytes.Equal(spec.Raw, web.OpenAPIDocument()) {
		t.Fatalf("%s is not the document the server embeds", openapitest.Path())
	}
	if spec.Doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi version %q, want 3.1.0", spec.Doc.OpenAPI)
	}
	for _, problem := range routeDisagreements(spec, newTestServer(t).Echo().Routes()) {
		t.Error(problem)
	}
}

// routeDisagreements lists the routes registered but not documented and
// the operations documented but not registered.
func routeDisagreements(spec *openapitest.Spec, routes []*echo.Route) []string {
	var out []string
	served := map[string]bool{}
	for _, r := range routes {
		if !slices.Contains(httpMethods, r.Method) {
			continue
		}
		path := openapitest.OpenAPIPath(r.Path)
		served[r.Method+" "+path] = true
		if !describedRoute(r.Path) {
			continue
		}
		if item := spec.Doc.Paths.Value(path); item == nil || item.GetOperation(r.Method) == nil {
			out = append(out, fmt.Sprintf("%s %s is registered but not in frontend/web/openapi.json", r.Method, path))
		}
	}
	if len(served) < 10 {
		return append(out, fmt.Sprintf("only %d routes registered: the route table was not built", len(served)))
	}
	for _, path := range spec.Doc.Paths.InMatchingOrder() {
		for method := range spec.Doc.Paths.Value(path).Operations() {
			if !served[method+" "+path] {
				out = append(out, fmt.Sprintf("%s %s is in frontend/web/openapi.json but the server has no such route", method, path))
			}
		}
	}
	slices.Sort(out)
	return out
}

var httpMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions}

func newTestServer(t *testing.T) *web.Server {
	t.Helper()
	reg := newRegistry()
	// The real auth API's routes, so that a new one must be described too.
	authRoutes := &auth.API{Auth: auth.NewAuthenticator(nil, nil, 0), Passkeys: &passkey.Passkeys{}, Notifications: &notify.Service{}}
	// A service of each kind whose routes are optional, so that they are
	// registered (they are not called).
	return web.New(web.Deps{Catalogue: sharedCatalogue(), AuthAPI: authRoutes, Registry: reg, Voting: &voting.Service{}, Schedule: &schedule.Service{},
		Translations: &translations.Service{}, IdentityOf: testAs(nil)})
}

func TestCookieCarryingPostsFromOtherSitesAreRefused(t *testing.T) {
	s := web.New(web.Deps{Catalogue: sharedCatalogue(), AllowedOrigins: []string{"https://forum.example"}})
	for _, tc := range []struct {
		headers []string
		want    int
	}{
		{[]string{"Origin", "https://evil.example"}, http.StatusForbidden},
		{[]string{"Origin", "https://forum.example.evil.example"}, http.StatusForbidden},
		{[]string{"Origin", "null"}, http.StatusForbidden},
		{[]string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{[]string{"Sec-Fetch-Site", "same-site"}, http.StatusForbidden},
		{[]string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, http.StatusForbidden},
		{[]string{"Origin", "https://forum.example"}, http.StatusNotFound},
		// The browser vouches for the origin, whatever host name was used.
		{[]string{"Sec-Fetch-Site", "same-origin", "Origin", "http://localhost:8080"}, http.StatusNotFound},
		{[]string{"Origin", "https://evil.example", "Authorization", "Bearer x"}, http.StatusNotFound},
		{nil, http.StatusNotFound},
	} {
		for _, path := range []string{"/api/nothing-here", "/signout"} {
			req := httptest.NewRequest(http.MethodPost, path, nil)
			for i := 0; i+1 < len(tc.headers); i += 2 {
				req.Header.Set(tc.headers[i], tc.headers[i+1])
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Errorf("POST %s with %v: %d, want %d", path, tc.headers, rec.Code, tc.want)
			}
		}
	}
}
