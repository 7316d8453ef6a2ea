package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/prometheus/client_golang/prometheus"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/time/rate"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// client is one WebSocket connection in one room. It has one reader
// goroutine; everything it is sent goes through its bounded queue, which a
// short-lived flush goroutine writes out (writer.go), so that an idle
// connection holds no writer goroutine.
type client struct {
	h    *Hub
	conn *websocket.Conn
	who  Credentials
	room *room
	q    *queue
	// leave gives back the connection's place in the limits (connlimit.go).
	leave func()
	// say words a refusal in the connection's language.
	say func(error) string

	// Guarded by room.mu.
	joining bool
	held    []Event
	last    Position   // last event queued to this client
	shard   *roomShard // the room's shard that sends it batches

	closeOnce sync.Once
	closeCode int
	closeText string
	// dropBy is when a connection found too slow is cut, in Unix
	// nanoseconds; 0 while it is not.
	dropBy atomic.Int64

	// Flushing (writer.go). scheduled is true while a flush is scheduled
	// or running: at most one runs at a time, so items is the flush's own.
	scheduled atomic.Bool
	pingDue   atomic.Bool
	pong      atomic.Pointer[string] // a received ping's data, to answer
	items     []outgoing
	socket    int // the socket's descriptor, for writes that must not block; -1: none
}

// offer queues ev for the client, in order; called with room.mu held. It
// reports whether the event was queued.
func (c *client) offer(ev Event) bool {
	if c.joining {
		c.hold(ev)
		return false
	}
	if ev.Epoch == c.last.Epoch && ev.Offset <= c.last.Offset {
		return false // already sent in this client's backlog
	}
	if !c.q.push(ev.Frame) {
		c.slow()
		return false
	}
	c.kick()
	c.last = ev.Position()
	return true
}

// hold keeps live events for a client whose backlog is still being queued;
// called with room.mu held. A backlog goes at the client's pace, so a
// client that reads, but slower than the room moves, would hold ever more:
// past BacklogLimit it could not catch up anyway, and is dropped.
func (c *client) hold(evs ...Event) {
	c.held = append(c.held, evs...)
	if len(c.held) > c.h.cfg.BacklogLimit {
		c.held = nil
		c.slow()
	}
}

// slowGrace is how long a connection found too slow may take to finish the
// write under way, so that a client that still reads gets the close frame
// (4000); one that does not read is cut when it passes.
const slowGrace = time.Second

// slow closes a connection whose queue passed its bound. Only the first
// call counts and sets the connection's last write deadline: a room keeps
// offering events to the closing connection, and each must not push that
// deadline further, or a busy room would keep the connection forever.
func (c *client) slow() {
	if !c.closeWith(CloseSlowConsumer, "slow consumer: resume from your last position") {
		return // already closing
	}
	c.h.cfg.Metrics.inc(func(m *Metrics) prometheus.Counter { return m.SlowConsumers })
	by := time.Now().Add(slowGrace)
	c.dropBy.Store(by.UnixNano())
	// The writer may be blocked on the full socket: cut its wait short.
	// Every later write keeps to this deadline too (writeDeadline).
	c.conn.NetConn().SetWriteDeadline(by)
}

// closeWith ends the connection with code; the writer sends the close
// frame. It reports whether this call closed it (false: it was closing
// already, with the first call's code).
func (c *client) closeWith(code int, text string) bool {
	first := false
	c.closeOnce.Do(func() {
		first = true
		c.closeCode, c.closeText = code, text
		c.q.close()
		c.kick()
	})
	return first
}

