package roomclient

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"
)

// The frame types of docs/PROTOCOL.md, "Server to client".
const (
	TypeJoined   = "joined"
	TypeEvent    = "event"
	TypeAck      = "ack"
	TypeError    = "error"
	TypePresence = "presence"
)

// Frame is one line of a server message: one JSON object, undecoded.
type Frame struct {
	Type     string   // one of the Type constants, or what the line says
	Position Position // an event's; where a joined stream starts
	Ref      string   // an ack's or an error's
	Line     []byte   // the object; in OnFrame, valid only during the call
	Received int64    // when its message arrived, in Unix nanoseconds
}

// Decode decodes the whole line into v.
func (f Frame) Decode(v any) error { return json.Unmarshal(f.Line, v) }

// Kind is an event's kind (chat.posted, floor.changed...).
func (f Frame) Kind() string {
	s, _ := StringAfter(f.Line, kindKey)
	return s
}

// Code is an error's code (invalid, forbidden, conflict...).
func (f Frame) Code() string {
	s, _ := StringAfter(f.Line, codeKey)
	return s
}

var (
	typeHead  = []byte(`{"type":"`)
	epochKey  = []byte(`"epoch":`)
	offsetKey = []byte(`"offset":`)
	refKey    = []byte(`"ref":"`)
	kindKey   = []byte(`"kind":"`)
	codeKey   = []byte(`"code":"`)
)

// handleMessage handles a message's lines, which all arrived at now.
func (c *Conn) handleMessage(data []byte, now int64) {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		c.handleLine(line, now)
	}
}

// handleLine keeps the position and counters, answers requests and hands
// the frame on. It reads only what it needs, without decoding the line and
// without allocating for an event: with thousands of connections on the
// server's machine, the client's garbage is the server's lost CPU.
func (c *Conn) handleLine(line []byte, now int64) {
	if len(line) == 0 {
		return
	}
	f := Frame{Type: lineType(line), Line: line, Received: now}
	switch f.Type {
	case TypeEvent:
		f.Position = positionIn(line)
		if !c.apply(f.Position) {
			return
		}
	case TypeJoined:
		f.Position = positionIn(line)
		if c.epoch.Load() == 0 { // not resuming: the stream starts here
			c.epoch.Store(f.Position.Epoch)
			c.last.Store(f.Position.Offset)
		}
		c.joinOnce.Do(func() { close(c.joined) })
	case TypeAck, TypeError:
		f.Ref, _ = StringAfter(line, refKey)
		if f.Ref != "" {
			c.answer(&f)
		}
	}
	if c.opts.OnFrame != nil {
		c.opts.OnFrame(f)
	}
	if c.kept != nil {
		f.Line = bytes.Clone(line)
		c.kept.push(f)
	}
}

// apply moves the position to an event's, counting gaps; it reports false
// for an event to drop (a duplicate, or another epoch's).
func (c *Conn) apply(p Position) bool {
	if p.Epoch != c.epoch.Load() {
		c.counts.Gaps.Add(1)
		return false
	}
	last := c.last.Load()
	if p.Offset <= last {
		c.counts.Duplicates.Add(1)
		return false
	}
	if p.Offset > last+1 {
		c.counts.Gaps.Add(p.Offset - last - 1)
	}
	c.last.Store(p.Offset)
	c.counts.Received.Add(1)
	return true
}

// positionIn reads the first epoch and the offset after it in line: an
// event's position, or where a joined stream starts.
func positionIn(line []byte) Position {
	i := bytes.Index(line, epochKey)
	if i < 0 {
		return Position{Epoch: -1, Offset: -1}
	}
	epoch, rest := leadingInt(line[i+len(epochKey):])
	j := bytes.Index(rest, offsetKey)
	if j < 0 {
		return Position{Epoch: epoch, Offset: -1}
	}
	offset, _ := leadingInt(rest[j+len(offsetKey):])
	return Position{Epoch: epoch, Offset: offset}
}

// eventHead starts every event line: the one the hot path tests first.
var eventHead = []byte(`{"type":"event"`)

// lineType reads the line's type without allocating for the known ones.
func lineType(line []byte) string {
	if bytes.HasPrefix(line, eventHead) {
		return TypeEvent
	}
	if !bytes.HasPrefix(line, typeHead) {
		var v struct {
			Type string `json:"type"`
		}
		json.Unmarshal(line, &v)
		return v.Type
	}
	rest := line[len(typeHead):]
	for _, t := range [...]string{TypeEvent, TypeAck, TypeError, TypePresence, TypeJoined} {
		if len(rest) > len(t) && string(rest[:len(t)]) == t && rest[len(t)] == '"' {
			return t
		}
	}
	if end := bytes.IndexByte(rest, '"'); end >= 0 {
		return string(rest[:end])
	}
	return ""
}

// IntAfter parses the integer that follows key in line (its first
// occurrence), or returns -1 when key is absent.
func IntAfter(line, key []byte) int64 {
	i := bytes.Index(line, key)
	if i < 0 {
		return -1
	}
	n, _ := leadingInt(line[i+len(key):])
	return n
}

// leadingInt parses the integer b starts with (without allocating) and
// returns the rest.
func leadingInt(b []byte) (int64, []byte) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	var n int64
	i := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		n = n*10 + int64(b[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, b[i:]
}

// StringAfter returns the JSON string (without escapes) that follows key,
// whose last byte is the string's opening quote.
func StringAfter(line, key []byte) (string, bool) {
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

// keptFrames is the queue of frames kept for Next.
type keptFrames struct {
	mu     sync.Mutex
	frames []Frame
	more   chan struct{} // closed and replaced when a frame is pushed
}

func newKeptFrames() *keptFrames { return &keptFrames{more: make(chan struct{})} }

func (k *keptFrames) push(f Frame) {
	k.mu.Lock()
	k.frames = append(k.frames, f)
	close(k.more)
	k.more = make(chan struct{})
	k.mu.Unlock()
}

func (k *keptFrames) next(ctx context.Context, done <-chan struct{}) (Frame, error) {
	for {
		k.mu.Lock()
		if len(k.frames) > 0 {
			f := k.frames[0]
			k.frames = k.frames[1:]
			k.mu.Unlock()
			return f, nil
		}
		more := k.more
		k.mu.Unlock()
		select {
		case <-more:
		case <-done:
			k.mu.Lock()
			empty := len(k.frames) == 0
			k.mu.Unlock()
			if empty {
				return Frame{}, ErrClosed
			}
		case <-ctx.Done():
			return Frame{}, ctx.Err()
		}
	}
}
