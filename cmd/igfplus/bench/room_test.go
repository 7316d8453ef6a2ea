package bench

import (
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/igftest"
)

// TestBenchRoomDeliversEveryEventOnceWithoutErrors runs the room benchmark
// small (30 participants, 3 s) against the real binary and its own
// Postgres. It checks correctness, not timings: every participant got every
// event once and in order, and the server accepted every action sent.
func TestBenchRoomDeliversEveryEventOnceWithoutErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	o := roomOpts{participants: 30, duration: 3 * time.Second, chatRate: 5, reactionRate: 10,
		floorRate: 3, questionRate: 3, moderateEvery: 500 * time.Millisecond, bin: igftest.Binary(t)}
	res, err := runRoomBench(ctx, o, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	line, _ := json.Marshal(res)
	t.Logf("%s", line)
	var got map[string]any
	if err := json.Unmarshal(line, &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"gaps", "duplicates", "errors"} {
		if got[k] != 0.0 {
			t.Errorf("%s = %v, want 0 (error codes: %v)", k, got[k], got["error_codes"])
		}
	}
	if d, _ := got["delivered"].(float64); d <= 0 {
		t.Errorf("delivered = %v, want > 0", got["delivered"])
	}
	if e, _ := got["events"].(float64); e*float64(o.participants) != got["delivered"] {
		t.Errorf("delivered %v, want events × participants = %v", got["delivered"], e*float64(o.participants))
	}
}