// Serve upgrades the request to a WebSocket in room. The query may carry the
// client's last position (epoch and offset) to resume from; without it the
// client starts live from the room's current position.
func (h *Hub) Serve(w http.ResponseWriter, r *http.Request, roomName string, writeError func(http.ResponseWriter, *http.Request, error)) {
	if !h.checkOrigin(r) {
		writeError(w, r, igfplus.Errorf(igfplus.EForbidden, "This origin may not open a live connection."))
		return
	}
	who, err := h.cfg.Authenticate(r)
	if err != nil {
		writeError(w, r, err)
		return
	}
	from, err := parsePosition(r)
	if err != nil {
		writeError(w, r, err)
		return
	}
	if err := h.cfg.Policy.CanJoin(r.Context(), who, roomName); err != nil {
		writeError(w, r, err)
		return
	}
	leave, err := h.limits.take(roomName, who.AccountID, h.cfg.ClientAddress(r))
	if err != nil {
		writeError(w, r, err)
		return
	}
	conn, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		leave()
		return // the upgrader has answered
	}
	c := &client{h: h, conn: conn, who: who, q: newQueue(h.cfg.QueueBytes, &h.highWater), socket: socketOf(conn.NetConn()), leave: leave,
		say: h.cfg.Wording(r)}
	if !h.register(c) {
		leave()
		conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseGoingAway, "server shutting down"), time.Now().Add(time.Second))
		conn.Close()
		return
	}
	h.wg.Add(1)
	// The join runs here, in the handler's goroutine, which ends right
	// after: the stack that reading a backlog grows goes with it, and the
	// connection's long-lived reader starts small (idle memory a
	// connection is one of the hub's budgets).
	if err := c.join(context.Background(), roomName, from); err != nil {
		c.abandon(err)
		return
	}
	go c.readLoop()
}

// abandon ends a connection whose join failed, telling the client why.
func (c *client) abandon(err error) {
	defer c.h.wg.Done()
	defer c.h.unregister(c)
	c.failJoin(err)
	if c.room != nil {
		c.room.remove(c)
		c.h.release(context.Background(), c.room)
	}
}

func parsePosition(r *http.Request) (*Position, error) {
	q := r.URL.Query()
	if q.Get("epoch") == "" && q.Get("offset") == "" {
		return nil, nil
	}
	epoch, err1 := strconv.ParseInt(q.Get("epoch"), 10, 64)
	offset, err2 := strconv.ParseInt(q.Get("offset"), 10, 64)
	if err1 != nil || err2 != nil || offset < 0 {
		return nil, igfplus.Errorf(igfplus.EInvalid, "epoch and offset must both be whole numbers.")
	}
	return &Position{Epoch: epoch, Offset: offset}, nil
}

func (h *Hub) register(c *client) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closing {
		return false
	}
	h.clients[c] = struct{}{}
	if id := c.who.AccountID; id != 0 {
		mine := h.accounts[id]
		if mine == nil {
			mine = make(map[*client]struct{}, 1)
			h.accounts[id] = mine
		}
		mine[c] = struct{}{}
	}
	h.cfg.Metrics.conn(1)
	return true
}

func (h *Hub) unregister(c *client) {
	c.leave()
	h.mu.Lock()
	delete(h.clients, c)
	if id := c.who.AccountID; id != 0 {
		delete(h.accounts[id], c)
		if len(h.accounts[id]) == 0 {
			delete(h.accounts, id)
		}
	}
	h.cfg.Metrics.conn(-1)
	h.mu.Unlock()
}

// joinedFrame tells the client where its stream starts.
type joinedFrame struct {
	Type string   `json:"type"`
	Room string   `json:"room"`
	From Position `json:"from"`
}

