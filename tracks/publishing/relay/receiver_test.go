package relay_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// receiver is a body's endpoint: it verifies each request with its
// secrets, applies each webhook-id's effect once, and notices when one id
// is in flight twice at the same time.
type receiver struct {
	t       *testing.T
	secrets []string
	pubs    []string
	respond func(w http.ResponseWriter, r *http.Request)

	mu       sync.Mutex
	inFlight map[string]bool
	effects  map[string]int // applied once per id
	requests map[string]int // every request per id
	overlaps int
	badSigs  int
	srv      *httptest.Server
}

func newReceiver(t *testing.T, secrets, pubs []string, respond func(w http.ResponseWriter, r *http.Request)) *receiver {
	rc := &receiver{t: t, secrets: secrets, pubs: pubs, respond: respond,
		inFlight: map[string]bool{}, effects: map[string]int{}, requests: map[string]int{}}
	rc.srv = httptest.NewServer(http.HandlerFunc(rc.serve)) // 127.0.0.1
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
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

func (rc *receiver) counts() (effects, requests, overlaps, badSigs int) {
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
