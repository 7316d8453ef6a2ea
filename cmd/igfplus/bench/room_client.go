package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/hub/roomclient"
)

// roomClient is one person in the room benchmark: a roomclient connection
// (which checks offsets) that sends actions and counts the answers; its
// frames feed the run's chat and update latencies.
type roomClient struct {
	*roomclient.Conn
	acks     atomic.Int64
	floor    *floorView // the moderator's view of the room; nil for others
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
func joinRoom(ctx context.Context, t *rig.Site) (*room, error) {
	r := &room{chatLat: newLatencyHistogram(), updateLat: newLatencyHistogram(), refused: newErrorCounts()}
	var err error
	if r.accounts, err = t.Accounts(ctx); err != nil {
		return nil, err
	}
	start := time.Now()
	if r.mod, err = r.dial(ctx, t, t.ChairToken, newFloorView()); err != nil {
		return nil, err
	}
	r.people, err = dialEach(ctx, t.Tokens, func(ctx context.Context, _ int, tok string) (*roomClient, error) {
		return r.dial(ctx, t, tok, nil)
	})
	r.connectTime = time.Since(start)
	if err != nil {
		r.closeAll()
		return nil, err
	}
	return r, nil
}

// dial opens one connection; floor is the moderator's view, else nil.
func (r *room) dial(ctx context.Context, t *rig.Site, token string, floor *floorView) (*roomClient, error) {
	c := &roomClient{floor: floor}
	conn, err := roomclient.Dial(ctx, roomclient.SessionURL(t.URL, t.Session), roomclient.Options{Token: token,
		OnFrame: func(f roomclient.Frame) { r.onFrame(c, f) }})
	if err != nil {
		return nil, fmt.Errorf("bench room: %w", err)
	}
	c.Conn = conn
	return c, nil
}

// closeAll closes every connection and waits for its reader to end.
func (r *room) closeAll() {
	for _, c := range append(r.people, r.mod) {
		if c != nil {
			c.Close()
		}
	}
}

// send writes one client message with a fresh ref; a failed write counts
// as an error of the run.
func (c *roomClient) send(msg map[string]any) {
	msg["ref"] = fmt.Sprintf("b%d", c.refs.Add(1))
	if err := c.Send(msg); err != nil {
		c.sendErrs.Add(1)
	}
}

var atKey = []byte(`"at":"`)

// onFrame measures each new event's latencies (duplicates never come here:
// roomclient counts and drops them) and counts the answers to actions.
func (r *room) onFrame(c *roomClient, f roomclient.Frame) {
	switch f.Type {
	case roomclient.TypeEvent:
		r.chatLat.recordSent(f)
		if at, ok := roomclient.StringAfter(f.Line, atKey); ok {
			if t, err := time.Parse(time.RFC3339Nano, at); err == nil {
				r.updateLat.record(time.Duration(f.Received - t.UnixNano()))
			}
		}
		if c.floor != nil {
			c.floor.observe(f.Line)
		}
	case roomclient.TypeAck:
		c.acks.Add(1)
	case roomclient.TypeError:
		r.refused.add(f.Code())
	}
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
