package hub_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/deploy/testenv"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/membroker"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestMain(m *testing.M) { testenv.Main(m, pgtest.Stop, redistest.Stop) }

type allowAll struct{}

func (allowAll) CanJoin(context.Context, hub.Credentials, string) error { return nil }

type echoDispatcher struct {
	h  *hub.Hub
	db *pgdb.DB
}

// Dispatch appends a "said" event with the message's text, like a domain
// action would: commit, then publish.
func (d *echoDispatcher) Dispatch(ctx context.Context, who hub.Credentials, room string, in hub.Inbound) error {
	var m struct {
		Text string `json:"text"`
	}
	json.Unmarshal(in.Raw, &m)
	if m.Text == "" {
		return igfplus.Errorf(igfplus.EInvalid, "text is required")
	}
	return appendAndPublish(ctx, d.db, d.h, room, m.Text)
}

func appendAndPublish(ctx context.Context, db *pgdb.DB, h *hub.Hub, room, text string) error {
	var ev hub.Event
	err := db.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		ev, err = pglog.Append(ctx, tx, room, "said", map[string]string{"text": text})
		return err
	})
	if err != nil {
		return err
	}
	return h.Publish(ctx, ev)
}

// testEventKey is the event key every test node shares, as the nodes of
// one installation do.
var testEventKey = bytes.Repeat([]byte("k"), 32)

type testNode struct {
	h   *hub.Hub
	db  *pgdb.DB
	srv *httptest.Server
}

func newNode(t testing.TB, db *pgdb.DB, mutate func(*hub.Config)) *testNode {
	t.Helper()
	n := &testNode{db: db}
	d := &echoDispatcher{db: db}
	cfg := hub.Config{
		Broker:         membroker.New(1024),
		History:        pglog.New(db.Pool),
		Policy:         allowAll{},
		Dispatcher:     d,
		EventKeys:      [][]byte{testEventKey},
		AllowedOrigins: []string{"https://forum.example"},
		Authenticate: func(r *http.Request) (hub.Credentials, error) {
			if r.Header.Get("X-Test-User") == "" {
				return hub.Credentials{}, igfplus.Errorf(igfplus.EUnauthorized, "sign in")
			}
			return hub.Credentials{AccountID: 1, Principal: r.Header.Get("X-Test-User")}, nil
		},
	}
	if mutate != nil {
		mutate(&cfg)
	}
	h, err := hub.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	d.h, n.h = h, h
	ctx, cancel := context.WithCancel(context.Background())
	go h.Run(ctx)
	n.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.Serve(w, r, strings.TrimPrefix(r.URL.Path, "/ws/"), func(w http.ResponseWriter, r *http.Request, err error) {
			status := map[igfplus.Code]int{igfplus.EUnauthorized: 401, igfplus.EForbidden: 403, igfplus.EInvalid: 422}[igfplus.ErrorCode(err)]
			http.Error(w, err.Error(), status)
		})
	}))
	t.Cleanup(func() { n.srv.Close(); cancel() })
	return n
}

type frame struct {
	Type   string                `json:"type"`
	Epoch  int64                 `json:"epoch"`
	Offset int64                 `json:"offset"`
	Kind   string                `json:"kind"`
	Ref    string                `json:"ref"`
	Code   string                `json:"code"`
	From   hub.Position          `json:"from"`
	Data   struct{ Text string } `json:"data"`
}

type testClient struct {
	t       testing.TB
	conn    *websocket.Conn
	pending []frame
	raw     [][]byte
}

func dial(t testing.TB, n *testNode, room, query string, header http.Header) (*testClient, *http.Response, error) {
	t.Helper()
	if header == nil {
		header = http.Header{"X-Test-User": {"ana"}}
	}
	url := "ws" + strings.TrimPrefix(n.srv.URL, "http") + "/ws/" + room + query
	conn, resp, err := websocket.DefaultDialer.Dial(url, header)
	if err != nil {
		return nil, resp, err
	}
	t.Cleanup(func() { conn.Close() })
	return &testClient{t: t, conn: conn}, resp, nil
}

// mustDial is dial as the test user, failing the test when the connection
// is refused.
func mustDial(t testing.TB, n *testNode, room, query string) *testClient {
	t.Helper()
	c, _, err := dial(t, n, room, query, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// next returns the next frame, splitting batched messages.
func (c *testClient) next() frame {
	c.t.Helper()
	f, err := c.tryNext(time.Now().Add(5 * time.Second))
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	return f
}

// tryNextRaw returns the next frame undecoded, or the read error.
func (c *testClient) tryNextRaw(deadline time.Time) ([]byte, error) {
	for len(c.raw) == 0 {
		c.conn.SetReadDeadline(deadline)
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			return nil, err
		}
		c.raw = bytes.Split(data, []byte("\n"))
	}
	f := c.raw[0]
	c.raw = c.raw[1:]
	return f, nil
}

// tryNext returns the next frame or the read error.
func (c *testClient) tryNext(deadline time.Time) (frame, error) {
	for len(c.pending) == 0 {
		c.conn.SetReadDeadline(deadline)
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			return frame{}, err
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			var f frame
			if err := json.Unmarshal(line, &f); err != nil {
				return frame{}, fmt.Errorf("bad frame %q: %w", line, err)
			}
			c.pending = append(c.pending, f)
		}
	}
	f := c.pending[0]
	c.pending = c.pending[1:]
	return f, nil
}

