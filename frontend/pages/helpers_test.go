package pages

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/igfplus/igfplus/frontend/i18n"
)

func httptestRequest(target string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.Header.Set("Accept", "text/html")
	return r
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

// wantStatus fails tb unless w answered with the status want.
func wantStatus(tb testing.TB, w interface{ Result() *http.Response }, want int) {
	tb.Helper()
	if got := w.Result().StatusCode; got != want {
		tb.Fatalf("status %d, want %d", got, want)
	}
}

// wantSignInFirst fails tb unless w sends the browser to sign in (through
// the session resume) and come back to back.
func wantSignInFirst(tb testing.TB, w *httptest.ResponseRecorder, back string) {
	tb.Helper()
	wantStatus(tb, w, http.StatusSeeOther)
	if got, want := w.Header().Get("Location"), "/api/auth/resume?next="+url.QueryEscape(back); got != want {
		tb.Errorf("Location %q, want %q", got, want)
	}
}

// mustContain fails tb for each of wants that body lacks.
func mustContain(tb testing.TB, body string, wants ...string) {
	tb.Helper()
	for _, want := range wants {
		if !strings.Contains(body, want) {
			tb.Errorf("the page lacks %q", want)
		}
	}
}

// okPage gets target as user, failing the test unless it is served.
func okPage(t *testing.T, f *fixture, target, user string) string {
	t.Helper()
	w := f.get(target, user)
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", target, w.Code, w.Body)
	}
	return w.Body.String()
}

// sharedCatalogue is the embedded catalogue, read and checked once for the
// package's tests: New would check all six languages again for every page
// fixture, most of a short test's time under -race.
var sharedCatalogue = sync.OnceValue(i18n.MustNew)

// newTestPages is New with the shared catalogue unless deps names one.
func newTestPages(deps Deps) *Pages {
	if deps.Catalogue == nil {
		deps.Catalogue = sharedCatalogue()
	}
	return New(deps)
}
