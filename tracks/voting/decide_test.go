package voting

import (
	"slices"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ballots builds a tally from "group:answer" pairs.
func yesNo(t *testing.T, s Settings, votes map[igfplus.StakeholderGroup][3]int) *Tally {
	t.Helper()
	tally := NewTally(s)
	for g, n := range votes {
		for answer, count := range map[string]int{Yes: n[0], No: n[1], Abstain: n[2]} {
			for range count {
				tally.Add(Choice{Answer: answer}, g, igfplus.African)
			}
		}
	}
	return tally
}

func TestDecisionRules(t *testing.T) {
	gov, cs, biz := igfplus.Government, igfplus.CivilSociety, igfplus.PrivateSector
	cases := []struct {
		name       string
		rule       Rule
		quorum     int
		electorate int
		votes      map[igfplus.StakeholderGroup][3]int // yes, no, abstain
		want       Outcome
	}{
		{"majority passes", Majority, 0, 10, map[igfplus.StakeholderGroup][3]int{cs: {3, 2, 5}}, Adopted},
		{"majority tie fails", Majority, 0, 10, map[igfplus.StakeholderGroup][3]int{cs: {2, 2, 1}}, Rejected},
		{"abstentions do not count against", Majority, 0, 10, map[igfplus.StakeholderGroup][3]int{cs: {1, 0, 9}}, Adopted},
		{"all abstain fails", Majority, 0, 10, map[igfplus.StakeholderGroup][3]int{cs: {0, 0, 4}}, Rejected},
		{"no ballots fails", Majority, 0, 10, nil, Rejected},
		{"two thirds exactly passes", TwoThirds, 0, 10, map[igfplus.StakeholderGroup][3]int{cs: {4, 2, 3}}, Adopted},
		{"two thirds just short fails", TwoThirds, 0, 20, map[igfplus.StakeholderGroup][3]int{cs: {5, 3, 0}}, Rejected},
		{"two thirds all abstain fails", TwoThirds, 0, 10, map[igfplus.StakeholderGroup][3]int{cs: {0, 0, 3}}, Rejected},
		{"consensus without objection", Consensus, 0, 10, map[igfplus.StakeholderGroup][3]int{cs: {5, 0, 4}}, Adopted},
		{"consensus with one objection", Consensus, 0, 10, map[igfplus.StakeholderGroup][3]int{cs: {9, 1, 0}}, Rejected},
		{"consensus all abstain", Consensus, 0, 10, map[igfplus.StakeholderGroup][3]int{cs: {0, 0, 2}}, Rejected},
		{"multistakeholder passes in every group", Multistakeholder, 0, 30,
			map[igfplus.StakeholderGroup][3]int{gov: {2, 1, 0}, cs: {5, 4, 0}, biz: {1, 0, 3}}, Adopted},
		{"multistakeholder fails in one group despite overall majority", Multistakeholder, 0, 30,
			map[igfplus.StakeholderGroup][3]int{gov: {1, 2, 0}, cs: {9, 0, 0}}, Rejected},
		{"multistakeholder tie within a group fails", Multistakeholder, 0, 30,
			map[igfplus.StakeholderGroup][3]int{gov: {2, 2, 0}, cs: {9, 0, 0}}, Rejected},
		{"multistakeholder ignores a group that only abstained", Multistakeholder, 0, 30,
			map[igfplus.StakeholderGroup][3]int{gov: {0, 0, 4}, cs: {3, 1, 0}}, Adopted},
		{"multistakeholder with only abstentions fails", Multistakeholder, 0, 30,
			map[igfplus.StakeholderGroup][3]int{gov: {0, 0, 4}}, Rejected},
		{"quorum exactly met", Majority, 50, 10, map[igfplus.StakeholderGroup][3]int{cs: {3, 1, 1}}, Adopted},
		{"quorum one short", Majority, 50, 10, map[igfplus.StakeholderGroup][3]int{cs: {3, 1, 0}}, NoQuorum},
		{"abstentions count towards quorum", Majority, 50, 10, map[igfplus.StakeholderGroup][3]int{cs: {1, 0, 4}}, Adopted},
		{"quorum of 100 percent", Consensus, 100, 3, map[igfplus.StakeholderGroup][3]int{cs: {2, 0, 1}}, Adopted},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Settings{Kind: YesNoAbstain, Rule: c.rule, QuorumPercent: c.quorum}
			r := Decide(s, c.electorate, yesNo(t, s, c.votes), "head")
			if r.Outcome != c.want {
				t.Fatalf("outcome %s, want %s (result %+v)", r.Outcome, c.want, r)
			}
		})
	}
}

