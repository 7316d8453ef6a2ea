package e2e

import (
	"bytes"
	"net/http"
	"strconv"
	"testing"

	"github.com/igfplus/igfplus/deploy/forumtest"
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
