package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// A raw gorilla connection, for votesocket_test.go alone until it too
// speaks through hub/roomclient (room_test.go); the other tests do.

func dialRoom(t *testing.T, n *node, sessionID int64, token string) *websocket.Conn {
	t.Helper()
	url := "ws" + strings.TrimPrefix(n.URL, "http") + "/ws/sessions/" + strconv.FormatInt(sessionID, 10)
	conn, resp, err := websocket.DefaultDialer.Dial(url, http.Header{"Authorization": {"Bearer " + token}})
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("dial %s: %v (status %d)", url, err, status)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// readUntil reads frames, decoded as T, until one satisfies ok (10 s at most).
func readUntil[T any](t *testing.T, conn *websocket.Conn, ok func(T) bool) T {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		conn.SetReadDeadline(deadline)
		_, data, err := conn.ReadMessage()
		if err != nil {
			t.Fatalf("waiting for a frame: %v", err)
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			var f T
			if json.Unmarshal(line, &f) == nil && ok(f) {
				return f
			}
		}
	}
}