func TestMultistakeholderShowsEachGroupsVerdict(t *testing.T) {
	s := Settings{Kind: YesNoAbstain, Rule: Multistakeholder}
	r := Decide(s, 30, yesNo(t, s, map[igfplus.StakeholderGroup][3]int{igfplus.Government: {1, 2, 0}, igfplus.Academia: {0, 0, 2}}), "")
	for _, g := range r.Groups {
		switch g.Name {
		case "government":
			if g.Passed == nil || *g.Passed {
				t.Fatalf("government: %+v, want failed", g)
			}
		case "academia":
			if g.Passed != nil {
				t.Fatalf("academia only abstained, yet has a verdict: %+v", g)
			}
		}
	}
}

func TestPlurality(t *testing.T) {
	cases := []struct {
		counts       []int
		n            int
		winners, tie []int
	}{
		{[]int{5, 3, 1}, 1, []int{1}, nil},
		{[]int{5, 3, 1}, 2, []int{1, 2}, nil},
		{[]int{3, 5, 5}, 1, nil, []int{2, 3}},
		{[]int{6, 5, 5}, 2, []int{1}, []int{2, 3}},
		{[]int{4, 4, 1}, 2, []int{1, 2}, nil},
		{[]int{0, 2, 0}, 2, []int{2}, nil},
		{[]int{0, 0, 0}, 1, nil, nil},
	}
	for _, c := range cases {
		w, tie := plurality(c.counts, c.n)
		if !slices.Equal(w, c.winners) || !slices.Equal(tie, c.tie) {
			t.Errorf("plurality(%v, %d) = %v, tied %v; want %v, tied %v", c.counts, c.n, w, tie, c.winners, c.tie)
		}
	}
}

func TestChoicesAreCheckedAgainstThePoll(t *testing.T) {
	yn := Settings{Kind: YesNoAbstain}
	ch := Settings{Kind: Choose, Options: []string{"a", "b", "c", "d"}, ChooseMax: 2}
	good := []struct {
		s    Settings
		c    Choice
		want Choice
	}{
		{yn, Choice{Answer: "yes"}, Choice{Answer: "yes"}},
		{ch, Choice{Options: []int{3, 1}}, Choice{Options: []int{1, 3}}},
	}
	for _, g := range good {
		got, err := g.s.Check(g.c)
		if err != nil || !sameChoice(got, g.want) {
			t.Errorf("Check(%+v) = %+v, %v; want %+v", g.c, got, err, g.want)
		}
	}
	bad := []struct {
		s Settings
		c Choice
	}{
		{yn, Choice{Answer: "maybe"}}, {yn, Choice{}}, {yn, Choice{Answer: "yes", Options: []int{1}}},
		{ch, Choice{}}, {ch, Choice{Options: []int{1, 2, 3}}}, {ch, Choice{Options: []int{2, 2}}},
		{ch, Choice{Options: []int{0}}}, {ch, Choice{Options: []int{5}}}, {ch, Choice{Answer: "yes", Options: []int{1}}},
	}
	for _, b := range bad {
		if _, err := b.s.Check(b.c); igfplus.ErrorCode(err) != igfplus.EInvalid {
			t.Errorf("Check(%+v) = %v; want invalid", b.c, err)
		}
	}
}

func TestSettingsValidation(t *testing.T) {
	ok := Settings{RecommendationID: 1, Question: "Adopt?", Kind: YesNoAbstain, Rule: Majority}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []Settings{
		{Question: "Adopt?", Kind: YesNoAbstain, Rule: Majority},
		{RecommendationID: 1, Kind: YesNoAbstain, Rule: Majority},
		{RecommendationID: 1, Question: "q", Kind: "ranked", Rule: Majority},
		{RecommendationID: 1, Question: "q", Kind: YesNoAbstain, Rule: Plurality},
		{RecommendationID: 1, Question: "q", Kind: YesNoAbstain, Rule: Majority, QuorumPercent: 101},
		{RecommendationID: 1, Question: "q", Kind: Choose, Options: []string{"only one"}, ChooseMax: 1},
		{RecommendationID: 1, Question: "q", Kind: Choose, Options: []string{"a", "b"}, ChooseMax: 2},
		{RecommendationID: 1, Question: "q", Kind: Choose, Options: []string{"a", " "}, ChooseMax: 1},
		{RecommendationID: 1, Question: "q", Kind: Choose, Options: []string{"a", "b"}, ChooseMax: 1, Rule: Majority},
		{RecommendationID: 1, Question: "q", Kind: Ranked, Options: []string{"a", "b"}, Rule: Plurality},
	}
	for _, s := range bad {
		if err := s.Validate(); igfplus.ErrorCode(err) != igfplus.EInvalid {
			t.Errorf("Validate(%+v) = %v; want invalid", s, err)
		}
	}
	// A kind decided one way only takes its rule when none is asked for.
	for kind, rule := range map[Kind]Rule{Choose: Plurality, Ranked: InstantRunoff} {
		s := Settings{RecommendationID: 1, Question: "q", Kind: kind, Options: []string{"a", "b"}, ChooseMax: 1}
		if err := s.Validate(); err != nil || s.Rule != rule {
			t.Errorf("a %s poll with no rule: %q, %v; want %q", kind, s.Rule, err, rule)
		}
	}
}
