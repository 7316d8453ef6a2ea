package live

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

type recorded struct {
	mu    sync.Mutex
	calls []map[sessions.ReactionKind]int
	at    []time.Time
}

func (r *recorded) RecordReactions(_ context.Context, _ int64, counts map[sessions.ReactionKind]int, at time.Time) (sessions.Reactions, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, counts)
	r.at = append(r.at, at)
	return sessions.Reactions{}, nil
}

func TestReactionsAreRecordedAtMostOncePerIntervalAndLimitedPerPerson(t *testing.T) {
	rec := &recorded{}
	interval := 200 * time.Millisecond
	r := NewReactions(rec, nil, interval, time.Hour)
	for person := int64(1); person <= 50; person++ {
		kind := sessions.Applause
		if person%5 == 0 {
			kind = sessions.Disagree
		}
		if err := r.Add(7, person, kind); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Add(7, 1, sessions.Agree); igfplus.ErrorCode(err) != igfplus.ERateLimited {
		t.Errorf("a second reaction at once: %v, want rate_limited", err)
	}
	// Wait until all 50 are recorded, then one interval more, in which
	// nothing else may be.
	totals := func() map[sessions.ReactionKind]int {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		total := map[sessions.ReactionKind]int{}
		for _, c := range rec.calls {
			for k, n := range c {
				total[k] += n
			}
		}
		return total
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if got := totals(); got[sessions.Applause]+got[sessions.Disagree]+got[sessions.Agree] >= 50 {
			break
		}
	}
	time.Sleep(interval)
	total := totals()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if total[sessions.Applause] != 40 || total[sessions.Disagree] != 10 || total[sessions.Agree] != 0 {
		t.Fatalf("recorded %v, want 40 applause and 10 disagree", total)
	}
	for i := 1; i < len(rec.at); i++ {
		if gap := rec.at[i].Sub(rec.at[i-1]); gap < interval {
			t.Errorf("recordings %v apart, want at least %v", gap, interval)
		}
	}
	if len(rec.calls) > 2 {
		t.Errorf("%d recordings for a burst of under %v, want at most 2", len(rec.calls), interval)
	}
}
