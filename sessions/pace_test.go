package sessions

import (
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestPaceIsEachPersonsInEachSession: a person's burst is spent whatever
// carried the actions, then refused with rate_limited; another person, or
// the same in another session, has a budget of their own; an idle budget
// is forgotten.
func TestPaceIsEachPersonsInEachSession(t *testing.T) {
	p := newPace(DefaultPace)
	amina, rajesh := igfplus.Identity{AccountID: 1}, igfplus.Identity{AccountID: 2}
	for i := range 2 * DefaultPace {
		if err := p.spend(amina, 10); err != nil {
			t.Fatalf("action %d of the burst: %v", i+1, err)
		}
	}
	if err := p.spend(amina, 10); igfplus.ErrorCode(err) != igfplus.ERateLimited {
		t.Errorf("past the burst: %v, want rate_limited", err)
	}
	if err := p.spend(rajesh, 10); err != nil {
		t.Errorf("someone else: %v", err)
	}
	if err := p.spend(amina, 11); err != nil {
		t.Errorf("another session: %v", err)
	}
	p.sweep(time.Now().Add(2 * paceIdle))
	if len(p.m) != 0 {
		t.Errorf("%d idle budgets kept", len(p.m))
	}
}

// With no budget (the load benchmarks' servers), nothing is refused.
func TestNoPaceRefusesNothing(t *testing.T) {
	p := newPace(0)
	for i := range 10 * DefaultPace {
		if err := p.spend(igfplus.Identity{AccountID: 1}, 10); err != nil {
			t.Fatalf("action %d with no budget: %v", i+1, err)
		}
	}
}
