package e2e

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/igfplus/igfplus/hub/roomclient"
)

// The tests speak the room protocol through hub/roomclient, the client the
// benchmarks and the fault run use too: joinRoom returns once the server's
// joined frame has come, and keeps every frame for await.

// joinRoom opens session's room on n as the bearer of token and keeps its
// frames; the connection closes when the test ends.
func joinRoom(t *testing.T, n *node, session int64, token string) *roomclient.Conn {
	t.Helper()
	return joinRoomFrom(t, n, session, token, roomclient.Position{})
}

// joinRoomFrom is joinRoom resuming after from.
func joinRoomFrom(t *testing.T, n *node, session int64, token string, from roomclient.Position) *roomclient.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c, err := roomclient.Dial(ctx, roomclient.SessionURL(n.URL, session), roomclient.Options{Token: token, From: from, Keep: true})
	if err != nil {
		t.Fatalf("join the room of session %d on %s: %v", session, n.URL, err)
	}
	t.Cleanup(c.Close)
	return c
}

// refusedStatus is the HTTP status with which n refuses token the room of
// session, or 0 when it lets them in.
func refusedStatus(t *testing.T, n *node, session int64, token string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c, err := roomclient.Dial(ctx, roomclient.SessionURL(n.URL, session), roomclient.Options{Token: token})
	if err == nil {
		c.Close()
		return 0
	}
	var de *roomclient.DialError
	if !errors.As(err, &de) {
		t.Fatalf("join the room of session %d: %v", session, err)
	}
	return de.Status
}

// send writes one client message (a map or struct encoding as a JSON
// object, with the test's own ref if it wants one).
func send(t *testing.T, c *roomclient.Conn, msg any) {
	t.Helper()
	if err := c.Send(msg); err != nil {
		t.Fatalf("send %v: %v", msg, err)
	}
}

// request sends msg with a ref of its own and returns the server's answer
// (an ack or an error frame), within 10 s.
func request(t *testing.T, c *roomclient.Conn, msg any) roomclient.Reply {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := c.Do(ctx, msg)
	if err != nil {
		t.Fatalf("request %v: %v", msg, err)
	}
	return r
}

// await returns the next frame kept by c, decoded as T, for which ok is
// true; frames before it are passed over. It fails the test after 10 s.
func await[T any](t *testing.T, c *roomclient.Conn, ok func(T) bool) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var got T
	_, err := c.WaitFor(ctx, func(f roomclient.Frame) bool {
		var v T
		if f.Decode(&v) != nil || !ok(v) {
			return false
		}
		got = v
		return true
	})
	if err != nil {
		t.Fatalf("waiting for a frame: %v", err)
	}
	return got
}

// closeCode waits up to d for the server to close c and returns the code
// it closed with (0: the connection ended without a close frame).
func closeCode(t *testing.T, c *roomclient.Conn, d time.Duration) int {
	t.Helper()
	select {
	case <-c.Done():
		return c.CloseCode()
	case <-time.After(d):
		t.Fatalf("the connection was still open after %s", d)
		return 0
	}
}