func (c *testClient) nextOfType(typ string) frame {
	c.t.Helper()
	for {
		if f := c.next(); f.Type == typ {
			return f
		}
	}
}

func TestEventsReachClientsInOrderAfterCommit(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, nil)
	c := mustDial(t, n, "room:a", "")
	joined := c.next()
	if joined.Type != "joined" {
		t.Fatalf("first frame %+v, want joined", joined)
	}
	ctx := context.Background()
	for i := range 50 {
		if err := appendAndPublish(ctx, db, n.h, "room:a", string(rune('a'+i%26))); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 50 {
		f := c.nextOfType("event")
		if f.Offset != joined.From.Offset+int64(i)+1 {
			t.Fatalf("event %d has offset %d, want %d", i, f.Offset, joined.From.Offset+int64(i)+1)
		}
	}
}

func TestResumeSendsExactlyTheMissedEvents(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, nil)
	ctx := context.Background()
	for i := range 5 {
		if err := appendAndPublish(ctx, db, n.h, "room:r", "before"+string(rune('0'+i))); err != nil {
			t.Fatal(err)
		}
	}
	top, err := pglog.New(db.Pool).Top(ctx, "room:r")
	if err != nil {
		t.Fatal(err)
	}
	from := "?epoch=" + strconv.FormatInt(top.Epoch, 10) + "&offset=2"
	c := mustDial(t, n, "room:r", from)
	if f := c.next(); f.Type != "joined" || f.From.Offset != 2 {
		t.Fatalf("got %+v, want joined from offset 2", f)
	}
	appendAndPublish(ctx, db, n.h, "room:r", "after")
	for want := int64(3); want <= 6; want++ {
		if f := c.nextOfType("event"); f.Offset != want {
			t.Fatalf("got offset %d, want %d", f.Offset, want)
		}
	}
}

func TestResumeFromAnotherEpochIsToldToReload(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, nil)
	c := mustDial(t, n, "room:e", "?epoch=1&offset=0")
	c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _, err := c.conn.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != hub.CloseReload {
		t.Fatalf("got %v, want close %d", err, hub.CloseReload)
	}
}

func TestClientMessagesAreAcknowledgedOrRefused(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, nil)
	c := mustDial(t, n, "room:m", "")
	c.next()
	c.conn.WriteJSON(map[string]string{"type": "say", "ref": "r1", "text": "hello"})
	c.conn.WriteJSON(map[string]string{"type": "say", "ref": "r2"})
	c.conn.WriteMessage(websocket.TextMessage, []byte("not json"))
	seen := map[string]frame{}
	for len(seen) < 4 {
		f := c.next()
		seen[f.Type+f.Ref] = f
	}
	if _, ok := seen["ackr1"]; !ok {
		t.Errorf("no ack for r1: %v", seen)
	}
	if f := seen["errorr2"]; f.Code != "invalid" {
		t.Errorf("r2: got %+v, want an invalid error", f)
	}
	if f := seen["error"]; f.Code != "invalid" {
		t.Errorf("malformed message: got %+v, want an invalid error", f)
	}
	if f := seen["event"]; f.Data.Text != "hello" {
		t.Errorf("event: got %+v", f)
	}
}

func TestUpgradeRefusesForeignOrigins(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, nil)
	for _, origin := range []string{"https://evil.example", "null", "https://forum.example.evil.example", "https://forum.example:8443", "http://forum.example"} {
		_, resp, err := dial(t, n, "room:o", "", http.Header{"X-Test-User": {"ana"}, "Origin": {origin}})
		if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
			t.Errorf("origin %q: got %v (%v), want 403", origin, resp, err)
		}
	}
	if _, _, err := dial(t, n, "room:o", "", http.Header{"X-Test-User": {"ana"}, "Origin": {"https://forum.example"}}); err != nil {
		t.Errorf("allowed origin refused: %v", err)
	}
	if _, resp, _ := dial(t, n, "room:o", "", http.Header{}); resp == nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous upgrade: got %v, want 401", resp)
	}
}

// A plain GET that is no WebSocket handshake is refused with 400 in
// problem+json, like the rest of the API, not the library's plain text.
func TestAPlainGETIsRefusedInProblemJSON(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, nil)
	req, _ := http.NewRequest(http.MethodGet, n.srv.URL+"/ws/room:p", nil)
	req.Header.Set("X-Test-User", "ana")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p struct {
		Type, Title, Detail, Code string
		Status                    int
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("a plain GET: %d %q %s; want 400 problem+json", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if err := json.Unmarshal(body, &p); err != nil || p.Type != "about:blank" || p.Title != "Bad Request" || p.Status != 400 || p.Detail == "" || p.Code != "invalid" {
		t.Fatalf("the problem: %s (%v)", body, err)
	}
}

func TestOversizedMessageClosesWith1009(t *testing.T) {
	db := pgtest.DB(t)
	n := newNode(t, db, func(c *hub.Config) { c.ReadLimit = 1024 })
	c := mustDial(t, n, "room:big", "")
	c.next()
	c.conn.WriteMessage(websocket.TextMessage, bytes.Repeat([]byte("x"), 2048))
	for {
		c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, _, err := c.conn.ReadMessage()
		if err == nil {
			continue
		}
		var ce *websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != websocket.CloseMessageTooBig {
			t.Fatalf("got %v, want close 1009", err)
		}
		return
	}
}
