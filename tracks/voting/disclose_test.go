package voting

import (
	"maps"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestSmallGroupsArePooledUntilThePoolHoldsFive(t *testing.T) {
	gov, inter, biz, cs, tech, acad := igfplus.Government, igfplus.Intergovernmental, igfplus.PrivateSector,
		igfplus.CivilSociety, igfplus.TechnicalCommunity, igfplus.Academia
	type labels = map[igfplus.StakeholderGroup]igfplus.StakeholderGroup
	cases := []struct {
		name    string
		ballots map[igfplus.StakeholderGroup]int
		want    labels
	}{
		{"no small group", map[igfplus.StakeholderGroup]int{cs: 5, biz: 6}, labels{cs: cs, biz: biz}},
		{"two small groups make five", map[igfplus.StakeholderGroup]int{acad: 4, gov: 1, cs: 9}, labels{acad: SmallGroups, gov: SmallGroups, cs: cs}},
		{"a pool of three takes the smallest other group", map[igfplus.StakeholderGroup]int{acad: 1, gov: 2, cs: 5, biz: 7},
			labels{acad: SmallGroups, gov: SmallGroups, cs: SmallGroups, biz: biz}},
		{"equal sizes: the vocabulary's order", map[igfplus.StakeholderGroup]int{acad: 1, cs: 5, biz: 5},
			labels{acad: SmallGroups, biz: SmallGroups, cs: cs}},
		{"one of four and one of six", map[igfplus.StakeholderGroup]int{tech: 4, inter: 6, cs: 20},
			labels{tech: SmallGroups, inter: SmallGroups, cs: cs}},
		{"fewer than five in all", map[igfplus.StakeholderGroup]int{cs: 3, gov: 1}, labels{cs: SmallGroups, gov: SmallGroups}},
		{"groups without ballots get no label", map[igfplus.StakeholderGroup]int{cs: 5, gov: 0}, labels{cs: cs}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := PoolLabels(c.ballots)
			if !maps.Equal(got, c.want) {
				t.Fatalf("PoolLabels(%v) = %v, want %v", c.ballots, got, c.want)
			}
			perLabel := map[igfplus.StakeholderGroup]int{}
			total := 0
			for g, n := range c.ballots {
				perLabel[got[g]] += n
				total += n
			}
			delete(perLabel, "")
			if err := checkPooled(perLabel, total); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestAnOpenSecretPollsTurnoutIsACoarseTotal(t *testing.T) {
	p := Poll{ID: 3, Settings: Settings{Kind: YesNoAbstain, Rule: Majority, Secret: true}, ElectorateSize: 40}
	tally := NewTally(p.Settings)
	prev := -1
	for i := 1; i <= 23; i++ {
		tally.Add(Choice{Answer: Yes}, igfplus.Academia, "")
		tr := TurnoutOf(p, tally)
		if tr.Ballots%TurnoutStep != 0 || tr.Ballots > i || i-tr.Ballots >= TurnoutStep || tr.Step != TurnoutStep {
			t.Fatalf("%d ballots show as %+v", i, tr)
		}
		if len(tr.Groups) > 0 || tr.Tally != nil {
			t.Fatalf("an open secret poll's turnout shows %+v", tr)
		}
		if d := tr.Ballots - prev; prev >= 0 && d != 0 && d != TurnoutStep {
			t.Fatalf("turnout moved by %d", d)
		}
		prev = tr.Ballots
	}
	named := p
	named.Secret = false
	if tr := TurnoutOf(named, tally); tr.Ballots != 23 || tr.Tally == nil || len(tr.Groups) != 1 {
		t.Fatalf("a named poll's turnout: %+v", tr)
	}
	named.HideResults = true
	if tr := TurnoutOf(named, tally); tr.Tally != nil {
		t.Fatalf("a named poll that hides its results shows %+v", tr.Tally)
	}
}
