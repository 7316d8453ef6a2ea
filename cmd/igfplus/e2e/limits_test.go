package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/hub/roomclient"
)

// TestRESTChatSharesTheSocketsRateLimit: chat posted through the REST API
// is refused with 429 once the person's budget is spent (#17: 300 in
// 1.7 s went through), and the same budget then refuses their socket's
// messages, although that socket has sent none before.
func TestRESTChatSharesTheSocketsRateLimit(t *testing.T) {
	n, f, amina := aminaSignedIn(t)
	conn := joinRoom(t, n, f.Session, amina)
	url := n.URL + "/api/sessions/" + strconv.FormatInt(f.Session, 10) + "/chat"
	refused := false
	for i := 0; i < 200 && !refused; i++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader([]byte(`{"body":"message `+strconv.Itoa(i)+`"}`)))
		req.Header.Set("Authorization", "Bearer "+amina)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusCreated, http.StatusOK:
		case http.StatusTooManyRequests:
			refused = resp.Header.Get("Content-Type") == "application/problem+json"
			if !refused {
				t.Fatalf("429 as %q, want problem+json", resp.Header.Get("Content-Type"))
			}
		default:
			t.Fatalf("message %d: %s", i, resp.Status)
		}
	}
	if !refused {
		t.Fatal("200 chat messages through the REST API, none refused")
	}
	// The socket's own limit (20 at once) is untouched; the person's is not.
	for i := range 5 {
		send(t, conn, map[string]any{"type": "chat.send", "ref": "s" + strconv.Itoa(i), "body": "over the socket"})
	}
	got := 0
	for i := range 5 {
		ref := "s" + strconv.Itoa(i)
		fr := await(t, conn, func(fr codedFrame) bool { return fr.Ref == ref })
		if fr.Type == "error" && fr.Code == "rate_limited" {
			got++
		}
	}
	if got == 0 {
		t.Error("the socket's messages were all accepted right after the REST API's were refused")
	}
}

// codedFrame is a reply frame with its error code.
type codedFrame struct {
	Type string `json:"type"`
	Ref  string `json:"ref"`
	Code string `json:"code"`
}

// aminaSignedIn starts a node with a test forum and signs Amina, a
// participant of its live session, in through the API (her token).
func aminaSignedIn(t *testing.T) (*node, *forumtest.Forum, string) {
	t.Helper()
	c := newCluster(t)
	f := newForum(t, c)
	n := startNode(t, c)
	return n, f, signInAs(t, n, f.Participant(t, "Amina Yusuf"))
}

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
