// Package roomclient is the Go client of the room protocol (docs/PROTOCOL.md),
// the one the benchmarks, the fault run and the end-to-end tests share.
//
// Dial opens a room's WebSocket as the bearer of a token (or with any
// header), resuming after a position when it has one, and returns once the
// server's joined frame has come. The connection is read by a goroutine of
// its own, or, for thousands of connections on a small machine, by the epoll
// loops of a Poller (Linux), which cost the server's CPU next to nothing;
// either way every message is split into its lines (a batch carries several
// events) and each line is handled in order:
//
//   - the connection keeps its position: an event at or below it is a
//     duplicate, dropped and counted; one past the next offset counts the
//     offsets skipped as gaps (an event of another epoch counts as one gap
//     and is dropped);
//   - an ack or error answers the Request that sent its ref;
//   - every frame but a dropped duplicate goes to Options.OnFrame, undecoded
//     (Frame.Line, with cheap accessors for what the benchmarks need), and,
//     with Options.Keep, to a queue read by Next and WaitFor (tests).
//
// The connection's position survives it: Dial again with
// Options.From = old.Position() and Options.Counters = old.Counters() to
// resume where it stopped.
package roomclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Position is where an event stands in its room's log (docs/PROTOCOL.md,
// "Positions, resume and reload"). The zero Position means none.
type Position struct {
	Epoch  int64 `json:"epoch"`
	Offset int64 `json:"offset"`
}

// Counters count what a client saw of the room's log; they may be shared by
// the successive connections of one participant (Options.Counters). Any
// goroutine may read them.
type Counters struct {
	Received   atomic.Int64 // events applied (duplicates excluded)
	Gaps       atomic.Int64 // offsets skipped, plus one for each event of another epoch
	Duplicates atomic.Int64 // events at or below the position, dropped
}

// Options say how to open and read a connection.
type Options struct {
	// Token, when set, is sent as "Authorization: Bearer <Token>".
	Token string
	// Header is sent with the opening request too (Origin, Cookie, a test
	// harness's own header).
	Header http.Header
	// From, when not zero, resumes the stream after this position.
	From Position
	// Counters, when set, are counted into (a reconnection passes the old
	// connection's); else the connection has its own.
	Counters *Counters
	// OnFrame, when set, is called for every frame but dropped duplicates,
	// in order, on the connection's reader (a Poller's loop, or the
	// connection's goroutine). It must not block, and must not Send on or
	// Close its own connection. f.Line is valid only during the call.
	OnFrame func(f Frame)
	// Keep keeps a copy of every frame OnFrame gets, for Next and WaitFor.
	Keep bool
	// Poller, when set, reads the connection in its epoll loops instead of a
	// goroutine of its own (see Poller).
	Poller *Poller
	// ReadTimeout, when positive, ends a connection over which nothing (not
	// even the server's ping, every 15 s) came for this long.
	ReadTimeout time.Duration
	// JoinTimeout bounds the wait for the joined frame (default 30 s);
	// Dial's ctx bounds it too.
	JoinTimeout time.Duration
}

// WriteTimeout bounds one Send.
const WriteTimeout = 5 * time.Second

// ErrClosed is returned for a request whose connection ended before its
// answer, and by Next once the connection has ended and every kept frame
// has been read.
var ErrClosed = errors.New("roomclient: connection closed")

// DialError is a refused opening request (docs/PROTOCOL.md, "Opening a
// connection"): 401, 403, 404, 422 with a problem+json body.
type DialError struct {
	Status int
	Body   string
}

func (e *DialError) Error() string {
	return fmt.Sprintf("roomclient: the server refused the connection: %d %s", e.Status, e.Body)
}

// ClosedError is returned by Dial when the server closed the connection
// before joined: 4009 (the position cannot be resumed) or 1001, say.
type ClosedError struct{ Code int }

func (e *ClosedError) Error() string {
	return fmt.Sprintf("roomclient: the server closed the connection before joining it (%d)", e.Code)
}

// CloseCode returns the close code of a *ClosedError in err's chain, else 0.
func CloseCode(err error) int {
	var ce *ClosedError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return 0
}

