package main

import (
	"context"
	"io"
	"testing"
	"time"
)

// TestBenchVotesCountsAndVerifies runs the votes benchmark's short form
// both ways: every ballot acknowledged, counted by the close, and verified.
func TestBenchVotesCountsAndVerifies(t *testing.T) {
	ctx := context.Background()
	target, err := startBenchTarget(ctx, 60, binary(t), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer target.stop()
	for _, transport := range []string{"ws", "http"} {
		res, err := target.run(ctx, votesOpts{voters: 60, concurrency: 8, duration: 20 * time.Second, secret: true, transport: transport})
		if err != nil {
			t.Fatalf("%s: %v", transport, err)
		}
		if res.Ballots != 60 || res.Refused != 0 || res.ResultBallots != 60 || !res.Verified {
			t.Fatalf("%s: %+v; want 60 ballots acknowledged, counted and verified", transport, res)
		}
	}
}
