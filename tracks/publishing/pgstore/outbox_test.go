package pgstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
)

// A disabled endpoint gets nothing: what waits for it waits as disabled, an
// attempt under way when it was disabled does not come back as due, no
// replay reaches it, and everything goes again once it is enabled.
func TestADisabledEndpointGetsNothingUntilItIsEnabledAgain(t *testing.T) {
	ctx := context.Background()
	db, store, rec, _, ep := relayScene(t, "Paused", "CSTD")
	enqueue(t, db, rec, ep, "evt_1")
	enqueue(t, db, rec, ep, "evt_2")
	inFlight, err := store.Claim(ctx, "w", 1, time.Minute)
	if err != nil || len(inFlight) != 1 {
		t.Fatalf("claim: %+v, %v", inFlight, err)
	}
	endpoint := publishing.Endpoint{ID: ep, URL: "http://127.0.0.1:1/hook", AllowPrivate: true}
	if _, err := store.SetEndpoint(ctx, endpoint); err != nil { // disabled
		t.Fatal(err)
	}
	retry := publishing.AttemptResult{Status: 503, Decision: publishing.Decision{Outcome: publishing.Retry}}
	if err := store.Complete(ctx, "w", inFlight[0], retry); err != nil {
		t.Fatal(err)
	}
	if jobs, err := store.Claim(ctx, "w", 10, time.Minute); err != nil || len(jobs) != 0 {
		t.Fatalf("a disabled endpoint's deliveries were claimed: %+v, %v", jobs, err)
	}
	attempt := pubtest.MustID(t, db, `SELECT id FROM relay_attempts`)
	if err := store.Replay(ctx, attempt); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("a replay to a disabled endpoint: %v, want conflict", err)
	}
	endpoint.Enabled = true
	if _, err := store.SetEndpoint(ctx, endpoint); err != nil {
		t.Fatal(err)
	}
	if jobs, err := store.Claim(ctx, "w", 10, time.Minute); err != nil || len(jobs) != 2 {
		t.Fatalf("once enabled again, %d deliveries due (%v), want both", len(jobs), err)
	}
}

// Replaying a delivery that went through keeps it on the public timeline,
// with the time of its first delivery, whatever the replay meets.
func TestAReplayedDeliveryStaysOnTheTimelineWithItsFirstTime(t *testing.T) {
	ctx := context.Background()
	db, store, rec, _, ep := relayScene(t, "Relayed", "ITU")
	enqueue(t, db, rec, ep, "evt_r")
	relayed := func() []time.Time {
		steps, err := store.Timeline(ctx, rec)
		if err != nil {
			t.Fatal(err)
		}
		var at []time.Time
		for _, s := range steps {
			if s.Kind == "relayed" {
				at = append(at, s.At)
			}
		}
		return at
	}
	jobs, err := store.Claim(ctx, "w", 1, time.Minute)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("claim: %+v, %v", jobs, err)
	}
	if err := store.Complete(ctx, "w", jobs[0], publishing.AttemptResult{Status: 204, Decision: publishing.Decision{Outcome: publishing.Delivered}}); err != nil {
		t.Fatal(err)
	}
	first := relayed()
	if len(first) != 1 {
		t.Fatalf("relayed steps %v after the delivery, want one", first)
	}
	if err := store.Replay(ctx, pubtest.MustID(t, db, `SELECT id FROM relay_attempts`)); err != nil {
		t.Fatal(err)
	}
	if got := relayed(); len(got) != 1 || !got[0].Equal(first[0]) {
		t.Fatalf("relayed steps %v once replayed, want %v", got, first)
	}
	jobs, err = store.Claim(ctx, "w", 1, time.Minute)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("claim the replay: %+v, %v", jobs, err)
	}
	if err := store.Complete(ctx, "w", jobs[0], publishing.AttemptResult{Status: 204, Decision: publishing.Decision{Outcome: publishing.Delivered}}); err != nil {
		t.Fatal(err)
	}
	if got := relayed(); len(got) != 1 || !got[0].Equal(first[0]) {
		t.Fatalf("relayed steps %v once the replay delivered, want the first time %v", got, first)
	}
}
