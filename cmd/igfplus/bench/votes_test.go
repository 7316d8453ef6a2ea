package bench

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/igftest"
	"github.com/igfplus/igfplus/cmd/igfplus/rig"
)

// TestBenchVotesCountsAndVerifies runs the votes benchmark's short form
// both ways: every ballot acknowledged, counted by the close, and verified.
func TestBenchVotesCountsAndVerifies(t *testing.T) {
	ctx := context.Background()
	target, err := rig.Start(ctx, 60, igftest.Binary(t), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer target.Stop()
	for _, transport := range []string{"ws", "http"} {
		o := votesOpts{voters: 60, concurrency: 8, duration: 20 * time.Second, secret: true, transport: transport}
		if transport == "http" {
			o.warm, o.pgbench = true, time.Second // as the documented command runs it
		}
		res, err := runVotes(ctx, target, o)
		if err != nil {
			t.Fatalf("%s: %v", transport, err)
		}
		if res.Ballots != 60 || res.Refused != 0 || res.ResultBallots != 60 || !res.Verified {
			t.Fatalf("%s: %+v; want 60 ballots acknowledged, counted and verified", transport, res)
		}
		if transport == "http" && (res.PgbenchInsertsPerS <= 0 || res.VotesPerPgbench <= 0) {
			t.Fatalf("http: %+v; want pgbench's insert rate and the ratio to it", res)
		}
	}
}
