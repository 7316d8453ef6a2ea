package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/frontend/web"
)

// TestEveryResponseCarriesTheSecurityHeaders: pages, the API, errors and
// the operations endpoints all carry the content security policy (own
// scripts only, no plug-ins, never framed), X-Frame-Options, nosniff, a
// same-origin referrer and opener policy and a Permissions-Policy that
// turns the unused powerful features off; Strict-Transport-Security only
// when the public URL is https.
func TestEveryResponseCarriesTheSecurityHeaders(t *testing.T) {
	for _, https := range []bool{false, true} {
		origin := "http://127.0.0.1:8080"
		if https {
			origin = "https://forum.example.org"
		}
		h := web.New(web.Deps{Catalogue: sharedCatalogue(), AllowedOrigins: []string{origin}, HTTPS: https}).Handler()
		for _, r := range []*http.Request{
			httptest.NewRequest(http.MethodGet, "/healthz", nil),
			httptest.NewRequest(http.MethodGet, "/api/openapi.json", nil),
			httptest.NewRequest(http.MethodGet, "/no/such/page", nil),
			httptest.NewRequest(http.MethodPost, "/api/auth/signin", strings.NewReader("{")),
		} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			got := rec.Header()
			where := r.Method + " " + r.URL.Path
			csp := got.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'self'", "script-src 'self';", "object-src 'none'", "frame-ancestors 'none'",
				"base-uri 'none'", "form-action 'self'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("%s: the CSP %q lacks %s", where, csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-") {
				t.Errorf("%s: the CSP allows %q", where, csp)
			}
			socket := "ws://127.0.0.1:8080"
			if https {
				socket = "wss://forum.example.org"
			}
			if !strings.Contains(csp, "connect-src 'self' "+socket+";") {
				t.Errorf("%s: the CSP %q does not let the pages reach their socket %s", where, csp, socket)
			}
			for name, want := range map[string]string{
				"X-Frame-Options":            "DENY",
				"X-Content-Type-Options":     "nosniff",
				"Referrer-Policy":            "same-origin",
				"Cross-Origin-Opener-Policy": "same-origin",
			} {
				if got.Get(name) != want {
					t.Errorf("%s: %s = %q, want %q", where, name, got.Get(name), want)
				}
			}
			pp := got.Get("Permissions-Policy")
			for _, feature := range []string{"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "display-capture=()",
				"publickey-credentials-get=(self)", "publickey-credentials-create=(self)"} {
				if !strings.Contains(pp, feature) {
					t.Errorf("%s: Permissions-Policy %q lacks %s", where, pp, feature)
				}
			}
			hsts := got.Get("Strict-Transport-Security")
			if https && hsts != "max-age=31536000" {
				t.Errorf("%s over https: Strict-Transport-Security %q, want max-age=31536000", where, hsts)
			}
			if !https && hsts != "" {
				t.Errorf("%s over http: Strict-Transport-Security %q, want none", where, hsts)
			}
		}
	}
}
