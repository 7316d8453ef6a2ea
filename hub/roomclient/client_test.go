package roomclient_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/membroker"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/hub/roomclient"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// server is a real hub behind a real HTTP server, on a fresh database.
// Its dispatcher knows three messages: "say" appends a "said" event with
// the message's text, "stamp" answers with data, anything else is invalid.
type server struct {
	h   *hub.Hub
	db  *pgdb.DB
	url string // ws://.../ws/
}

const token = "let-me-in"

func startServer(t *testing.T, coalesce time.Duration) *server {
	t.Helper()
	s := &server{db: pgtest.DB(t)}
	h, err := hub.New(hub.Config{
		Broker:         membroker.New(1024),
		History:        pglog.New(s.db.Pool),
		Policy:         allowAll{},
		Dispatcher:     dispatcher{s},
		AllowedOrigins: []string{"https://forum.example"},
		WriteCoalesce:  coalesce,
		Authenticate: func(r *http.Request) (hub.Credentials, error) {
			if r.Header.Get("Authorization") != "Bearer "+token {
				return hub.Credentials{}, igfplus.Errorf(igfplus.EUnauthorized, "sign in")
			}
			return hub.Credentials{AccountID: 1, Principal: "Ana"}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	s.h = h
	ctx, cancel := context.WithCancel(context.Background())
	go h.Run(ctx)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.Serve(w, r, strings.TrimPrefix(r.URL.Path, "/ws/"), func(w http.ResponseWriter, r *http.Request, err error) {
			status := map[igfplus.Code]int{igfplus.EUnauthorized: 401, igfplus.EForbidden: 403, igfplus.EInvalid: 422}[igfplus.ErrorCode(err)]
			http.Error(w, err.Error(), status)
		})
	}))
	t.Cleanup(func() { srv.Close(); cancel() })
	s.url = "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws/"
	return s
}

type allowAll struct{}

func (allowAll) CanJoin(context.Context, hub.Credentials, string) error { return nil }

type dispatcher struct{ s *server }

func (d dispatcher) Dispatch(ctx context.Context, who hub.Credentials, room string, in hub.Inbound) error {
	_, err := d.DispatchReply(ctx, who, room, in)
	return err
}

func (d dispatcher) DispatchReply(ctx context.Context, _ hub.Credentials, room string, in hub.Inbound) (any, error) {
	var m struct {
		Text string `json:"text"`
	}
	json.Unmarshal(in.Raw, &m)
	switch in.Type {
	case "say":
		return nil, d.s.publish(ctx, room, m.Text)
	case "stamp":
		return map[string]string{"stamp": "stamped " + m.Text}, nil
	}
	return nil, igfplus.Errorf(igfplus.EInvalid, "Unknown message.")
}

// publish appends a "said" event and publishes it after commit, as a
// domain store does.
func (s *server) publish(ctx context.Context, room, text string) error {
	var ev hub.Event
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		ev, err = pglog.Append(ctx, tx, room, "said", map[string]string{"text": text})
		return err
	})
	if err != nil {
		return err
	}
	return s.h.Publish(ctx, ev)
}

func (s *server) publishN(t *testing.T, room string, from, n int) {
	t.Helper()
	for i := range n {
		if err := s.publish(context.Background(), room, fmt.Sprintf("m%d", from+i)); err != nil {
			t.Fatal(err)
		}
	}
}

// modes are the two ways a connection is read.
func modes(t *testing.T) map[string]*roomclient.Poller {
	t.Helper()
	p, err := roomclient.NewPoller(2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Stop)
	m := map[string]*roomclient.Poller{"goroutine": nil}
	if p != nil {
		m["poller"] = p
	} else if runtime.GOOS == "linux" {
		t.Fatal("no Poller on Linux")
	}
	return m
}

