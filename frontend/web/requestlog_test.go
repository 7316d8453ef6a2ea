package web_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/frontend/web"
)

// TestTheRequestLogKeepsQueryValuesOut: a request whose query carries an
// e-mail address (a prefilled sign-in link) or a token is logged by path
// and parameter names, never with their values.
func TestTheRequestLogKeepsQueryValuesOut(t *testing.T) {
	var logs bytes.Buffer
	h := web.New(web.Deps{Catalogue: sharedCatalogue(), Logger: slog.New(slog.NewTextHandler(&logs, nil))}).Handler()
	for _, target := range []string{"/signin?email=amina.wanjiku%40example.org&next=%2F", "/healthz?token=eyJhbGciOiJFZERTQSJ9.secret"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, target, nil))
	}
	out := logs.String()
	for _, leak := range []string{"amina", "example.org", "eyJ", "secret"} {
		if strings.Contains(out, leak) {
			t.Errorf("the request log holds %q:\n%s", leak, out)
		}
	}
	for _, want := range []string{`uri="/signin?email=…&next=…"`, `uri="/healthz?token=…"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the request log lacks %s:\n%s", want, out)
		}
	}
}
