package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/sync/errgroup"
)

// roomClient is one person in the room benchmark: a benchClient (which
// checks offsets and measures chat latency) that also sends actions,
// measures every event's latency from its `at`, and counts answers.
type roomClient struct {
	*benchClient
	wmu      sync.Mutex // gorilla allows one writer at a time
	updates  *latencyHistogram
	acks     atomic.Int64
	refused  *errorCounts
	closing  atomic.Bool
	dropped  atomic.Bool // the connection ended before we closed it
	floor    *floorView  // the moderator's view of the room; nil for others
	refs     atomic.Int64
	sendErrs atomic.Int64
}

// room is the benchmark's participants and moderator, connected.
type room struct {
	people      []*roomClient
	accounts    []int64 // people[i]'s account id
	mod         *roomClient
	chatLat     *latencyHistogram
	updateLat   *latencyHistogram
	refused     *errorCounts
	connectTime time.Duration
}

// joinRoom connects the moderator first (so that it sees every event of the
// run), then every participant, with bounded parallelism.
func joinRoom(ctx context.Context, t *votesTarget) (*room, error) {
	r := &room{chatLat: newLatencyHistogram(), updateLat: newLatencyHistogram(), refused: newErrorCounts()}
	if err := t.db.Pool.QueryRow(ctx, `SELECT array_agg(id ORDER BY id) FROM accounts WHERE email LIKE '%@bench.example'`).Scan(&r.accounts); err != nil {
		return nil, err
	}
	if len(r.accounts) != len(t.tokens) {
		return nil, fmt.Errorf("bench room: %d accounts for %d tokens", len(r.accounts), len(t.tokens))
	}
	start := time.Now()
	var err error
	if r.mod, err = r.dial(ctx, t, t.chairToken); err != nil {
		return nil, err
	}
	r.mod.floor = newFloorView()
	r.people = make([]*roomClient, len(t.tokens))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(64)
	for i, tok := range t.tokens {
		g.Go(func() error {
			c, err := r.dial(gctx, t, tok)
			r.people[i] = c
			return err
		})
	}
	err = g.Wait()
	r.connectTime = time.Since(start)
	if err != nil {
		r.closeAll()
		return nil, err
	}
	return r, nil
}

// dial opens one connection and waits for its joined frame.
func (r *room) dial(ctx context.Context, t *votesTarget, token string) (*roomClient, error) {
	url := "ws" + strings.TrimPrefix(t.url, "http") + fmt.Sprintf("/ws/sessions/%d", t.session)
	conn, _, err := benchDialer.DialContext(ctx, url, http.Header{"Authorization": {"Bearer " + token}})
	if err != nil {
		return nil, err
	}
	c := &roomClient{
		benchClient: &benchClient{conn: conn, lat: r.chatLat, joined: make(chan struct{}), done: make(chan struct{})},
		updates:     r.updateLat,
		refused:     r.refused,
	}
	go c.read()
	select {
	case <-c.joined:
		return c, nil
	case <-time.After(30 * time.Second):
		c.close()
		return nil, fmt.Errorf("bench room: no joined frame")
	}
}

// closeAll closes every connection and waits for its reader to end.
func (r *room) closeAll() {
	for _, c := range append(r.people, r.mod) {
		if c != nil {
			c.close()
		}
	}
}

func (c *roomClient) close() {
	c.closing.Store(true)
	c.benchClient.close()
}

// send writes one client message with a fresh ref; a failed write counts
// as an error of the run.
func (c *roomClient) send(msg map[string]any) {
	msg["ref"] = fmt.Sprintf("b%d", c.refs.Add(1))
	b, _ := json.Marshal(msg)
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if err := c.conn.WriteMessage(websocket.TextMessage, b); err != nil {
		c.sendErrs.Add(1)
	}
}

// read splits each message into its newline-separated frames.
func (c *roomClient) read() {
	defer close(c.done)
	for {
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			if !c.closing.Load() {
				c.dropped.Store(true)
			}
			return
		}
		for line := range bytes.SplitSeq(data, []byte("\n")) {
			c.roomFrame(line)
		}
	}
}

var (
	atKey     = []byte(`"at":"`)
	codeKey   = []byte(`"code":"`)
	eventHead = []byte(`{"type":"event"`)
	ackHead   = []byte(`{"type":"ack"`)
	errorHead = []byte(`{"type":"error"`)
)

func (c *roomClient) roomFrame(line []byte) {
	switch {
	case bytes.HasPrefix(line, eventHead):
		before := c.received.Load()
		c.frame(line, time.Now().UnixNano()) // offsets, gaps, duplicates, chat latency
		if c.received.Load() == before {
			return // a duplicate: already counted
		}
		if at, ok := stringAfter(line, atKey); ok {
			if t, err := time.Parse(time.RFC3339Nano, at); err == nil {
				c.updates.record(time.Since(t))
			}
		}
		if c.floor != nil {
			c.floor.observe(line)
		}
	case bytes.HasPrefix(line, ackHead):
		c.acks.Add(1)
	case bytes.HasPrefix(line, errorHead):
		code, _ := stringAfter(line, codeKey)
		c.refused.add(code)
	default:
		c.frame(line, 0) // joined; presence is not part of the log
	}
}

// stringAfter returns the JSON string (without escapes) that follows key.
func stringAfter(line, key []byte) (string, bool) {
	i := bytes.Index(line, key)
	if i < 0 {
		return "", false
	}
	rest := line[i+len(key):]
	end := bytes.IndexByte(rest, '"')
	if end < 0 {
		return "", false
	}
	return string(rest[:end]), true
}

// errorCounts counts error frames by code, across all clients.
type errorCounts struct {
	mu sync.Mutex
	n  map[string]int64
}

func newErrorCounts() *errorCounts { return &errorCounts{n: map[string]int64{}} }

func (e *errorCounts) add(code string) {
	e.mu.Lock()
	e.n[code]++
	e.mu.Unlock()
}

func (e *errorCounts) snapshot() map[string]int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make(map[string]int64, len(e.n))
	for k, v := range e.n {
		out[k] = v
	}
	return out
}
