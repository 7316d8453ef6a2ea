package faultrun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/roomclient"
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
	counts  roomclient.Counters // gaps and duplicates, across its connections

	mu         sync.Mutex
	epoch      int64
	last       int64 // the offset of the last event applied
	first      int64 // the offset the client started after
	kinds      map[int64]string
	reloads    int64
	reconnects int64
	dialErrs   int64
	chats      int64             // chat messages sent, which number their bodies
	pending    map[string]string // ref → operation, while unanswered
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
		c.act(ctx, acting, conn)
		conn.Close()
		if conn.CloseCode() == hub.CloseReload {
			c.reload()
		}
		c.mu.Lock()
		c.pending = map[string]string{} // unanswered: neither acknowledged nor refused
		if ctx.Err() == nil {
			c.reconnects++
		}
		c.mu.Unlock()
	}
}

// dial connects to url, resuming from the client's position if it has one;
// a position the server cannot resume (4009) makes the client reload.
func (c *faultClient) dial(ctx context.Context, url string) (*roomclient.Conn, error) {
	if url == "" {
		return nil, errors.New("no live node")
	}
	c.mu.Lock()
	from := roomclient.Position{Epoch: c.epoch, Offset: c.last}
	c.mu.Unlock()
	conn, err := roomclient.Dial(ctx, roomclient.SessionURL(url, c.session), roomclient.Options{
		Token: c.token, From: from, Counters: &c.counts, OnFrame: c.onFrame,
		ReadTimeout: 45 * time.Second, JoinTimeout: 45 * time.Second})
	if roomclient.CloseCode(err) == hub.CloseReload {
		c.reload()
	}
	return conn, err
}

// onFrame records where the client stands and what it applied: every new
// event (roomclient drops duplicates and counts gaps).
func (c *faultClient) onFrame(f roomclient.Frame) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch f.Type {
	case roomclient.TypeJoined:
		if c.epoch == 0 {
			c.epoch, c.last, c.first = f.Position.Epoch, f.Position.Offset, f.Position.Offset
		}
	case roomclient.TypeEvent:
		c.kinds[f.Position.Offset] = f.Kind()
		c.epoch, c.last = f.Position.Epoch, f.Position.Offset
	}
}

// act sends one operation at a random interval until the connection ends
// or acting closes; then it waits for the connection to end or ctx.
func (c *faultClient) act(ctx, acting context.Context, conn *roomclient.Conn) {
	for {
		select {
		case <-conn.Done():
			return
		case <-ctx.Done():
			return
		case <-acting.Done():
			select {
			case <-conn.Done():
			case <-ctx.Done():
			}
			return
		case <-time.After(time.Duration(300+rand.IntN(700)) * time.Millisecond):
		}
		op, msg := c.nextOp()
		ref, answer, err := conn.Request(msg)
		if err != nil {
			conn.Close() // the connection is done for: run reconnects
			return
		}
		c.mu.Lock()
		c.pending[ref] = op
		c.mu.Unlock()
		go c.await(ref, op, answer)
	}
}

// await records the answer to one operation, if it comes on its connection.
func (c *faultClient) await(ref, op string, answer <-chan roomclient.Reply) {
	r, ok := <-answer
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.pending, ref)
	if ok {
		c.answered(op, r)
	}
}

// nextOp picks what to do: mostly chat, sometimes the floor, one ballot.
func (c *faultClient) nextOp() (op string, msg map[string]any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := rand.IntN(10)
	if c.waitingOnState() {
		r = 9 // chat until the last vote or floor message is answered
	}
	switch {
	case r != 9 && !c.voted && time.Now().After(c.voteAt):
		return "vote", map[string]any{"type": "poll.vote", "poll_id": c.poll, "answer": []string{"yes", "no", "abstain"}[c.n%3]}
	case r <= 2 && !c.floorOpen:
		return "floor", map[string]any{"type": "floor.request", "mode": "online", "point_of_order": false}
	case r <= 2:
		return "withdraw", map[string]any{"type": "floor.withdraw"}
	}
	c.chats++
	body := fmt.Sprintf("fault-run c%d m%d", c.n, c.chats)
	return "chat " + body, map[string]any{"type": "chat.send", "body": body}
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

// answered records the server's answer to op; called with c.mu held.
func (c *faultClient) answered(op string, r roomclient.Reply) {
	if !r.OK {
		c.refused[strings.SplitN(op, " ", 2)[0]+":"+r.Code]++
		switch {
		case op == "vote" && r.Code == "conflict":
			c.voted = true // an earlier, unanswered ballot was committed
		case op == "floor" && r.Code == "conflict":
			c.floorOpen = true // an earlier request was committed unanswered
		case op == "withdraw" && (r.Code == "conflict" || r.Code == "not_found"):
			c.floorOpen = false
		}
		return
	}
	switch {
	case op == "vote":
		var d struct {
			Receipt string `json:"receipt"`
		}
		json.Unmarshal(r.Data, &d)
		c.voted, c.acked.receipt = true, d.Receipt
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
