package hub_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
)

// EndSessions closes the account's connections made with an older token
// version at once, and leaves the others open.
func TestEndSessionsClosesTheAccountsOlderConnections(t *testing.T) {
	n := newNode(t, pgtest.DB(t), func(c *hub.Config) {
		c.Authenticate = func(r *http.Request) (hub.Credentials, error) {
			if r.Header.Get("X-Test-User") == "bo" {
				return hub.Credentials{AccountID: 2, TokenVersion: 3, Principal: "bo"}, nil
			}
			return hub.Credentials{AccountID: 1, TokenVersion: 3, Principal: "ana"}, nil
		}
	})
	ana := mustDial(t, n, "room:s", "")
	bo, _, err := dial(t, n, "room:s", "", http.Header{"X-Test-User": {"bo"}})
	if err != nil {
		t.Fatal(err)
	}
	ana.next()
	bo.next()
	n.h.EndSessions(1, 3) // the version ana connected with: nothing ended
	n.h.EndSessions(2, 4)
	bo.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _, err = bo.conn.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != hub.CloseUnauthorized {
		t.Fatalf("bo: got %v, want close %d", err, hub.CloseUnauthorized)
	}
	ana.conn.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if _, _, err := ana.conn.ReadMessage(); !errors.As(err, new(interface{ Timeout() bool })) {
		t.Fatalf("ana's connection: %v, want it open and quiet", err)
	}
}
