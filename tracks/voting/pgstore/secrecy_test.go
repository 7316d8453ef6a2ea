package pgstore_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// smallAndLarge registers one academic, two government participants and
// five each of civil society and the private sector: groups of one, two
// and five.
func smallAndLarge(f *fixture) (small, large []igfplus.Identity) {
	small = append(f.voters(1, "academia"), f.voters(2, "government")...)
	large = append(f.voters(5, "civil_society"), f.voters(5, "private_sector")...)
	return small, large
}

// mentions reports which of the small groups' names appear in v's JSON.
func mentions(t *testing.T, v any) []string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, g := range []string{"academia", "government"} {
		if strings.Contains(string(b), `"`+g+`"`) {
			found = append(found, g)
		}
	}
	return found
}

// checkBuckets fails unless every group a secret poll's result names holds
// at least 5 ballots, and none says how fewer voted.
func checkBuckets(t *testing.T, what string, groups []voting.GroupResult, total int) {
	t.Helper()
	for _, g := range groups {
		if g.Ballots.Masked || (g.Ballots.N < voting.SmallGroup && g.Ballots.N != total) {
			t.Errorf("%s: group %s shows %+v ballots: a bucket of fewer than 5", what, g.Name, g.Ballots)
		}
	}
}

func TestAClosedSecretPollSaysOnlyThatSmallGroupsAreSmall(t *testing.T) {
	f := newFixture(t)
	small, large := smallAndLarge(f)
	p := f.openPoll(voting.Settings{Secret: true, Kind: voting.YesNoAbstain, Rule: voting.Multistakeholder})
	answers := map[int64]string{small[0].AccountID: voting.No, small[1].AccountID: voting.Abstain, small[2].AccountID: voting.Yes}
	for _, who := range append(small, large...) {
		a := answers[who.AccountID]
		if a == "" {
			a = voting.Yes
		}
		_, err := f.svc.Cast(f.ctx, who, p.ID, voting.Choice{Answer: a})
		f.must(err)
	}
	closed, err := f.svc.ClosePoll(f.ctx, f.chair, p.ID)
	f.must(err)
	log, err := f.svc.PublicLog(f.ctx, p.ID)
	f.must(err)
	f.must(log.Verify())
	turnout := turnoutOf(f, p.ID)
	outputs := map[string]any{"the result": closed.Result, "the ballot log": log, "the turnout": turnout}
	for _, ev := range f.pub.Events() {
		outputs["the room event "+ev.Type] = json.RawMessage(ev.Frame)
	}
	for what, out := range outputs {
		if g := mentions(t, out); len(g) > 0 {
			t.Errorf("%s names the small groups %v", what, g)
		}
	}
	checkBuckets(t, "the result", closed.Result.Groups, closed.Result.Ballots)
	checkBuckets(t, "the turnout", turnout.Groups, closed.Result.Ballots)
	perLabel := map[igfplus.StakeholderGroup]int{}
	for _, e := range log.Entries {
		perLabel[e.Group]++
	}
	for label, n := range perLabel {
		if n < voting.SmallGroup {
			t.Errorf("the log labels %d ballots %q: fewer than 5", n, label)
		}
	}
	// The academic's "no" is pooled: the poll still passes in every bucket.
	if closed.Result.Outcome != voting.Adopted {
		t.Errorf("outcome %s; want adopted (the pooled bucket has 1 no of 8)", closed.Result.Outcome)
	}
}

// turnoutOf reads a poll's turnout as a participant who may follow its
// session.
func turnoutOf(f *fixture, id int64) voting.Turnout {
	f.t.Helper()
	t, err := f.svc.Turnout(f.ctx, f.chair, id)
	f.must(err)
	return t
}

func TestAnOpenSecretPollPublishesACoarseTotalOnly(t *testing.T) {
	f := newFixture(t)
	small, large := smallAndLarge(f)
	p := f.openPoll(voting.Settings{Secret: true})
	var seen []int
	for i, who := range append(small, large...) {
		_, err := f.svc.Cast(f.ctx, who, p.ID, voting.Choice{Answer: []string{voting.Yes, voting.No}[i%2]})
		f.must(err)
		tr := turnoutOf(f, p.ID)
		if len(tr.Groups) > 0 || tr.Tally != nil {
			t.Fatalf("after ballot %d the turnout shows groups %+v, tally %+v", i+1, tr.Groups, tr.Tally)
		}
		seen = append(seen, tr.Ballots)
	}
	// Differencing two readings never isolates one ballot.
	prev := 0
	for i, n := range seen {
		if d := n - prev; d != 0 && d < voting.SmallGroup {
			t.Fatalf("turnout went from %d to %d with ballot %d: one ballot stands out (%v)", prev, n, i+1, seen)
		}
		prev = n
	}
	// The room hears the same coarse total, never groups or choices.
	deadline := time.Now().Add(5 * time.Second)
	for f.pub.Count() < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	turnouts := 0
	for _, ev := range f.pub.Events() {
		if ev.Type != "poll.turnout" {
			continue
		}
		turnouts++
		var frame struct {
			Data map[string]json.RawMessage `json:"data"`
		}
		f.must(json.Unmarshal(ev.Frame, &frame))
		var n int
		f.must(json.Unmarshal(frame.Data["ballots"], &n))
		if n%voting.SmallGroup != 0 || frame.Data["tally"] != nil || (frame.Data["groups"] != nil && string(frame.Data["groups"]) != "[]") {
			t.Errorf("a turnout event says %s", ev.Frame)
		}
	}
	if turnouts == 0 {
		t.Error("no turnout event reached the room")
	}
	if _, err := f.svc.Turnout(f.ctx, igfplus.Identity{}, p.ID); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Errorf("an anonymous visitor read an open secret poll's turnout: %v", err)
	}
}
