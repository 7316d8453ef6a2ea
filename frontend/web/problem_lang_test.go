package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/igfplus/igfplus/frontend/i18n"
)

// TestProblemDetailsSpeakTheRequestsLanguage: a refusal's title and detail
// come in the language the request negotiates as a page would (?lang, the
// language cookie, Accept-Language), named by Content-Language, with its
// word argument ("session") translated too; code stays the machine's.
func TestProblemDetailsSpeakTheRequestsLanguage(t *testing.T) {
	s := newTestServer(t)
	for _, tc := range []struct {
		name, path, header, value string
		lang, title, detail       string
	}{
		{"Accept-Language", "/api/sessions/x", "Accept-Language", "fr-CH, en;q=0.5",
			"fr", "Introuvable", "Introuvable : session."},
		{"?lang", "/api/sessions/x?lang=es", "", "",
			"es", "No encontrado", "No existe: sesión."},
		{"the language cookie", "/api/sessions/x", "Cookie", i18n.Cookie + "=ar",
			"ar", "غير موجود", "غير موجود: الجلسة."},
		{"nothing asked", "/api/sessions/x", "", "",
			"en", "Not Found", "There is no such session."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tc.path, nil)
			if tc.header != "" {
				req.Header.Set(tc.header, tc.value)
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			var p struct{ Title, Detail, Code string }
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatalf("%d %s: %v", rec.Code, rec.Body, err)
			}
			if rec.Code != http.StatusNotFound || p.Code != "not_found" {
				t.Errorf("status %d code %q, want 404 not_found", rec.Code, p.Code)
			}
			if p.Title != tc.title || p.Detail != tc.detail {
				t.Errorf("title %q detail %q, want %q %q", p.Title, p.Detail, tc.title, tc.detail)
			}
			if got := rec.Header().Get("Content-Language"); got != tc.lang {
				t.Errorf("Content-Language %q, want %q", got, tc.lang)
			}
			if got := rec.Header().Values("Vary"); !slices.Contains(got, "Accept-Language, Cookie") {
				t.Errorf("Vary %q: a cache could serve one language's wording to another", got)
			}
		})
	}
}
