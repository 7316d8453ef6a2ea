package e2e

import (
	"fmt"
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

// Over REST, a ban is lifted with DELETE /api/sessions/{id}/restrictions/
// {account} and the person comes back; staff cannot be restricted; the
// moderation log (the session's moderators and the Secretariat) says who
// did what to whom and why; a question is hidden and let through.
func TestRestrictionsAreLiftedOverRESTAndTheLogSaysWhy(t *testing.T) {
	c, f, aminaP, rajeshP := roomPair(t)
	n := startNode(t, c)
	base := fmt.Sprintf("/api/sessions/%d", f.Session)
	mod, amina, secretariat := signInAs(t, n, f.Moderator), signInAs(t, n, aminaP), signInAs(t, n, f.Secretariat)
	rajesh := joinRoom(t, n, f.Session, signInAs(t, n, rajeshP))

	wantStatus(t, n, mod, http.MethodPost, base+"/restrictions",
		map[string]any{"account_id": f.Secretariat.ID, "restriction": "banned"}, nil, http.StatusForbidden)
	wantStatus(t, n, amina, http.MethodPost, base+"/restrictions",
		map[string]any{"account_id": rajeshP.ID, "restriction": "banned"}, nil, http.StatusForbidden)
	wantStatus(t, n, mod, http.MethodPost, base+"/restrictions",
		map[string]any{"account_id": rajeshP.ID, "restriction": "banned", "reason": "Spam links"}, nil, http.StatusNoContent)
	if code := closeCode(t, rajesh, 5*time.Second); code != hub.CloseForbidden {
		t.Fatalf("the banned participant's socket closed with %d, want %d", code, hub.CloseForbidden)
	}
	var list struct {
		Restrictions []struct {
			AccountID   int64  `json:"account_id"`
			Restriction string `json:"restriction"`
		} `json:"restrictions"`
	}
	wantStatus(t, n, amina, http.MethodGet, base+"/restrictions", nil, nil, http.StatusForbidden)
	wantStatus(t, n, mod, http.MethodGet, base+"/restrictions", nil, &list, http.StatusOK)
	if len(list.Restrictions) != 1 || list.Restrictions[0].AccountID != rajeshP.ID || list.Restrictions[0].Restriction != "banned" {
		t.Fatalf("restrictions %+v, want Rajesh banned", list.Restrictions)
	}

	lift := fmt.Sprintf("%s/restrictions/%d?reason=Apologised", base, rajeshP.ID)
	wantStatus(t, n, amina, http.MethodDelete, lift, nil, nil, http.StatusForbidden)
	wantStatus(t, n, mod, http.MethodDelete, lift, nil, nil, http.StatusNoContent)
	wantStatus(t, n, mod, http.MethodDelete, lift, nil, nil, http.StatusNotFound)
	joinRoom(t, n, f.Session, signInAs(t, n, rajeshP)) // back in

	var q struct {
		ID int64 `json:"id"`
	}
	wantStatus(t, n, amina, http.MethodPost, base+"/questions", map[string]any{"body": "Where is lunch?"}, &q, http.StatusCreated)
	var hidden struct {
		Hidden bool   `json:"hidden"`
		Reason string `json:"hidden_reason"`
	}
	question := fmt.Sprintf("%s/questions/%d", base, q.ID)
	wantStatus(t, n, mod, http.MethodPatch, question, map[string]any{"hidden": true, "reason": "Off topic"}, &hidden, http.StatusOK)
	if !hidden.Hidden {
		t.Errorf("PATCH hidden: %+v", hidden)
	}
	var shown struct {
		Hidden bool `json:"hidden"`
	}
	wantStatus(t, n, mod, http.MethodPatch, question, map[string]any{"hidden": false}, &shown, http.StatusOK)
	if shown.Hidden {
		t.Errorf("PATCH hidden false: still hidden")
	}

	var log struct {
		Entries []struct {
			Action      string `json:"action"`
			ActorName   string `json:"actor_name"`
			AccountName string `json:"account_name"`
			Detail      string `json:"detail"`
			Reason      string `json:"reason"`
		} `json:"entries"`
	}
	wantStatus(t, n, amina, http.MethodGet, base+"/moderation-log", nil, nil, http.StatusForbidden)
	wantStatus(t, n, secretariat, http.MethodGet, base+"/moderation-log", nil, &log, http.StatusOK)
	var got []string
	for _, e := range log.Entries {
		got = append(got, fmt.Sprintf("%s %s %s %s %q", e.ActorName, e.Action, e.AccountName, e.Detail, e.Reason))
	}
	want := []string{
		`Mo Moderator question_release Amina Yusuf  ""`,
		`Mo Moderator question_hide Amina Yusuf  "Off topic"`,
		`Mo Moderator lift Rajesh Iyer banned "Apologised"`,
		`Mo Moderator restrict Rajesh Iyer banned "Spam links"`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the log:\n got %q\nwant %q", got, want)
	}
}