// SessionURL is the WebSocket URL of session's room on the server at base
// (http://host:port or https://...).
func SessionURL(base string, session int64) string { return roomURL(base, "sessions", session) }

// RecommendationURL is the WebSocket URL of a recommendation's room.
func RecommendationURL(base string, recommendation int64) string {
	return roomURL(base, "recommendations", recommendation)
}

func roomURL(base, kind string, id int64) string {
	return "ws" + strings.TrimPrefix(strings.TrimRight(base, "/"), "http") + "/ws/" + kind + "/" + strconv.FormatInt(id, 10)
}

// Conn is one connection to a room.
type Conn struct {
	opts   Options
	counts *Counters
	epoch  atomic.Int64
	last   atomic.Int64

	transport transport
	wmu       sync.Mutex // one writer at a time

	joined    chan struct{}
	joinOnce  sync.Once
	done      chan struct{}
	closing   atomic.Bool
	closeCode atomic.Int32

	refs    atomic.Int64
	pmu     sync.Mutex
	pending map[string]chan Reply
	ended   bool // under pmu: no more answers will come

	kept *keptFrames
}

// transport is how a connection's bytes move: a gorilla connection read by
// a goroutine, or a socket read by a Poller's loop.
type transport interface {
	write(msg []byte, deadline time.Time) error
	close() // ends reading; the reader then calls c.end
}

// Dial opens the room at url (ws:// or wss://, without a position: From adds
// it) and waits for the joined frame.
func Dial(ctx context.Context, url string, o Options) (*Conn, error) {
	c := &Conn{opts: o, counts: o.Counters, joined: make(chan struct{}), done: make(chan struct{}), pending: map[string]chan Reply{}}
	if c.counts == nil {
		c.counts = &Counters{}
	}
	if o.From != (Position{}) {
		c.epoch.Store(o.From.Epoch)
		c.last.Store(o.From.Offset)
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		url += fmt.Sprintf("%sepoch=%d&offset=%d", sep, o.From.Epoch, o.From.Offset)
	}
	if o.Keep {
		c.kept = newKeptFrames()
	}
	header := http.Header{}
	for k, v := range o.Header {
		header[k] = v
	}
	if o.Token != "" {
		header.Set("Authorization", "Bearer "+o.Token)
	}
	var err error
	if o.Poller != nil {
		err = o.Poller.dial(ctx, url, header, c)
	} else {
		err = dialGoroutine(ctx, url, header, c)
	}
	if err != nil {
		return nil, err
	}
	wait := o.JoinTimeout
	if wait <= 0 {
		wait = 30 * time.Second
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-c.joined:
		return c, nil
	case <-c.done:
		return nil, &ClosedError{Code: c.CloseCode()}
	case <-timer.C:
		c.Close()
		return nil, errors.New("roomclient: no joined frame in time")
	case <-ctx.Done():
		c.Close()
		return nil, ctx.Err()
	}
}

// Position is the position of the last event applied (or where the stream
// started, before any event).
func (c *Conn) Position() Position { return Position{Epoch: c.epoch.Load(), Offset: c.last.Load()} }

// Counters are the counters the connection counts into.
func (c *Conn) Counters() *Counters { return c.counts }

// Done is closed once the connection has ended and its reader is done.
func (c *Conn) Done() <-chan struct{} { return c.done }

// CloseCode is the code of the server's close frame, once the connection
// has ended; 0 when it sent none (the connection dropped, or Close).
func (c *Conn) CloseCode() int { return int(c.closeCode.Load()) }

// Dropped reports whether the connection has ended without Close.
func (c *Conn) Dropped() bool {
	select {
	case <-c.done:
		return !c.closing.Load()
	default:
		return false
	}
}

// Close ends the connection (without a close frame) and waits for its
// reader to end.
func (c *Conn) Close() {
	c.closing.Store(true)
	c.transport.close()
	<-c.done
}

