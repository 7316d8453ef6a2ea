package roomclient

import (
	"fmt"
	"testing"
)

// TestGapsDuplicatesAndOtherEpochsAreCountedAndOnlyNewEventsHandedOn feeds
// a connection lines a healthy hub never sends, to check the bookkeeping
// the benchmarks' and the fault run's verdicts rest on.
func TestGapsDuplicatesAndOtherEpochsAreCountedAndOnlyNewEventsHandedOn(t *testing.T) {
	var got []Frame
	c := &Conn{counts: &Counters{}, joined: make(chan struct{}), opts: Options{OnFrame: func(f Frame) { got = append(got, f) }}}
	event := func(epoch, offset int64) string {
		return fmt.Sprintf(`{"type":"event","room":"session:3","epoch":%d,"offset":%d,"kind":"chat.posted","at":"2026-11-23T11:40:00Z","data":{"offset":999}}`, epoch, offset)
	}
	msg := `{"type":"joined","room":"session:3","from":{"epoch":7,"offset":10}}` + "\n" +
		event(7, 11) + "\n" + event(7, 12) + "\n" + event(7, 12) + "\n" + event(7, 15) + "\n" +
		`{"type":"presence","room":"session:3","presence":{"total":"3"}}` + "\n" + event(8, 16)
	c.handleMessage([]byte(msg), 42)

	if c.Position() != (Position{Epoch: 7, Offset: 15}) {
		t.Fatalf("position %+v, want 7:15", c.Position())
	}
	if r, g, d := c.counts.Received.Load(), c.counts.Gaps.Load(), c.counts.Duplicates.Load(); r != 3 || g != 3 || d != 1 {
		t.Fatalf("received %d, gaps %d, duplicates %d; want 3, 3 (13, 14 and the other epoch), 1", r, g, d)
	}
	var seen []string
	for _, f := range got {
		seen = append(seen, fmt.Sprintf("%s@%d", f.Type, f.Position.Offset))
		if f.Received != 42 {
			t.Errorf("%s received at %d, want the message's time", f.Type, f.Received)
		}
	}
	if fmt.Sprint(seen) != "[joined@10 event@11 event@12 event@15 presence@0]" {
		t.Fatalf("handed on %v", seen)
	}
	if got[1].Kind() != "chat.posted" {
		t.Fatalf("kind %q", got[1].Kind())
	}
}

func TestLineTypeAndFieldsAreReadWithoutDecoding(t *testing.T) {
	for line, want := range map[string]string{
		`{"type":"ack","ref":"q1"}`:                       TypeAck,
		`{"type":"error","ref":"q2","code":"conflict"}`:   TypeError,
		`{"type":"eventual"}`:                             "eventual",
		`{"ref":"q3","type":"ack"}`:                       TypeAck,
		`{"type":"joined","from":{"epoch":1,"offset":2}}`: TypeJoined,
	} {
		if got := lineType([]byte(line)); got != want {
			t.Errorf("lineType(%s) = %q, want %q", line, got, want)
		}
	}
	f := Frame{Line: []byte(`{"type":"error","ref":"q2","code":"conflict","message":"no"}`)}
	if f.Code() != "conflict" {
		t.Errorf("code %q", f.Code())
	}
	if n := IntAfter([]byte(`{"a":-12,"b":34}`), []byte(`"a":`)); n != -12 {
		t.Errorf("IntAfter = %d", n)
	}
	if n := IntAfter([]byte(`{"a":1}`), []byte(`"z":`)); n != -1 {
		t.Errorf("IntAfter of an absent key = %d", n)
	}
}
