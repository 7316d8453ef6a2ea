package pgstore_test

import (
	"slices"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// A question put to the session's room (no recommendation) and a secret
// ranked election among an account and two named candidates run like any
// poll: settings locked once open, one ballot per voter, the log verifies
// with every round, small groups pooled, the recommendation untouched.
func TestAQuickPollAndARankedElectionInASessionRunAndVerify(t *testing.T) {
	f := newFixture(t)
	voters := f.voters(7, "civil_society")
	candidate := f.voters(1, "academia")[0]

	quick := openInSession(f, voting.Settings{SessionID: f.session, Question: "Which question first?",
		Kind: voting.Choose, Options: []string{"Access", "Rights", "Trust"}, ChooseMax: 2})
	if quick.RecommendationID != 0 || quick.Room() == "" || quick.State != voting.Open {
		t.Fatalf("the quick poll is %+v", quick)
	}
	election := openInSession(f, voting.Settings{SessionID: f.session, Question: "Elect the rapporteur",
		Kind: voting.Ranked, Secret: true,
		Candidates: []voting.Candidate{{AccountID: candidate.AccountID}, {Name: "Rajesh Iyer"}, {Name: "Lucía Pérez"}}})
	if election.Rule != voting.InstantRunoff || !slices.Equal(election.Options, []string{candidate.Name, "Rajesh Iyer", "Lucía Pérez"}) ||
		election.Candidates[0].AccountID != candidate.AccountID {
		t.Fatalf("the election is %+v", election.Settings)
	}
	if _, err := f.svc.UpdatePoll(f.ctx, f.chair, election.ID, election.Settings); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("changing an open election: %v, want a conflict", err)
	}
	if _, err := f.db.Pool.Exec(f.ctx, `UPDATE polls SET candidates = '[]' WHERE id = $1`, election.ID); err == nil {
		t.Error("the database let an open election's candidates change")
	}

	// 3 first preferences for the account, 2 for Rajesh then the account,
	// 2 for Lucía then Rajesh: Lucía out (listing order), Rajesh 4 of 7.
	rankings := [][]int{{1}, {1, 3}, {1}, {2, 1}, {2, 1}, {3, 2}, {3, 2}}
	for i, who := range voters {
		if _, err := f.svc.Cast(f.ctx, who, quick.ID, voting.Choice{Options: []int{1 + i%3}}); err != nil {
			t.Fatal(err)
		}
		r, err := f.svc.Cast(f.ctx, who, election.ID, voting.Choice{Ranking: rankings[i]})
		if err != nil {
			t.Fatal(err)
		}
		again, err := f.svc.Cast(f.ctx, who, election.ID, voting.Choice{Ranking: []int{3}})
		if err != nil || !again.AlreadyVoted || again.Receipt != r.Receipt || !slices.Equal(again.Choice.Ranking, rankings[i]) {
			t.Fatalf("a second ballot: %+v %v, want the first %+v", again, err, r)
		}
	}
	if _, err := f.svc.Cast(f.ctx, voters[0], election.ID, voting.Choice{Ranking: []int{1, 1}}); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("a duplicate rank: %v, want invalid", err)
	}
	if _, err := f.svc.Cast(f.ctx, voters[0], quick.ID, voting.Choice{Options: []int{1, 2, 3}}); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("three of a choose-2 poll: %v, want invalid", err)
	}
	if _, err := f.svc.CastInRoom(f.ctx, voters[0], "session:999999", election.ID, voting.Choice{Ranking: []int{1}}); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("a ballot through another session's room: %v, want not found", err)
	}

	for _, id := range []int64{quick.ID, election.ID} {
		if _, err := f.svc.ClosePoll(f.ctx, f.chair, id); err != nil {
			t.Fatal(err)
		}
		l, err := f.svc.PublicLog(f.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Verify(); err != nil {
			t.Fatalf("poll %d's log: %v", id, err)
		}
	}
	closed, err := f.svc.Poll(f.ctx, election.ID)
	f.must(err)
	r := closed.Result
	if r.Outcome != voting.Elected || !slices.Equal(r.Winners, []int{2}) || len(r.Rounds) != 2 ||
		r.Rounds[0].Eliminated != 3 || r.Rounds[0].Reason != voting.ElimListingOrder || r.Rounds[1].Elected != 2 {
		t.Errorf("the election's result is %+v", r)
	}
	var state string
	f.must(f.db.Pool.QueryRow(f.ctx, `SELECT state FROM recommendations WHERE id = $1`, f.rec).Scan(&state))
	if state != "draft" {
		t.Errorf("a question to the room moved the track's recommendation to %q", state)
	}
}

func TestAnElectionRefusesAnUnknownCandidateAccountAndAPollNeedsASubject(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{SessionID: f.session, Question: "Elect", Kind: voting.Choose, ChooseMax: 1,
		Candidates: []voting.Candidate{{AccountID: 1 << 40}, {Name: "Rajesh"}}})
	if igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("an unknown candidate account: %v, want invalid", err)
	}
	_, err = f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{Question: "Which first?", Kind: voting.YesNoAbstain, Rule: voting.Majority})
	if igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("a poll on nothing: %v, want invalid", err)
	}
}

// openInSession creates and opens a poll held in the fixture's session on
// no recommendation.
func openInSession(f *fixture, set voting.Settings) voting.Poll {
	f.t.Helper()
	p, err := f.svc.CreatePoll(f.ctx, f.chair, set)
	f.must(err)
	p, err = f.svc.OpenPoll(f.ctx, f.chair, p.ID)
	f.must(err)
	return p
}