// join enters the room and queues the backlog after from, then the live
// events, with no gap and no duplicate: from the room's memory when it
// covers the gap, else from the Recent log or History, while live events
// are held. A backlog larger than the queue holds is queued as the writer
// takes it (pushPaced), so that a client far behind catches up however
// far, as long as it reads.
func (c *client) join(ctx context.Context, name string, from *Position) error {
	r, err := c.h.acquire(ctx, name)
	if err != nil {
		return err
	}
	c.room = r
	top, backlog, live := r.add(c, from)
	if live {
		return nil
	}
	if backlog == nil {
		var err error
		if backlog, top, err = c.h.backlog(ctx, name, *from, top); err != nil {
			return err
		}
	}
	if !c.pushPaced(mustJSON(joinedFrame{Type: "joined", Room: name, From: *from})) {
		return errGone
	}
	for _, ev := range backlog {
		if !c.pushPaced(ev.Frame) {
			return errGone
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	c.last, c.joining = top, false
	held := c.held
	c.held = nil
	for _, ev := range held {
		c.offer(ev)
	}
	r.pushSnapshotLocked(c)
	return nil
}

// errGone ends a join whose connection closed while its backlog was being
// queued (the peer left, or read nothing for WriteWait).
var errGone = errors.New("hub: the connection closed during its join")

// backlog reads the events after from, up to at least roomTop, from the
// Recent log when it has them all, else from History; it returns them and
// the position they reach.
func (h *Hub) backlog(ctx context.Context, room string, from, roomTop Position) ([]Event, Position, error) {
	if evs, top, ok := h.recentBacklog(ctx, room, from, roomTop); ok {
		return evs, top, nil
	}
	evs, top, err := h.cfg.History.Since(ctx, room, from, h.cfg.BacklogLimit)
	if err == nil && len(evs) == h.cfg.BacklogLimit && evs[len(evs)-1].Offset < top.Offset {
		err = ErrReset // too far behind to replay
	}
	return evs, top, err
}

// pushPaced queues a frame of a join's backlog, waiting while the queue is
// full for the writer to take what is in it. A client that takes nothing
// for WriteWait is dropped as a slow consumer; it reports false when the
// connection is closing.
func (c *client) pushPaced(frame []byte) bool {
	if c.q.pushWait(frame, c.h.cfg.WriteWait, c.kick) {
		c.kick()
		return true
	}
	c.slow() // nothing if it was closing already
	return false
}

// recentBacklog returns the events after from out of the Recent log, and
// the position they reach, when they cover everything from from to at least
// roomTop (what the room had fanned out when the client was added: all later
// events are held for the client). Anything less, and History is read.
func (h *Hub) recentBacklog(ctx context.Context, room string, from, roomTop Position) ([]Event, Position, bool) {
	if h.cfg.Recent == nil || from.Epoch != roomTop.Epoch || from.Offset >= roomTop.Offset {
		return nil, Position{}, false
	}
	evs, err := h.cfg.Recent.Recent(ctx, room, from)
	if err != nil {
		h.cfg.Logger.Warn("hub: reading the recent log failed; reading history", "room", room, "err", err)
		return nil, Position{}, false
	}
	for i, ev := range evs {
		if ev.Epoch != from.Epoch || ev.Offset != from.Offset+int64(i)+1 {
			return nil, Position{}, false // a hole, or another epoch
		}
		if !h.mac.valid(ev) {
			h.refused(ev)
			return nil, Position{}, false // not from a node: History has the real one
		}
		if ev.Rewrote {
			return nil, Position{}, false // earlier events were rewritten: History has them as they are now
		}
	}
	if len(evs) == 0 || evs[len(evs)-1].Offset < roomTop.Offset || len(evs) > h.cfg.BacklogLimit {
		return nil, Position{}, false
	}
	h.cfg.Metrics.inc(func(m *Metrics) prometheus.Counter { return m.RecentResumes })
	return evs, evs[len(evs)-1].Position(), true
}

func (c *client) pushFrame(frame []byte) {
	if !c.q.push(frame) {
		c.slow()
		return
	}
	c.kick()
}

// readLoop reads the client's messages until the connection ends; the
// client has joined its room.
func (c *client) readLoop() {
	defer c.h.wg.Done()
	defer c.h.unregister(c)
	defer c.closeWith(websocket.CloseNormalClosure, "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	defer c.h.release(context.Background(), c.room)
	defer c.room.remove(c)
	// The connection's place in the caps is given back first: a page
	// reloaded opens its next socket before this one has finished closing.
	defer c.leave()

	c.conn.SetReadLimit(c.h.cfg.ReadLimit)
	c.conn.SetReadDeadline(time.Now().Add(c.h.cfg.PongWait))
	c.conn.SetPongHandler(func(string) error {
		return c.conn.SetReadDeadline(time.Now().Add(c.h.cfg.PongWait))
	})
	// Gorilla's own handlers would write from this goroutine; the answers
	// go through the connection's one writer instead (writer.go).
	c.conn.SetPingHandler(func(data string) error {
		c.pong.Store(&data)
		c.kick()
		return nil
	})
	c.conn.SetCloseHandler(func(int, string) error { return nil }) // the deferred closeWith answers
	limiter := rate.NewLimiter(rate.Limit(c.h.cfg.MessageRate), c.h.cfg.MessageBurst)
	strikes := 0
	for {
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			if errors.Is(err, websocket.ErrReadLimit) {
				c.closeWith(websocket.CloseMessageTooBig, "message too big")
			}
			return
		}
		c.conn.SetReadDeadline(time.Now().Add(c.h.cfg.PongWait))
		if !limiter.Allow() {
			strikes++
			if strikes > c.h.cfg.MessageBurst {
				c.closeWith(websocket.ClosePolicyViolation, "too many messages")
				return
			}
			c.pushFrame(c.errorFrame(refOf(data), igfplus.Errorf(igfplus.ERateLimited, "You are sending messages too fast; wait a moment.")))
			continue
		}
		strikes = 0
		c.handle(ctx, data)
	}
}

func (c *client) failJoin(err error) {
	switch {
	case errors.Is(err, ErrReset):
		c.h.cfg.Metrics.inc(func(m *Metrics) prometheus.Counter { return m.Resets })
		c.closeWith(CloseReload, "cannot resume from that position: reload")
	case errors.Is(err, errGone):
		// closed already, with its own code
	default:
		c.h.cfg.Logger.Warn("hub: join failed", "err", err)
		c.closeWith(websocket.CloseTryAgainLater, "cannot join now: try again")
	}
}

func (c *client) handle(ctx context.Context, data []byte) {
	var in Inbound
	if err := json.Unmarshal(data, &in); err != nil || in.Type == "" {
		c.pushFrame(c.errorFrame(refOf(data), igfplus.Errorf(igfplus.EInvalid, "A message must be a JSON object with a type.")))
		return
	}
	in.Raw = data
	if c.h.cfg.Dispatcher == nil {
		c.pushFrame(c.errorFrame(in.Ref, igfplus.Errorf(igfplus.EForbidden, "This room is read-only.")))
		return
	}
	ctx, cancel := context.WithTimeout(ctx, c.h.cfg.DispatchTimeout)
	defer cancel()
	reply, err := c.dispatch(ctx, in)
	if err != nil {
		if igfplus.ErrorCode(err) == igfplus.EInternal {
			c.h.cfg.Logger.Error("hub: dispatch failed", "type", in.Type, "room", c.room.name, "err", err)
		}
		c.pushFrame(c.errorFrame(in.Ref, err))
		return
	}
	c.pushFrame(mustJSON(ackFrame{Type: "ack", Ref: in.Ref, Data: reply}))
}

func (c *client) dispatch(ctx context.Context, in Inbound) (any, error) {
	if d, ok := c.h.cfg.Dispatcher.(ReplyDispatcher); ok {
		return d.DispatchReply(ctx, c.who, c.room.name, in)
	}
	return nil, c.h.cfg.Dispatcher.Dispatch(ctx, c.who, c.room.name, in)
}

type ackFrame struct {
	Type string `json:"type"`
	Ref  string `json:"ref,omitempty"`
	Data any    `json:"data,omitempty"`
}

type errFrame struct {
	Type    string       `json:"type"`
	Ref     string       `json:"ref,omitempty"`
	Code    igfplus.Code `json:"code"`
	Message string       `json:"message"`
}

// errorFrame is the one place domain errors become WebSocket error frames,
// their message in the connection's language (Config.Wording).
func (c *client) errorFrame(ref string, err error) []byte {
	return mustJSON(errFrame{Type: "error", Ref: ref, Code: igfplus.ErrorCode(err), Message: c.say(err)})
}

// refOf digs the ref out of a message that may not be valid JSON.
func refOf(data []byte) string {
	var v struct {
		Ref string `json:"ref"`
	}
	if json.Unmarshal(data, &v) == nil {
		return v.Ref
	}
	return ""
}

func mustJSON(v any) []byte {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		panic(err) // only fixed, known shapes are encoded here
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}
