package e2e

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/igfplus/igfplus/hub"
)

func TestModeratorsRemoveMessagesAndBanAcrossNodes(t *testing.T) {
	c := newCluster(t)
	a := startNode(t, c)
	b := startNode(t, c, "--demo", "never")
	session := liveSessionID(t, a)
	youthToken := signIn(t, a, "youth@demo.igf.example", "igfplus-demo")
	youth := dialRoom(t, a, session, youthToken)
	moderator := dialRoom(t, b, session, signIn(t, b, "moderator@demo.igf.example", "igfplus-demo"))
	waitFrame(t, youth, func(f wsFrame) bool { return f.Type == "joined" })
	waitFrame(t, moderator, func(f wsFrame) bool { return f.Type == "joined" })

	youth.WriteJSON(map[string]string{"type": "chat.send", "ref": "y1", "body": "an off-topic advert"})
	posted := waitFrame(t, moderator, func(f wsFrame) bool { return f.Kind == "chat.posted" })
	moderator.WriteJSON(map[string]any{"type": "chat.remove", "ref": "m1", "message_id": posted.Data.ID})
	waitFrame(t, youth, func(f wsFrame) bool { return f.Kind == "chat.removed" })

	youthID := accountID(t, a, youthToken)
	moderator.WriteJSON(map[string]any{"type": "participant.restrict", "ref": "m2", "account_id": youthID, "restriction": "banned"})
	youth.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		_, _, err := youth.ReadMessage()
		if err == nil {
			continue
		}
		var ce *websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != hub.CloseForbidden {
			t.Fatalf("the banned participant's socket: %v, want close %d", err, hub.CloseForbidden)
		}
		break
	}
	// A fresh token does not let them back in, on either node.
	fresh := signIn(t, b, "youth@demo.igf.example", "igfplus-demo")
	url := "ws" + strings.TrimPrefix(b.URL, "http") + "/ws/sessions/" + strconv.FormatInt(session, 10)
	_, resp, err := websocket.DefaultDialer.Dial(url, http.Header{"Authorization": {"Bearer " + fresh}})
	if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a banned participant rejoining: %v, want 403", err)
	}
	// And the removed message is gone from the history.
	req, _ := http.NewRequest("GET", a.URL+"/api/sessions/"+strconv.FormatInt(session, 10)+"/chat", nil)
	req.Header.Set("Authorization", "Bearer "+signIn(t, a, "academic@demo.igf.example", "igfplus-demo"))
	hist, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer hist.Body.Close()
	var page struct {
		Messages []struct{ ID int64 } `json:"messages"`
	}
	readJSON(t, hist, &page)
	for _, m := range page.Messages {
		if m.ID == posted.Data.ID {
			t.Fatal("the removed message is still in the history")
		}
	}
}

func accountID(t *testing.T, n *node, token string) int64 {
	t.Helper()
	req, _ := http.NewRequest("GET", n.URL+"/api/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var me struct{ ID int64 }
	readJSON(t, resp, &me)
	return me.ID
}
