package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// faultClient is one simulated participant: it follows the session room on
// whichever node is alive, resumes from its last applied position after
// every drop, and sends chat messages, floor requests and withdrawals and
// one ballot, remembering which of them the server acknowledged.
type faultClient struct {
	n       int
	account int64
	token   string
	session int64
	poll    int64

	mu         sync.Mutex
	conn       *websocket.Conn
	epoch      int64
	last       int64 // the offset of the last event applied
	first      int64 // the offset the client started after
	kinds      map[int64]string
	gaps       int64
	dups       int64
	reloads    int64
	reconnects int64
	dialErrs   int64
	refs       int64
	pending    map[string]string // ref → operation
	acked      faultAcks
	refused    map[string]int64 // error frames by operation and code
	voted      bool             // acknowledged, or refused as already voted
	voteAt     time.Time        // when to vote: spread over the run, across the faults
	floorOpen  bool
}

// faultAcks are the operations a client saw acknowledged.
type faultAcks struct {
	chats    []string // bodies (each unique)
	floor    int64    // floor requests
	withdraw int64
	receipt  string // the ballot's receipt
}

func newFaultClient(n int, account int64, token string, session, poll int64, voteAt time.Time) *faultClient {
	return &faultClient{n: n, account: account, token: token, session: session, poll: poll, voteAt: voteAt,
		kinds: map[int64]string{}, pending: map[string]string{}, refused: map[string]int64{}}
}

// run keeps the client connected until ctx ends; it acts only while
// acting is open.
func (c *faultClient) run(ctx, acting context.Context, cl *faultCluster) {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		conn, err := c.dial(ctx, cl.pick(c.n+attempt))
		if err != nil {
			c.mu.Lock()
			c.dialErrs++
			c.mu.Unlock()
			sleepCtx(ctx, time.Duration(100+rand.IntN(400))*time.Millisecond)
			continue
		}
		done := make(chan struct{})
		go func() { defer close(done); c.read(conn) }()
		c.act(ctx, acting, conn, done)
		conn.Close()
		<-done
		c.mu.Lock()
		c.conn = nil
		c.pending = map[string]string{} // unanswered: neither acknowledged nor refused
		c.mu.Unlock()
		if ctx.Err() == nil {
			c.mu.Lock()
			c.reconnects++
			c.mu.Unlock()
		}
	}
}

// dial connects to url, resuming from the client's position if it has one.
func (c *faultClient) dial(ctx context.Context, url string) (*websocket.Conn, error) {
	if url == "" {
		return nil, errors.New("no live node")
	}
	c.mu.Lock()
	query := ""
	if c.epoch != 0 {
		query = fmt.Sprintf("?epoch=%d&offset=%d", c.epoch, c.last)
	}
	c.mu.Unlock()
	dctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	ws := "ws" + strings.TrimPrefix(url, "http") + fmt.Sprintf("/ws/sessions/%d%s", c.session, query)
	conn, _, err := benchDialer.DialContext(dctx, ws, http.Header{"Authorization": {"Bearer " + c.token}})
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.conn = conn
	c.mu.Unlock()
	return conn, nil
}

// act sends one operation at a random interval until the connection ends
// or acting closes; then it waits for the connection to end or ctx.
func (c *faultClient) act(ctx, acting context.Context, conn *websocket.Conn, done chan struct{}) {
	for {
		select {
		case <-done:
			return
		case <-ctx.Done():
			return
		case <-acting.Done():
			select {
			case <-done:
			case <-ctx.Done():
			}
			return
		case <-time.After(time.Duration(300+rand.IntN(700)) * time.Millisecond):
		}
		c.send(conn, c.nextOp())
	}
}

// nextOp picks what to do: mostly chat, sometimes the floor, one ballot.
func (c *faultClient) nextOp() map[string]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refs++
	ref := fmt.Sprintf("f%d", c.refs)
	r := rand.IntN(10)
	if c.waitingOnState() {
		r = 9 // chat until the last vote or floor message is answered
	}
	switch {
	case r != 9 && !c.voted && time.Now().After(c.voteAt):
		c.pending[ref] = "vote"
		return map[string]any{"type": "poll.vote", "ref": ref, "poll_id": c.poll, "answer": []string{"yes", "no", "abstain"}[c.n%3]}
	case r <= 2 && !c.floorOpen:
		c.pending[ref] = "floor"
		return map[string]any{"type": "floor.request", "ref": ref, "mode": "online", "point_of_order": false}
	case r <= 2:
		c.pending[ref] = "withdraw"
		return map[string]any{"type": "floor.withdraw", "ref": ref}
	}
	body := fmt.Sprintf("fault-run c%d m%d", c.n, c.refs)
	c.pending[ref] = "chat " + body
	return map[string]any{"type": "chat.send", "ref": ref, "body": body}
}