// Send writes one client message: a JSON object given as bytes, a string,
// or any value encoding as one. It sets no ref; Request does.
func (c *Conn) Send(msg any) error {
	b, err := encode(msg)
	if err != nil {
		return err
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.transport.write(b, time.Now().Add(WriteTimeout))
}

// Reply is the server's answer to a request: an ack (with its data, a
// ballot's receipt say) or an error.
type Reply struct {
	Ref     string
	OK      bool            // an ack; false: an error frame
	Code    string          // the error's code (invalid, forbidden, conflict...)
	Message string          // the error's message, for people
	Data    json.RawMessage // the ack's data, when it has any
}

// Err is nil for an ack and describes an error frame otherwise.
func (r Reply) Err() error {
	if r.OK {
		return nil
	}
	return fmt.Errorf("roomclient: refused (%s): %s", r.Code, r.Message)
}

// Request sends msg (which must carry no ref) with a ref of its own and
// returns a channel that receives the answer once; the channel is closed
// without a value if the connection ends first.
func (c *Conn) Request(msg any) (ref string, answer <-chan Reply, err error) {
	b, err := encode(msg)
	if err != nil {
		return "", nil, err
	}
	ref = "q" + strconv.FormatInt(c.refs.Add(1), 10)
	withRef := make([]byte, 0, len(b)+len(ref)+10)
	withRef = append(append(append(withRef, `{"ref":"`...), ref...), '"')
	if strings.TrimSpace(string(b[1:])) != "}" {
		withRef = append(withRef, ',')
	}
	withRef = append(withRef, b[1:]...)
	ch := make(chan Reply, 1)
	c.pmu.Lock()
	if c.ended {
		c.pmu.Unlock()
		return "", nil, ErrClosed
	}
	c.pending[ref] = ch
	c.pmu.Unlock()
	if err := c.Send(withRef); err != nil {
		c.pmu.Lock()
		delete(c.pending, ref)
		c.pmu.Unlock()
		return "", nil, err
	}
	return ref, ch, nil
}

// Do sends msg as Request does and waits for its answer; the error is the
// connection's or ctx's, never the server's refusal (see Reply.Err).
func (c *Conn) Do(ctx context.Context, msg any) (Reply, error) {
	ref, answer, err := c.Request(msg)
	if err != nil {
		return Reply{}, err
	}
	select {
	case r, ok := <-answer:
		if !ok {
			return Reply{}, ErrClosed
		}
		return r, nil
	case <-ctx.Done():
		c.pmu.Lock()
		delete(c.pending, ref)
		c.pmu.Unlock()
		return Reply{}, ctx.Err()
	}
}

// Next returns the next kept frame (Options.Keep), waiting for one.
func (c *Conn) Next(ctx context.Context) (Frame, error) {
	if c.kept == nil {
		return Frame{}, errors.New("roomclient: Next needs Options.Keep")
	}
	return c.kept.next(ctx, c.done)
}

// WaitFor returns the next kept frame for which ok is true, skipping the
// others.
func (c *Conn) WaitFor(ctx context.Context, ok func(Frame) bool) (Frame, error) {
	for {
		f, err := c.Next(ctx)
		if err != nil || ok(f) {
			return f, err
		}
	}
}

// end is called once by the reader when the connection has ended.
func (c *Conn) end(code int) {
	c.closeCode.Store(int32(code))
	c.pmu.Lock()
	c.ended = true
	for ref, ch := range c.pending {
		close(ch)
		delete(c.pending, ref)
	}
	c.pmu.Unlock()
	close(c.done)
}

// answer hands a reply to the request that sent its ref, if one waits.
func (c *Conn) answer(f *Frame) {
	c.pmu.Lock()
	ch, ok := c.pending[f.Ref]
	delete(c.pending, f.Ref)
	c.pmu.Unlock()
	if !ok {
		return
	}
	var body struct {
		Code    string          `json:"code"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
	}
	json.Unmarshal(f.Line, &body)
	ch <- Reply{Ref: f.Ref, OK: f.Type == TypeAck, Code: body.Code, Message: body.Message, Data: body.Data}
}

func encode(msg any) ([]byte, error) {
	var b []byte
	switch m := msg.(type) {
	case []byte:
		b = m
	case json.RawMessage:
		b = m
	case string:
		b = []byte(m)
	default:
		var err error
		if b, err = json.Marshal(msg); err != nil {
			return nil, err
		}
	}
	if len(b) < 2 || b[0] != '{' {
		return nil, errors.New("roomclient: a client message is a JSON object")
	}
	return b, nil
}
