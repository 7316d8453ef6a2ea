package hub

import "testing"

// The index of signed-in connections by account (EndSessions reads it)
// holds each open connection under its account, leaves out the signed-out,
// and forgets an account once its last connection has gone.
func TestTheAccountIndexForgetsClosedConnections(t *testing.T) {
	h := &Hub{clients: make(map[*client]struct{}), accounts: make(map[int64]map[*client]struct{})}
	conn := func(account int64) *client {
		c := &client{who: Credentials{AccountID: account}, leave: func() {}}
		if !h.register(c) {
			t.Fatal("register refused")
		}
		return c
	}
	a, b, anonymous := conn(7), conn(7), conn(0)
	if len(h.accounts) != 1 || len(h.accounts[7]) != 2 {
		t.Fatalf("index after three connections: %v", h.accounts)
	}
	h.unregister(a)
	if len(h.accounts[7]) != 1 {
		t.Fatalf("index after one of two closed: %v", h.accounts)
	}
	h.unregister(b)
	h.unregister(anonymous)
	if len(h.accounts) != 0 || len(h.clients) != 0 {
		t.Fatalf("index after every connection closed: %v (%d clients)", h.accounts, len(h.clients))
	}
}
