package e2e

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// TestSIGTERMClosesSocketsWith1001AndTheClientResumesOnAnotherNode is the
// graceful shutdown the Kubernetes manifests rely on: on SIGTERM a node
// stops accepting (a probe or new client gets no answer, so it is no
// longer ready), closes its WebSockets with 1001 (which the clients take
// as "resume elsewhere"), and exits cleanly; the client resumes from its
// position on another node and misses nothing sent meanwhile.
func TestSIGTERMClosesSocketsWith1001AndTheClientResumesOnAnotherNode(t *testing.T) {
	c := newCluster(t)
	a := startNode(t, c)
	b := startNode(t, c, "--demo", "never")
	session := liveSessionID(t, a)
	token := signIn(t, a, "youth@demo.igf.example", "igfplus-demo")
	conn := dialRoom(t, a, session, token)
	joined := readUntil(t, conn, func(f struct {
		Type string `json:"type"`
		From struct {
			Epoch  int64 `json:"epoch"`
			Offset int64 `json:"offset"`
		} `json:"from"`
	}) bool {
		return f.Type == "joined"
	})

	a.cmd.Process.Signal(syscall.SIGTERM)
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	var closeErr *websocket.CloseError
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			if !errors.As(err, &closeErr) {
				t.Fatalf("the socket ended without a close frame: %v", err)
			}
			break
		}
	}
	if closeErr.Code != websocket.CloseGoingAway {
		t.Fatalf("close code %d, want 1001 (going away: resume on another node)", closeErr.Code)
	}
	exited := make(chan error, 1)
	go func() { exited <- a.cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("the node exited with %v after SIGTERM", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the node did not exit within 20 s of SIGTERM")
	}
	if resp, err := http.Get(a.URL + "/readyz"); err == nil {
		resp.Body.Close()
		t.Fatalf("the stopped node still answers /readyz: %d", resp.StatusCode)
	}

	other := dialRoom(t, b, session, signIn(t, b, "academic@demo.igf.example", "igfplus-demo"))
	waitFrame(t, other, func(f wsFrame) bool { return f.Type == "joined" })
	body := "Sent while the first node was gone " + strconv.FormatInt(time.Now().UnixNano(), 36)
	other.WriteJSON(map[string]string{"type": "chat.send", "ref": "d1", "body": body})
	waitFrame(t, other, func(f wsFrame) bool { return f.Type == "ack" && f.Ref == "d1" })

	url := "ws" + strings.TrimPrefix(b.URL, "http") + "/ws/sessions/" + strconv.FormatInt(session, 10) +
		"?epoch=" + strconv.FormatInt(joined.From.Epoch, 10) + "&offset=" + strconv.FormatInt(joined.From.Offset, 10)
	resumed, _, err := websocket.DefaultDialer.Dial(url, http.Header{"Authorization": {"Bearer " + token}})
	if err != nil {
		t.Fatalf("resuming on the other node: %v", err)
	}
	defer resumed.Close()
	got := waitFrame(t, resumed, func(f wsFrame) bool { return f.Type == "event" && f.Kind == "chat.posted" && f.Data.Body == body })
	if got.Offset <= joined.From.Offset {
		t.Fatalf("resumed at offset %d, not after %d", got.Offset, joined.From.Offset)
	}
}