// inEachMode runs test once for each way of reading a connection, each in
// a room of its own.
func inEachMode(t *testing.T, test func(t *testing.T, ctx context.Context, p *roomclient.Poller, room string)) {
	for name, p := range modes(t) {
		t.Run(name, func(t *testing.T) { test(t, ctxFor(t), p, "room:"+name) })
	}
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// said decodes a "said" event's text.
func said(t *testing.T, f roomclient.Frame) string {
	t.Helper()
	var ev struct {
		Kind string `json:"kind"`
		Data struct {
			Text string `json:"text"`
		} `json:"data"`
	}
	if err := f.Decode(&ev); err != nil || ev.Kind != "said" || f.Kind() != "said" {
		t.Fatalf("not a said event: %s (%v)", f.Line, err)
	}
	return ev.Data.Text
}

func TestDialIsRefusedWithTheServersStatusWithoutAToken(t *testing.T) {
	s := startServer(t, 0)
	inEachMode(t, func(t *testing.T, ctx context.Context, p *roomclient.Poller, room string) {
		_, err := roomclient.Dial(ctx, s.url+room, roomclient.Options{Token: "wrong", Poller: p})
		var de *roomclient.DialError
		if !errors.As(err, &de) || de.Status != http.StatusUnauthorized || !strings.Contains(de.Body, "sign in") {
			t.Fatalf("err = %v, want a DialError with 401 and the server's body", err)
		}
	})
}

// TestBatchedEventsArriveInOrderOnceAndRequestsAreAnsweredByRef sends
// requests whose answers come back by ref, among events batched several to
// a message (a 30 ms beat), and checks every event is handed on once, in
// order, with the position and counters following.
func TestBatchedEventsArriveInOrderOnceAndRequestsAreAnsweredByRef(t *testing.T) {
	s := startServer(t, 30*time.Millisecond)
	inEachMode(t, func(t *testing.T, ctx context.Context, p *roomclient.Poller, room string) {
		s.publishN(t, room, 0, 1) // the log exists before the join
		c, err := roomclient.Dial(ctx, s.url+room, roomclient.Options{Token: token, Poller: p, Keep: true})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		joined, err := c.Next(ctx)
		if err != nil || joined.Type != roomclient.TypeJoined || joined.Position.Offset != 1 || joined.Position.Epoch == 0 {
			t.Fatalf("first frame %+v (%v), want joined at offset 1", joined, err)
		}
		if c.Position() != joined.Position {
			t.Fatalf("position %+v before any event, want where the stream started, %+v", c.Position(), joined.Position)
		}

		reply, err := c.Do(ctx, map[string]string{"type": "stamp", "text": "a"})
		if err != nil || !reply.OK || string(reply.Data) != `{"stamp":"stamped a"}` {
			t.Fatalf("stamp: %+v, %v; want an ack with its data", reply, err)
		}
		reply, err = c.Do(ctx, `{"type":"nonsense"}`)
		if err != nil || reply.OK || reply.Code != "invalid" || reply.Message != "Unknown message." || reply.Err() == nil {
			t.Fatalf("nonsense: %+v, %v; want an error frame with code invalid", reply, err)
		}

		// Requests in flight at once (within the hub's burst of 20
		// messages), each answered by its own ref.
		const n = 15
		answers := make([]<-chan roomclient.Reply, n)
		for i := range answers {
			if _, answers[i], err = c.Request(map[string]string{"type": "say", "text": fmt.Sprintf("m%d", i+1)}); err != nil {
				t.Fatal(err)
			}
		}
		for i, a := range answers {
			if r := <-a; !r.OK {
				t.Fatalf("say %d: %+v", i, r)
			}
		}
		sameMessage := 0
		var prev int64
		for i := range n {
			f, err := c.WaitFor(ctx, func(f roomclient.Frame) bool { return f.Type == roomclient.TypeEvent })
			if err != nil {
				t.Fatal(err)
			}
			if f.Position.Offset != int64(i+2) || said(t, f) != fmt.Sprintf("m%d", i+1) {
				t.Fatalf("event %d: offset %d, %q", i, f.Position.Offset, f.Line)
			}
			if f.Received == prev {
				sameMessage++
			}
			prev = f.Received
		}
		if sameMessage == 0 {
			t.Errorf("no two events came in one message: batches were not split, or not sent")
		}
		got := c.Counters()
		if c.Position().Offset != n+1 || got.Received.Load() != n || got.Gaps.Load() != 0 || got.Duplicates.Load() != 0 {
			t.Fatalf("position %+v, received %d, gaps %d, duplicates %d; want offset %d, %d received, none missed",
				c.Position(), got.Received.Load(), got.Gaps.Load(), got.Duplicates.Load(), n+1, n)
		}
	})
}

// TestResumeFromAPositionGetsExactlyTheEventsMissed closes a connection,
// publishes more than fits one frame of the Poller's buffer while it is
// away, and resumes from its position with its counters.
func TestResumeFromAPositionGetsExactlyTheEventsMissed(t *testing.T) {
	s := startServer(t, 0)
	inEachMode(t, func(t *testing.T, ctx context.Context, p *roomclient.Poller, room string) {
		s.publishN(t, room, 0, 3)
		var mu sync.Mutex
		var texts []string
		onFrame := func(f roomclient.Frame) {
			if f.Type == roomclient.TypeEvent {
				mu.Lock()
				texts = append(texts, said(t, f))
				mu.Unlock()
			}
		}
		first, err := roomclient.Dial(ctx, s.url+room, roomclient.Options{Token: token, Poller: p, OnFrame: onFrame})
		if err != nil {
			t.Fatal(err)
		}
		s.publishN(t, room, 3, 2)
		for first.Position().Offset < 5 && ctx.Err() == nil {
			time.Sleep(5 * time.Millisecond)
		}
		first.Close()
		if first.Dropped() || first.CloseCode() != 0 {
			t.Fatalf("a connection closed by Close: dropped %v, code %d", first.Dropped(), first.CloseCode())
		}
		s.publishN(t, room, 5, 300) // about 30 KiB of backlog
		again, err := roomclient.Dial(ctx, s.url+room, roomclient.Options{Token: token, Poller: p, OnFrame: onFrame,
			From: first.Position(), Counters: first.Counters()})
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		for again.Position().Offset < 305 && ctx.Err() == nil {
			time.Sleep(5 * time.Millisecond)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(texts) != 302 || texts[0] != "m3" || texts[301] != "m304" {
			t.Fatalf("got %d events (%v ... %v), want m3 to m304 once each", len(texts), texts[:min(3, len(texts))], texts[max(0, len(texts)-3):])
		}
		for i, s := range texts {
			if s != fmt.Sprintf("m%d", i+3) {
				t.Fatalf("event %d is %q", i, s)
			}
		}
		got := again.Counters()
		if got.Received.Load() != 302 || got.Gaps.Load() != 0 || got.Duplicates.Load() != 0 {
			t.Fatalf("received %d, gaps %d, duplicates %d across the two connections", got.Received.Load(), got.Gaps.Load(), got.Duplicates.Load())
		}
	})
}

// TestAnUnresumablePositionEndsDialWith4009 resumes from a position ahead
// of the room: the server closes with 4009, which Dial reports.
func TestAnUnresumablePositionEndsDialWith4009(t *testing.T) {
	s := startServer(t, 0)
	inEachMode(t, func(t *testing.T, ctx context.Context, p *roomclient.Poller, room string) {
		s.publishN(t, room, 0, 1)
		c, err := roomclient.Dial(ctx, s.url+room, roomclient.Options{Token: token, Poller: p})
		if err != nil {
			t.Fatal(err)
		}
		ahead := c.Position()
		ahead.Offset += 100
		c.Close()
		_, err = roomclient.Dial(ctx, s.url+room, roomclient.Options{Token: token, Poller: p, From: ahead})
		if code := roomclient.CloseCode(err); code != hub.CloseReload {
			t.Fatalf("err = %v (code %d), want the server's close with %d", err, code, hub.CloseReload)
		}
	})
}

// TestARoomsFirstEventsAreAppliedWithoutGaps joins a room with no log yet:
// its first events are applied from offset 1, none counted as a gap.
func TestARoomsFirstEventsAreAppliedWithoutGaps(t *testing.T) {
	s := startServer(t, 0)
	ctx := ctxFor(t)
	c, err := roomclient.Dial(ctx, s.url+"room:new", roomclient.Options{Token: token})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Position().Offset != 0 {
		t.Fatalf("an empty room's position is %+v", c.Position())
	}
	s.publishN(t, "room:new", 0, 2)
	for c.Position().Offset < 2 && ctx.Err() == nil {
		time.Sleep(5 * time.Millisecond)
	}
	if got := c.Counters(); got.Received.Load() != 2 || got.Gaps.Load() != 0 || c.Position().Epoch == 0 {
		t.Fatalf("position %+v, received %d, gaps %d", c.Position(), got.Received.Load(), got.Gaps.Load())
	}
}

// TestTheServersCloseCodeIsKeptAndPendingRequestsEnd shuts the hub down:
// the connection ends with 1001 (resume elsewhere), and Next and Request
// say it has closed.
func TestTheServersCloseCodeIsKeptAndPendingRequestsEnd(t *testing.T) {
	inEachMode(t, func(t *testing.T, ctx context.Context, p *roomclient.Poller, room string) {
		s := startServer(t, 0)
		c, err := roomclient.Dial(ctx, s.url+room, roomclient.Options{Token: token, Poller: p, Keep: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.h.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}
		select {
		case <-c.Done():
		case <-ctx.Done():
			t.Fatal("the connection did not end")
		}
		if c.CloseCode() != 1001 || !c.Dropped() {
			t.Fatalf("close code %d, dropped %v; want 1001, dropped", c.CloseCode(), c.Dropped())
		}
		if _, err := c.WaitFor(ctx, func(roomclient.Frame) bool { return false }); !errors.Is(err, roomclient.ErrClosed) {
			t.Fatalf("WaitFor after the end: %v", err)
		}
		if _, err := c.Do(ctx, `{"type":"stamp"}`); err == nil {
			t.Fatal("a request on an ended connection did not fail")
		}
	})
}
