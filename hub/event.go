package hub

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"
)

// Position is a point in a room's event log. Offsets are contiguous within an
// epoch; a new epoch means the log was reset and nothing before it can be
// replayed.
type Position struct {
	Epoch  int64 `json:"epoch"`
	Offset int64 `json:"offset"`
}

// Event is a committed change to a room. Frame is the event's encoding for
// clients, made once when the event is created and sent as is to every
// connection and across the broker.
type Event struct {
	Room   string
	Epoch  int64
	Offset int64
	Type   string
	Frame  []byte
	// CloseAccount, when not zero, ends that account's connections in the
	// room (close code 4003) wherever the event is delivered: removal and
	// bans reach every node, and cannot be lost, because events are not.
	CloseAccount int64
	// Rewrote says that the change this event announces also rewrote
	// earlier events of its room in History (a chat message a moderator
	// removed is taken out of the log): copies kept elsewhere are stale.
	// Every node forgets its memory of the room's events when it fans such
	// an event out, and a resume whose Recent batch holds one reads History
	// instead, so that what was removed is not replayed.
	Rewrote bool
	// mac authenticates the event between nodes (eventmac.go): set once
	// by the publishing node, carried on the wire.
	mac [macSize]byte
}

// Position returns where the event stands in its room's log.
func (e Event) Position() Position { return Position{e.Epoch, e.Offset} }

// eventFrame is the JSON shape of an event sent to clients.
type eventFrame struct {
	Type   string          `json:"type"`
	Room   string          `json:"room"`
	Epoch  int64           `json:"epoch"`
	Offset int64           `json:"offset"`
	Kind   string          `json:"kind"`
	At     time.Time       `json:"at"`
	Data   json.RawMessage `json:"data"`
}

// NewEvent builds an event and encodes its client frame once.
func NewEvent(room string, pos Position, kind string, at time.Time, data json.RawMessage) (Event, error) {
	frame, err := json.Marshal(eventFrame{Type: "event", Room: room, Epoch: pos.Epoch, Offset: pos.Offset, Kind: kind, At: at.UTC(), Data: data})
	if err != nil {
		return Event{}, err
	}
	return Event{Room: room, Epoch: pos.Epoch, Offset: pos.Offset, Type: kind, Frame: frame}, nil
}

// wireHeader is the size of the binary header in front of the tag and the
// frame on the broker: epoch, offset and the account to close, big-endian,
// then a byte of flags, so that receivers need not parse JSON to order
// events.
const wireHeader = 25

// flagRewrote is the header's flag for Event.Rewrote.
const flagRewrote = 1

// putHeader writes ev's header into b[:wireHeader].
func putHeader(b []byte, ev Event) {
	binary.BigEndian.PutUint64(b[0:8], uint64(ev.Epoch))
	binary.BigEndian.PutUint64(b[8:16], uint64(ev.Offset))
	binary.BigEndian.PutUint64(b[16:24], uint64(ev.CloseAccount))
	b[24] = 0
	if ev.Rewrote {
		b[24] = flagRewrote
	}
}

// EncodeWire returns the broker payload for ev: the header, the tag the
// publishing node gave it, and the frame (its room travels as the channel
// name).
func EncodeWire(ev Event) []byte {
	b := make([]byte, wireHeader+macSize+len(ev.Frame))
	putHeader(b, ev)
	copy(b[wireHeader:], ev.mac[:])
	copy(b[wireHeader+macSize:], ev.Frame)
	return b
}

// ErrBadWire reports a broker payload that is not an encoded event.
var ErrBadWire = errors.New("hub: malformed broker payload")

// DecodeWire reverses EncodeWire. The frame aliases payload. The tag is
// not checked here: the hub checks it before it takes the event.
func DecodeWire(room string, payload []byte) (Event, error) {
	if len(payload) <= wireHeader+macSize {
		return Event{}, ErrBadWire
	}
	ev := Event{
		Room:         room,
		Epoch:        int64(binary.BigEndian.Uint64(payload[0:8])),
		Offset:       int64(binary.BigEndian.Uint64(payload[8:16])),
		CloseAccount: int64(binary.BigEndian.Uint64(payload[16:24])),
		Rewrote:      payload[24]&flagRewrote != 0,
		Frame:        payload[wireHeader+macSize:],
	}
	copy(ev.mac[:], payload[wireHeader:])
	return ev, nil
}
