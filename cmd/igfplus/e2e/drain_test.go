package e2e

import (
	"net/http"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// closeGoingAway is RFC 6455's close code 1001: the server is going away.
const closeGoingAway = 1001

// TestSIGTERMClosesSocketsWith1001AndTheClientResumesOnAnotherNode is the
// graceful shutdown the Kubernetes manifests rely on: on SIGTERM a node
// stops accepting (a probe or new client gets no answer, so it is no
// longer ready), closes its WebSockets with 1001 (which the clients take
// as "resume elsewhere"), and exits cleanly; the client resumes from its
// position on another node and misses nothing sent meanwhile.
func TestSIGTERMClosesSocketsWith1001AndTheClientResumesOnAnotherNode(t *testing.T) {
	c, f, amina, rajesh := roomPair(t)
	a := startNode(t, c)
	b := startNode(t, c)
	session := f.Session
	token := signInAs(t, a, amina)
	conn := joinRoom(t, a, session, token)

	a.cmd.Process.Signal(syscall.SIGTERM)
	if code := closeCode(t, conn, 10*time.Second); code != closeGoingAway {
		t.Fatalf("close code %d, want 1001 (going away: resume on another node)", code)
	}
	from := conn.Position()
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

	other := joinRoom(t, b, session, signInAs(t, b, rajesh))
	body := "Sent while the first node was gone " + strconv.FormatInt(time.Now().UnixNano(), 36)
	send(t, other, map[string]string{"type": "chat.send", "ref": "d1", "body": body})
	await(t, other, func(f wsFrame) bool { return f.Type == "ack" && f.Ref == "d1" })

	resumed := joinRoomFrom(t, b, session, token, from)
	got := await(t, resumed, func(f wsFrame) bool { return f.Type == "event" && f.Kind == "chat.posted" && f.Data.Body == body })
	if got.Offset <= from.Offset {
		t.Fatalf("resumed at offset %d, not after %d", got.Offset, from.Offset)
	}
}
