package openapitest

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"sync"
)

// CleanupTB is what Watch needs of a test.
type CleanupTB interface {
	TB
	Cleanup(func())
}

// watch is one test's interest in one server.
type watch struct {
	mu   sync.Mutex
	tb   CleanupTB
	done bool
}

var (
	watchMu     sync.Mutex
	watched     = map[string]*watch{} // by host:port
	installOnce sync.Once
)

// Watch checks, until tb's test ends, every exchange that
// http.DefaultTransport (hence http.Get, http.Post and any client without a
// Transport of its own) carries to the server at baseURL, a server of
// another process such as the end-to-end tests' nodes. The first call puts
// a checking transport in front of http.DefaultTransport for the rest of
// the test binary; requests to servers no test watches pass through it
// untouched.
func Watch(tb CleanupTB, baseURL string) {
	tb.Helper()
	spec, err := Load()
	if err != nil {
		tb.Errorf("%v", err)
		return
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		tb.Errorf("openapitest.Watch(%q): %v", baseURL, err)
		return
	}
	installOnce.Do(func() {
		http.DefaultTransport = &checkingTransport{base: http.DefaultTransport, spec: spec}
	})
	w := &watch{tb: tb}
	watchMu.Lock()
	watched[u.Host] = w
	watchMu.Unlock()
	tb.Cleanup(func() {
		w.mu.Lock()
		w.done = true
		w.mu.Unlock()
		watchMu.Lock()
		if watched[u.Host] == w {
			delete(watched, u.Host)
		}
		watchMu.Unlock()
	})
}

// checkingTransport checks the exchanges with watched servers.
type checkingTransport struct {
	base http.RoundTripper
	spec *Spec
}

func (t *checkingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	watchMu.Lock()
	w := watched[r.URL.Host]
	watchMu.Unlock()
	if w == nil || r.Header.Get("Upgrade") != "" || !t.spec.Described(r.URL.Path) {
		return t.base.RoundTrip(r)
	}
	var body []byte
	if r.Body != nil {
		var err error
		if body, err = io.ReadAll(r.Body); err != nil {
			return nil, err
		}
		r.Body.Close()
		r = r.Clone(r.Context())
		// The same body again, sent as it was: none stays none (an empty
		// reader would go out chunked, as a body of unknown length).
		r.Body, r.GetBody = http.NoBody, func() (io.ReadCloser, error) { return http.NoBody, nil }
		if len(body) > 0 {
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		}
	}
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return resp, err
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(answer))
	if err != nil {
		return resp, nil // the caller sees the short body; nothing to check
	}
	x := Exchange{Request: r, RequestBody: body, Status: resp.StatusCode, Header: resp.Header, Body: answer}
	if problems := t.spec.Check(x); len(problems) > 0 {
		w.mu.Lock()
		if !w.done {
			report(w.tb, x, problems)
		}
		w.mu.Unlock()
	}
	return resp, nil
}

// CloseIdleConnections passes on to the transport underneath (httptest
// servers call it on http.DefaultTransport when they close).
func (t *checkingTransport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
