package faultrun

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/igftest"
)

// TestFaultRunLosesNothingWhenANodeRedisAndPostgresFail is the fault run
// in its CI size: three nodes of the real binary, 24 participants chatting,
// asking for the floor and voting over WebSocket for 45 s, publications
// relayed to a local webhook; one node is killed with SIGKILL, Redis and
// Postgres are restarted. Every acknowledged operation must be in Postgres,
// every client must end on the room's sequence, no ballot counted twice,
// and the outbox must drain.
func TestFaultRunLosesNothingWhenANodeRedisAndPostgresFail(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	log := igftest.RunLog()
	o := faultOpts{participants: 24, duration: 45 * time.Second, nodes: 3, publications: 4, bin: igftest.Binary(t)}
	res, err := runFaultRun(ctx, o, log)
	if err != nil {
		t.Fatal(err)
	}
	line, _ := json.Marshal(res)
	t.Logf("%s", line)
	if !res.Pass {
		t.Fatalf("fault run failed: %v", res.Failures)
	}
	if len(res.Faults) != 4 || res.ChatsAcked == 0 || res.FloorAcked == 0 || res.VotesAcked == 0 || res.PubsAcked == 0 || res.Reconnects == 0 {
		t.Fatalf("the run did too little to prove anything: %s", line)
	}
}
