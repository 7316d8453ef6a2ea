package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// describedRoute reports whether a route is part of the REST API, which the
// OpenAPI document must describe: everything but the HTML pages and assets.
func describedRoute(path string) bool {
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/ws/") || slices.Contains([]string{"/healthz", "/readyz", "/metrics"}, path)
}

var echoParam = regexp.MustCompile(`:([a-zA-Z_]+)`)

func TestEveryRESTRouteIsInTheOpenAPIDocument(t *testing.T) {
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(web.OpenAPIDocument(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi version %q, want 3.1.0", doc.OpenAPI)
	}
	s := newTestServer(t)
	checked := 0
	for _, r := range s.Echo().Routes() {
		if !describedRoute(r.Path) || r.Method == echo.RouteNotFound {
			continue
		}
		path := echoParam.ReplaceAllString(r.Path, "{$1}")
		if _, ok := doc.Paths[path][strings.ToLower(r.Method)]; !ok {
			t.Errorf("%s %s is registered but not in frontend/web/openapi.json", r.Method, path)
		}
		checked++
	}
	if checked < 10 {
		t.Fatalf("only %d routes checked: the route table was not built", checked)
	}
}

func newTestServer(t *testing.T) *web.Server {
	t.Helper()
	reg := newRegistry()
	// The real auth API's routes, so that a new one must be described too.
	authRoutes := &auth.API{Auth: auth.NewAuthenticator(nil, nil, 0)}
	return web.New(web.Deps{AuthAPI: authRoutes, Registry: reg, IdentityOf: func(echo.Context) igfplus.Identity { return igfplus.Identity{} }})
}

func TestCookieCarryingPostsFromOtherSitesAreRefused(t *testing.T) {
	s := web.New(web.Deps{AllowedOrigins: []string{"https://forum.example"}})
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
