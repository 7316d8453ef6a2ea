package assets

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

func serve(tb testing.TB, a *Assets, path string, header ...string) *httptest.ResponseRecorder {
	tb.Helper()
	e := echo.New()
	a.Routes(e.Group(""))
	r := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	return w
}

func TestURLIsContentHashed(t *testing.T) {
	a := MustNew()
	for _, name := range []string{"app.js", "app.css"} {
		u := a.URL(name)
		base, ext, _ := strings.Cut(name, ".")
		if !regexp.MustCompile(`^/assets/` + base + `\.[0-9a-f]{12}\.` + ext + `$`).MatchString(u) {
			t.Errorf("URL(%q) = %q", name, u)
		}
	}
}

func TestHashedURLIsServedImmutable(t *testing.T) {
	a := MustNew()
	w := serve(t, a, a.URL("app.js"))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	if got := w.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control = %q", got)
	}
	if got := w.Header().Get("Content-Type"); !strings.HasPrefix(got, "text/javascript") {
		t.Errorf("Content-Type = %q", got)
	}
	if w.Body.Len() == 0 {
		t.Error("empty body")
	}
}

func TestStaleOrUnhashedURLIsNotFound(t *testing.T) {
	a := MustNew()
	for _, path := range []string{"/assets/app.000000000000.js", "/assets/app.js", "/assets/../assets.go"} {
		if w := serve(t, a, path); w.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, w.Code)
		}
	}
}

func TestGzipWhenAccepted(t *testing.T) {
	a := MustNew()
	plain := serve(t, a, a.URL("app.js"))
	w := serve(t, a, a.URL("app.js"), "Accept-Encoding", "br, gzip;q=0.8")
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("not compressed: %v", w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	if !bytes.Equal(got, plain.Body.Bytes()) {
		t.Fatal("the gzipped body differs from the plain one")
	}
	if w := serve(t, a, a.URL("app.js"), "Accept-Encoding", "gzip;q=0"); w.Header().Get("Content-Encoding") != "" {
		t.Fatal("compressed although refused")
	}
}

func TestRevalidationAnswersNotModified(t *testing.T) {
	a := MustNew()
	etag := serve(t, a, a.URL("app.css")).Header().Get("ETag")
	if w := serve(t, a, a.URL("app.css"), "If-None-Match", etag); w.Code != http.StatusNotModified {
		t.Fatalf("status %d, want 304", w.Code)
	}
}

func TestURLPanicsForAnUnknownBundle(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	MustNew().URL("nope.js")
}
