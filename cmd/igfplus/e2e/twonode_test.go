package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/hub"
)

// demoModeration starts a node on the demo forum and returns it, its live
// session and that session's moderator page.
func demoModeration(t *testing.T) (*node, int64, string) {
	t.Helper()
	n := startNode(t, newCluster(t))
	session := liveSessionID(t, n)
	return n, session, "/sessions/" + strconv.FormatInt(session, 10) + "/moderate"
}

// liveSessionID finds a live session of the demo forum through the API.
func liveSessionID(t *testing.T, n *node) int64 {
	t.Helper()
	id, err := rig.LiveSession(t.Context(), n.URL)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// wsFrame is what the tests read of most frames.
type wsFrame struct {
	Type   string `json:"type"`
	Ref    string `json:"ref"`
	Kind   string `json:"kind"`
	Epoch  int64  `json:"epoch"`
	Offset int64  `json:"offset"`
	Data   struct {
		ID   int64  `json:"id"`
		Body string `json:"body"`
	} `json:"data"`
}

func TestChatSentToOneNodeReachesAnotherAndIsStored(t *testing.T) {
	chatReachesAnotherNode(t, newCluster(t))
}

// Two server processes on a real three-node Redis Cluster (--redis-cluster,
// so sharded pub/sub): the chat crosses through the cluster, not through
// Postgres's gap healing, and both nodes say Redis is ready.
func TestTwoNodesOnARedisCluster(t *testing.T) {
	c := newCluster(t)
	_, c.RedisURL = redistest.Cluster(t)
	b := chatReachesAnotherNode(t, c, "--redis-cluster")
	if healed := metricValue(t, b, "igfplus_hub_gaps_healed_total"); healed != 0 {
		t.Fatalf("node b healed %v gaps from Postgres: the event did not come through the cluster", healed)
	}
	resp, err := http.Get(b.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Checks map[string]string `json:"checks"`
	}
	json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != http.StatusOK || out.Checks["redis"] != "ok" {
		t.Fatalf("readyz on a cluster: %d %+v", resp.StatusCode, out)
	}
}

// metricValue reads one unlabelled metric from a node's /metrics.
func metricValue(t *testing.T, n *node, name string) float64 {
	t.Helper()
	resp, err := http.Get(n.Metrics + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	t.Fatalf("no %s in /metrics", name)
	return 0
}

// chatReachesAnotherNode sends a chat on one node and sees it on another
// and in Postgres; it returns the receiving node.
func chatReachesAnotherNode(t *testing.T, c cluster, extra ...string) *node {
	t.Helper()
	f := newForum(t, c)
	amina, rajesh := f.Participant(t, "Amina Yusuf"), f.Participant(t, "Rajesh Iyer")
	a := startNode(t, c, extra...)
	b := startNode(t, c, extra...)

	sender := joinRoom(t, a, f.Session, signInAs(t, a, amina))
	receiver := joinRoom(t, b, f.Session, signInAs(t, b, rajesh))

	body := "Affordable access starts with community networks " + strconv.FormatInt(time.Now().UnixNano(), 36)
	send(t, sender, map[string]string{"type": "chat.send", "ref": "m1", "body": body})
	await(t, sender, func(f wsFrame) bool { return f.Type == "ack" && f.Ref == "m1" })
	got := await(t, receiver, func(f wsFrame) bool { return f.Type == "event" && f.Kind == "chat.posted" })
	if got.Data.Body != body {
		t.Fatalf("node b received %q, want %q", got.Data.Body, body)
	}

	var stored string
	if err := openDB(t, c).Pool.QueryRow(context.Background(), `SELECT body FROM chat_messages WHERE id = $1`, got.Data.ID).Scan(&stored); err != nil || stored != body {
		t.Fatalf("message %d in Postgres: %q, %v", got.Data.ID, stored, err)
	}
	return b
}

func TestReadyzAnswersForPostgresAndRedis(t *testing.T) {
	n := startNode(t, newCluster(t))
	resp, err := http.Get(n.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Ready  bool              `json:"ready"`
		Checks map[string]string `json:"checks"`
	}
	json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != http.StatusOK || !out.Ready || out.Checks["postgres"] != "ok" || out.Checks["redis"] != "ok" {
		t.Fatalf("readyz: %d %+v", resp.StatusCode, out)
	}
}

// signedInOnTwoNodes starts two nodes of one installation and signs a
// person in on the first: the forum, the nodes and the person's tokens.
func signedInOnTwoNodes(t *testing.T) (f *forumtest.Forum, a, b *node, access, refresh string) {
	t.Helper()
	c := newCluster(t)
	f = newForum(t, c)
	person := f.Person(t, "Aigerim Nurlanovna", "government", "asia_pacific")
	a, b = startNode(t, c), startNode(t, c)
	access, refresh = signInTokens(t, a, person.Email, forumtest.Password)
	return f, a, b, access, refresh
}

func TestSigningOutClosesLiveConnectionsOnEveryNodeWithin5s(t *testing.T) {
	f, a, b, access, refresh := signedInOnTwoNodes(t)
	conn := joinRoom(t, b, f.Session, access)

	resp, err := http.Post(a.URL+"/api/auth/signout", "application/json", strings.NewReader(`{"refresh_token":"`+refresh+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("sign out: status %d", resp.StatusCode)
	}
	signedOut := time.Now()
	if code := closeCode(t, conn, 5*time.Second); code != hub.CloseUnauthorized {
		t.Fatalf("after sign-out: closed with %d, want %d within 5 s", code, hub.CloseUnauthorized)
	}
	t.Logf("closed %v after sign-out", time.Since(signedOut).Round(time.Millisecond))
}

// TestSigningOutOnOneNodeEndsTheTokenOnAnotherAtOnce: the other node had
// just checked the token (its version remembered), yet closes its socket
// and refuses the token as soon as the sign-out commits, not at its next
// periodic check or when its memory of the version expires
// (auth.MaxCacheTTL): the database tells every node of the change.
func TestSigningOutOnOneNodeEndsTheTokenOnAnotherAtOnce(t *testing.T) {
	f, a, b, access, refresh := signedInOnTwoNodes(t)
	if code, _ := apiDo(t, b, access, http.MethodGet, "/api/me", nil); code != http.StatusOK {
		t.Fatalf("before signing out, the other node answers %d", code)
	}
	conn := joinRoom(t, b, f.Session, access)
	wantStatus(t, a, "", http.MethodPost, "/api/auth/signout", map[string]string{"refresh_token": refresh}, nil, http.StatusNoContent)
	signedOut := time.Now()
	if code := closeCode(t, conn, time.Second); code != hub.CloseUnauthorized {
		t.Fatalf("a second after signing out, the socket on the other node: %d, want closed with %d", code, hub.CloseUnauthorized)
	}
	for {
		code, _ := apiDo(t, b, access, http.MethodGet, "/api/me", nil)
		if code == http.StatusUnauthorized {
			break
		}
		if time.Since(signedOut) > time.Second {
			t.Fatalf("a second after signing out, the other node still answers %d", code)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestModeratorActionsAreAuthorisedPerMessage: over the WebSocket, a
// participant's moderator action gets an error frame and changes nothing;
// the moderator's is acknowledged and reaches the room on the other node.
func TestModeratorActionsAreAuthorisedPerMessage(t *testing.T) {
	c := newCluster(t)
	f := newForum(t, c)
	amina := f.Participant(t, "Amina Yusuf")
	a := startNode(t, c)
	b := startNode(t, c)
	session := f.Session
	participant := joinRoom(t, a, session, signInAs(t, a, amina))
	moderator := joinRoom(t, b, session, signInAs(t, b, f.Moderator))

	for i, msg := range []map[string]any{
		{"type": "session.move", "ref": "p1", "state": "ended"},
		{"type": "agenda.start", "ref": "p2", "item_id": 1},
		{"type": "floor.grant", "ref": "p3", "request_id": 1},
		{"type": "floor.end", "ref": "p4", "request_id": 1},
		{"type": "floor.decline", "ref": "p5", "request_id": 1},
		{"type": "question.change", "ref": "p6", "question_id": 1, "answered": true},
		{"type": "chat.remove", "ref": "p7", "message_id": 1},
		{"type": "participant.restrict", "ref": "p8", "account_id": 1, "restriction": "banned"},
	} {
		send(t, participant, msg)
		f := await(t, participant, func(f struct{ Type, Ref, Code string }) bool { return f.Ref == msg["ref"] })
		if f.Type != "error" || f.Code != "forbidden" {
			t.Errorf("participant message %d: %+v, want a forbidden error frame", i, f)
		}
	}
	resp, err := http.Get(a.URL + "/api/sessions/" + strconv.FormatInt(session, 10))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		State         string `json:"state"`
		CurrentItemID int64  `json:"current_item_id"`
		Agenda        []struct {
			ID int64 `json:"id"`
		} `json:"agenda"`
	}
	json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if got.State != "live" || got.CurrentItemID != 0 {
		t.Fatalf("after refused actions the session is %+v, want live with no item", got)
	}

	send(t, moderator, map[string]any{"type": "agenda.start", "ref": "m1", "item_id": got.Agenda[1].ID})
	if f := await(t, moderator, func(f struct{ Type, Ref, Code string }) bool { return f.Ref == "m1" }); f.Type != "ack" {
		t.Fatalf("moderator's agenda.start: %+v, want ack", f)
	}
	progress := await(t, participant, func(f wsFrame) bool { return f.Type == "event" && f.Kind == "session.progress" })
	if progress.Offset == 0 {
		t.Fatalf("progress event without a position: %+v", progress)
	}
}
