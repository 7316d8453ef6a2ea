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
	"github.com/igfplus/igfplus/tracks"
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
	return web.New(web.Deps{AuthAPI: authRoutes, Registry: reg, IdentityOf: func(echo.Context) tracks.Identity { return tracks.Identity{} }})
}

func TestCookieCarryingPostsFromOtherOriginsAreRefused(t *testing.T) {
	s := web.New(web.Deps{AllowedOrigins: []string{"https://forum.example"}})
	for origin, want := range map[string]int{
		"https://evil.example":               http.StatusForbidden,
		"https://forum.example.evil.example": http.StatusForbidden,
		"null":                               http.StatusForbidden,
		"https://forum.example":              http.StatusNotFound, // let through, to a route that does not exist
	} {
		req := httptest.NewRequest(http.MethodPost, "/api/nothing-here", nil)
		req.Header.Set("Origin", origin)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("POST from %s: %d, want %d", origin, rec.Code, want)
		}
	}
}
