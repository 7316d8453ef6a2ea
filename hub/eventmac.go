package hub

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash"
	"sync"
)

// Events between nodes are authenticated.
//
// Whoever can publish on the broker (anyone with access to Redis) could
// otherwise show any room a forged event at its next offset, and the real
// event at that offset would then be ignored as already delivered. So each
// event is given an HMAC-SHA256 tag once, when this node publishes it
// (Hub.Publish), with a key every node of the installation holds; an event
// arriving from the broker or the Recent log is taken only with a valid
// tag, and otherwise the room reads that offset from History instead.
// The tag covers the room, the position, the account to close and the
// frame: a genuine tag moved to another room, offset or text does not
// verify.

// macSize is the length of an event's tag: a whole HMAC-SHA256.
const macSize = sha256.Size

// minEventKey is the shortest event key accepted.
const minEventKey = 32

// eventMAC tags and checks events. Signing uses the first key; checking
// accepts any of them, so that nodes keep accepting each other's events
// while a key is rolled out.
type eventMAC struct {
	keys []*macKey
}

// macKey is one key with a pool of its keyed hashes: an HMAC keeps the
// key's inner and outer state, so Reset is far cheaper than a new one.
type macKey struct{ pool sync.Pool }

// macState is a keyed hash and the scratch it is fed from, pooled
// together so that tagging an event allocates nothing.
type macState struct {
	h   hash.Hash
	buf []byte
	sum []byte
}

func newMACKey(key []byte) *macKey {
	k := &macKey{}
	k.pool.New = func() any { return &macState{h: hmac.New(sha256.New, key), buf: make([]byte, 0, 128)} }
	return k
}

// newEventMAC returns the tagger for keys, the signing key first. With no
// key it makes a random one: events from any other node are then refused
// (and read from History), which is right only for a node alone.
func newEventMAC(keys [][]byte) (*eventMAC, error) {
	if len(keys) == 0 {
		k := make([]byte, minEventKey)
		rand.Read(k)
		keys = [][]byte{k}
	}
	m := &eventMAC{}
	for _, k := range keys {
		if len(k) < minEventKey {
			return nil, errors.New("hub: an event key is at least 32 bytes")
		}
		m.keys = append(m.keys, newMACKey(k))
	}
	return m, nil
}

// sign returns ev with its tag.
func (m *eventMAC) sign(ev Event) Event {
	ev.mac = m.keys[0].sum(ev)
	return ev
}

// valid reports whether ev carries a tag made with one of the keys.
func (m *eventMAC) valid(ev Event) bool {
	for _, k := range m.keys {
		if sum := k.sum(ev); hmac.Equal(sum[:], ev.mac[:]) {
			return true
		}
	}
	return false
}

// sum computes ev's tag over its room (length first, so that no room and
// frame can be cut differently), position, account to close and frame.
func (k *macKey) sum(ev Event) [macSize]byte {
	st := k.pool.Get().(*macState)
	b := st.buf[:wireHeader+4]
	putHeader(b, ev)
	binary.BigEndian.PutUint32(b[wireHeader:], uint32(len(ev.Room)))
	b = append(b, ev.Room...)
	st.h.Write(b)
	st.h.Write(ev.Frame)
	st.sum = st.h.Sum(st.sum[:0])
	st.h.Reset()
	var out [macSize]byte
	copy(out[:], st.sum)
	st.buf = b[:0]
	k.pool.Put(st)
	return out
}
