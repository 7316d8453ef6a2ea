package pgstore

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestAFlowIsTakenOnceByItsKindAndKeyBeforeItExpires: of eight requests
// finishing one sign-in at once, one has it; a flow is not found under
// another kind or key, nor once expired.
func TestAFlowIsTakenOnceByItsKindAndKeyBeforeItExpires(t *testing.T) {
	ctx := context.Background()
	s := New(pgtest.DB(t))
	at := time.Now()
	if err := s.SaveFlow(ctx, "oidc", "key-1", []byte(`{"nonce":"n"}`), at.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TakeFlow(ctx, "passkey_signin", "key-1", at); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("another kind's flow: %v, want ENotFound", err)
	}
	var won atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			data, err := s.TakeFlow(ctx, "oidc", "key-1", at)
			if err == nil && string(data) == `{"nonce": "n"}` {
				won.Add(1)
			} else if igfplus.ErrorCode(err) != igfplus.ENotFound {
				t.Errorf("take: %s, %v", data, err)
			}
		})
	}
	wg.Wait()
	if won.Load() != 1 {
		t.Fatalf("%d requests finished one flow, want 1", won.Load())
	}
	if err := s.SaveFlow(ctx, "oidc", "key-2", []byte(`{}`), at.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TakeFlow(ctx, "oidc", "key-2", at.Add(2*time.Minute)); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("an expired flow: %v, want ENotFound", err)
	}
}
