package pgstore_test

import (
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// A ballot for a draft tells its existence to no one who may not run it:
// not found for a participant, "not opened yet" for its moderator.
func TestABallotForADraftRevealsItOnlyToThoseWhoRunIt(t *testing.T) {
	f := newFixture(t)
	p, err := f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{RecommendationID: f.rec, SessionID: f.session,
		Question: "Adopt it?", Kind: voting.YesNoAbstain, Rule: voting.Majority})
	f.must(err)
	voter := f.voters(1, "")[0]
	if _, err := f.svc.Cast(f.ctx, voter, p.ID, voting.Choice{Answer: "yes"}); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("a participant's ballot for a draft: %v, want not found", err)
	}
	if _, err := f.svc.Cast(f.ctx, f.chair, p.ID, voting.Choice{Answer: "yes"}); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("the moderator's ballot for a draft: %v, want a conflict (not opened yet)", err)
	}
}
