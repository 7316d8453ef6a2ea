// Package relaytest is a decision-making body's endpoint for tests: a real
// HTTP server on 127.0.0.1 that verifies each request's Standard Webhooks
// signature, applies each webhook-id's effect once, and notices when one id
// is in flight twice at the same time.
package relaytest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// Receiver is a body's endpoint.
type Receiver struct {
	secrets []string
	pubs    []string
	respond func(w http.ResponseWriter, r *http.Request)

	mu       sync.Mutex
	inFlight map[string]bool
	effects  map[string]int // applied once per id
	requests map[string]int // every request per id
	overlaps int
	badSigs  int
	// URL is where it listens.
	URL string
}

// New starts a receiver that accepts signatures by any of secrets
// ("whsec_") or public keys ("whpk_") and answers with respond (nil: 204),
// closed when the test ends.
func New(tb testing.TB, secrets, pubs []string, respond func(w http.ResponseWriter, r *http.Request)) *Receiver {
	rc := &Receiver{secrets: secrets, pubs: pubs, respond: respond,
		inFlight: map[string]bool{}, effects: map[string]int{}, requests: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(rc.serve)) // 127.0.0.1
	tb.Cleanup(srv.Close)
	rc.URL = srv.URL
	return rc
}

func (rc *Receiver) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	id, err := stdwebhooks.Verify(rc.secrets, rc.pubs, r.Header, body, time.Now(), 5*time.Minute)
	if err != nil {
		rc.mu.Lock()
		rc.badSigs++
		rc.mu.Unlock()
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	rc.mu.Lock()
	if rc.inFlight[id] {
		rc.overlaps++
	}
	rc.inFlight[id] = true
	rc.requests[id]++
	if rc.effects[id] == 0 {
		rc.effects[id] = 1
	}
	rc.mu.Unlock()
	defer func() { rc.mu.Lock(); delete(rc.inFlight, id); rc.mu.Unlock() }()
	if rc.respond != nil {
		rc.respond(w, r)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Counts returns the effects applied (one per webhook-id), the requests
// that verified, the times an id arrived while already in flight, and the
// requests whose signature did not verify.
func (rc *Receiver) Counts() (effects, requests, overlaps, badSigs int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, n := range rc.effects {
		effects += n
	}
	for _, n := range rc.requests {
		requests += n
	}
	return effects, requests, rc.overlaps, rc.badSigs
}
