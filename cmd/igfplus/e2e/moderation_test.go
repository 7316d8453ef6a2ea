package e2e

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/roomclient"
)

func TestModeratorsRemoveMessagesAndBanAcrossNodes(t *testing.T) {
	c, f, amina, rajesh := roomPair(t)
	a := startNode(t, c)
	b := startNode(t, c)
	session := f.Session
	youthToken := signInAs(t, a, amina)
	youth := joinRoom(t, a, session, youthToken)
	moderator := joinRoom(t, b, session, signInAs(t, b, f.Moderator))

	send(t, youth, map[string]string{"type": "chat.send", "ref": "y1", "body": "an off-topic advert"})
	posted := await(t, moderator, func(f wsFrame) bool { return f.Kind == "chat.posted" })
	send(t, moderator, map[string]any{"type": "chat.remove", "ref": "m1", "message_id": posted.Data.ID})
	await(t, youth, func(f wsFrame) bool { return f.Kind == "chat.removed" })
	// A resume from the start of the room's log, on either node (both
	// hold the room's latest events in memory, and Redis a copy), replays
	// the message without its text.
	for _, n := range []*node{a, b} {
		from := roomclient.Position{Epoch: posted.Epoch}
		replay := joinRoomFrom(t, n, session, signInAs(t, n, rajesh), from)
		var replayed wsFrame
		await(t, replay, func(f wsFrame) bool {
			if f.Kind == "chat.posted" && f.Data.ID == posted.Data.ID {
				replayed = f
			}
			return f.Kind == "chat.removed"
		})
		if replayed.Offset != posted.Offset || replayed.Data.Body != "" {
			t.Errorf("a resume from offset 0 on %s replayed the removed message as %+v, want it at offset %d without its text", n.URL, replayed, posted.Offset)
		}
	}

	send(t, moderator, map[string]any{"type": "participant.restrict", "ref": "m2", "account_id": amina.ID, "restriction": "banned"})
	if code := closeCode(t, youth, 5*time.Second); code != hub.CloseForbidden {
		t.Fatalf("the banned participant's socket closed with %d, want %d", code, hub.CloseForbidden)
	}
	// A fresh token does not let them back in, on either node.
	if status := refusedStatus(t, b, session, signInAs(t, b, amina)); status != http.StatusForbidden {
		t.Fatalf("a banned participant rejoining: status %d, want 403", status)
	}
	// And the removed message is gone from the history.
	req, _ := http.NewRequest("GET", a.URL+"/api/sessions/"+strconv.FormatInt(session, 10)+"/chat", nil)
	req.Header.Set("Authorization", "Bearer "+signInAs(t, a, rajesh))
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
