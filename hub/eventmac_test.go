package hub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// The tag binds the event to its room, position, account to close and
// frame, and an event encoded for the wire keeps it.
func TestEventTagsBindEverythingTheyCarry(t *testing.T) {
	mac, err := newEventMAC([][]byte{bytes.Repeat([]byte("a"), 32)})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := NewEvent("session:3", Position{Epoch: 7, Offset: 42}, "chat.posted", time.Unix(0, 0), json.RawMessage(`{"body":"hi"}`))
	if err != nil {
		t.Fatal(err)
	}
	ev = mac.sign(ev)
	wire, err := DecodeWire(ev.Room, EncodeWire(ev))
	if err != nil || !mac.valid(wire) {
		t.Fatalf("a signed event decoded from the wire does not verify (%v)", err)
	}
	for name, change := range map[string]func(*Event){
		"room":    func(e *Event) { e.Room = "session:4" },
		"epoch":   func(e *Event) { e.Epoch++ },
		"offset":  func(e *Event) { e.Offset++ },
		"close":   func(e *Event) { e.CloseAccount = 9 },
		"frame":   func(e *Event) { e.Frame = bytes.Replace(e.Frame, []byte("hi"), []byte("ho"), 1) },
		"no tag":  func(e *Event) { e.mac = [macSize]byte{} },
		"the cut": func(e *Event) { e.Room, e.Frame = e.Room+"{", e.Frame[1:] },
	} {
		changed := wire
		change(&changed)
		if mac.valid(changed) {
			t.Errorf("an event with another %s verifies", name)
		}
	}
	other, _ := newEventMAC([][]byte{bytes.Repeat([]byte("b"), 32)})
	if other.valid(ev) {
		t.Error("another installation's key verifies the tag")
	}
	rolling, _ := newEventMAC([][]byte{bytes.Repeat([]byte("b"), 32), bytes.Repeat([]byte("a"), 32)})
	if !rolling.valid(ev) {
		t.Error("a node holding the key as an old one refuses the tag")
	}
	if _, err := newEventMAC([][]byte{[]byte("short")}); err == nil {
		t.Error("a 5-byte key accepted")
	}
}

// BenchmarkEventMAC is the cost of tagging one event (once per event, on
// the publishing node) and of checking it (once per event on each node
// that receives it), for a chat line and for a large event.
func BenchmarkEventMAC(b *testing.B) {
	mac, _ := newEventMAC([][]byte{bytes.Repeat([]byte("a"), 32)})
	for _, size := range []int{200, 2000} {
		ev, _ := NewEvent("session:3", Position{Epoch: 7, Offset: 42}, "chat.posted", time.Unix(0, 0), json.RawMessage(`"`+string(bytes.Repeat([]byte("x"), size-120))+`"`))
		b.Run(fmt.Sprintf("sign/%dB", len(ev.Frame)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ev = mac.sign(ev)
			}
		})
		b.Run(fmt.Sprintf("verify/%dB", len(ev.Frame)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !mac.valid(ev) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