// waitingOnState reports whether a vote or floor message is unanswered:
// sending another before the answer would only be refused as a conflict.
func (c *faultClient) waitingOnState() bool {
	for _, op := range c.pending {
		if op == "vote" || op == "floor" || op == "withdraw" {
			return true
		}
	}
	return false
}

func (c *faultClient) send(conn *websocket.Conn, msg map[string]any) {
	b, _ := json.Marshal(msg)
	conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if conn.WriteMessage(websocket.TextMessage, b) != nil {
		conn.Close() // the reader ends, and run reconnects
	}
}

// faultFrame is what the client reads of a server frame.
type faultFrame struct {
	Type   string `json:"type"`
	Ref    string `json:"ref"`
	Kind   string `json:"kind"`
	Code   string `json:"code"`
	Epoch  int64  `json:"epoch"`
	Offset int64  `json:"offset"`
	From   struct {
		Epoch  int64 `json:"epoch"`
		Offset int64 `json:"offset"`
	} `json:"from"`
	Data struct {
		Receipt string `json:"receipt"`
	} `json:"data"`
}

func (c *faultClient) read(conn *websocket.Conn) {
	for {
		conn.SetReadDeadline(time.Now().Add(45 * time.Second))
		_, data, err := conn.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) && ce.Code == 4009 {
				c.reload()
			}
			return
		}
		for line := range bytes.SplitSeq(data, newlineBytes) {
			var f faultFrame
			if json.Unmarshal(line, &f) == nil {
				c.apply(f)
			}
		}
	}
}

// apply handles one frame under the client's lock.
func (c *faultClient) apply(f faultFrame) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch f.Type {
	case "joined":
		if c.epoch == 0 {
			c.epoch, c.last, c.first = f.From.Epoch, f.From.Offset, f.From.Offset
		}
	case "event":
		switch {
		case f.Epoch != c.epoch:
			c.gaps++
		case f.Offset <= c.last:
			c.dups++ // ignored, as the protocol asks
		default:
			if f.Offset != c.last+1 {
				c.gaps++
			}
			c.kinds[f.Offset] = f.Kind
			c.last = f.Offset
		}
	case "ack":
		c.acknowledged(f)
	case "error":
		op := c.pending[f.Ref]
		delete(c.pending, f.Ref)
		c.refused[strings.SplitN(op, " ", 2)[0]+":"+f.Code]++
		switch {
		case op == "vote" && f.Code == "conflict":
			c.voted = true // an earlier, unanswered ballot was committed
		case op == "floor" && f.Code == "conflict":
			c.floorOpen = true // an earlier request was committed unanswered
		case op == "withdraw" && (f.Code == "conflict" || f.Code == "not_found"):
			c.floorOpen = false
		}
	}
}

func (c *faultClient) acknowledged(f faultFrame) {
	op, ok := c.pending[f.Ref]
	if !ok {
		return
	}
	delete(c.pending, f.Ref)
	switch {
	case op == "vote":
		c.voted, c.acked.receipt = true, f.Data.Receipt
	case op == "floor":
		c.floorOpen = true
		c.acked.floor++
	case op == "withdraw":
		c.floorOpen = false
		c.acked.withdraw++
	case strings.HasPrefix(op, "chat "):
		c.acked.chats = append(c.acked.chats, strings.TrimPrefix(op, "chat "))
	}
}

// reload is what a client does on 4009: start again from the room's
// current state. The run counts it: a resume that should have worked did
// not, and what the client applied before can no longer be checked.
func (c *faultClient) reload() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reloads++
	c.epoch, c.last, c.first = 0, 0, 0
	c.kinds = map[int64]string{}
}

func sleepCtx(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
