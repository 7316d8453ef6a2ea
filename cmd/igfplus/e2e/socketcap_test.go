package e2e

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/igfplus/igfplus/hub/roomclient"
)

// TestFourthSocketOfOneAccountIsRefused: one account holds at most three
// live connections to a room (#17: one opened 1,000); the fourth is
// refused before the upgrade with 429 problem+json saying why, another
// person is not affected, and closing one makes room again.
func TestFourthSocketOfOneAccountIsRefused(t *testing.T) {
	n, f, amina := aminaSignedIn(t)
	first := joinRoom(t, n, f.Session, amina)
	joinRoom(t, n, f.Session, amina)
	joinRoom(t, n, f.Session, amina)

	dial := func() (*websocket.Conn, *http.Response, error) {
		return websocket.DefaultDialer.Dial(roomclient.SessionURL(n.URL, f.Session), http.Header{"Authorization": {"Bearer " + amina}})
	}
	conn, resp, err := dial()
	if err == nil {
		conn.Close()
		t.Fatal("a fourth connection of one account was accepted")
	}
	if resp == nil || resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("the fourth connection: %v (%v), want 429 problem+json", resp, err)
	}
	var p struct {
		Code   string `json:"code"`
		Detail string `json:"detail"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || p.Code != "rate_limited" || p.Detail == "" {
		t.Errorf("the refusal's problem: %+v (%v)", p, err)
	}

	// Someone else still comes in.
	joinRoom(t, n, f.Session, signInAs(t, n, f.Participant(t, "Rajesh Iyer")))

	// Once one of the three has closed, a new one is let in.
	first.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		conn, resp, err := dial()
		if err == nil {
			conn.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still refused after one connection closed: %v (%v)", resp, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
