package voting

import (
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Outcome is what a poll decided.
type Outcome string

// The outcomes.
const (
	Adopted  Outcome = "adopted"   // a yes/no poll passed its rule
	Rejected Outcome = "rejected"  // a yes/no poll did not
	NoQuorum Outcome = "no_quorum" // too few of the electorate voted
	Elected  Outcome = "elected"   // a choice poll chose its winners
	Tie      Outcome = "tie"       // a choice poll tied at the last place
	// NoneChosen: a choice poll in which no ballot chose any option (none
	// cast, or every one blank), so that nothing was chosen.
	NoneChosen Outcome = "none_chosen"
)

// Result is a closed poll's decision, with the figures it rests on. It
// travels with the ballot log's chain head.
type Result struct {
	Outcome        Outcome `json:"outcome"`
	Rule           Rule    `json:"rule"`
	Ballots        int     `json:"ballots"`
	Electorate     int     `json:"electorate"`
	TurnoutPercent float64 `json:"turnout_percent"`
	QuorumPercent  int     `json:"quorum_percent,omitempty"`
	QuorumMet      bool    `json:"quorum_met"`
	Overall        Counts  `json:"overall"`
	Winners        []int   `json:"winners,omitempty"`
	Tied           []int   `json:"tied,omitempty"`
	// Rounds are a ranked poll's rounds of instant-runoff counting.
	Rounds    []Round       `json:"rounds,omitempty"`
	Groups    []GroupResult `json:"groups"`
	Regions   []GroupResult `json:"regions"`
	ChainHead string        `json:"chain_head"`
}

// Passed reports whether a yes/no poll adopted its proposal.
func (r Result) Passed() bool { return r.Outcome == Adopted }

// Decide applies the poll's rule and quorum to its tally.
func Decide(s Settings, electorate int, t *Tally, chainHead string) Result {
	r := Result{Rule: s.Rule, Ballots: t.Overall.Ballots, Electorate: electorate, QuorumPercent: s.QuorumPercent,
		Overall: t.Overall, ChainHead: chainHead, Groups: []GroupResult{}, Regions: []GroupResult{}}
	if electorate > 0 {
		r.TurnoutPercent = float64(int64(r.Ballots)*10000/int64(electorate)) / 100
	}
	// Exactly the quorum is enough; counted in whole ballots so that no
	// rounding decides.
	r.QuorumMet = s.QuorumPercent == 0 || r.Ballots*100 >= s.QuorumPercent*electorate
	// A secret poll's tally is by label: groups of at least SmallGroup
	// ballots, then the pool of the others, which comes last.
	for _, g := range append(knownGroups(nil), SmallGroups) {
		if c := t.Groups[g]; c != nil {
			r.Groups = append(r.Groups, groupResult(string(g), c))
		}
	}
	for _, reg := range igfplus.Regions {
		if c := t.Regions[reg]; c != nil {
			r.Regions = append(r.Regions, groupResult(string(reg), c))
		}
	}
	switch {
	case s.Kind == Choose:
		r.Winners, r.Tied = plurality(t.Overall.Options, s.ChooseMax)
		r.Outcome = chosen(r.Winners, r.Tied)
	case s.Kind == Ranked:
		r.Rounds, r.Winners, r.Tied = InstantRunoffCount(t.rankings, len(s.Options))
		r.Outcome = chosen(r.Winners, r.Tied)
	case passes(s.Rule, t.Overall, t.Groups, r.Groups):
		r.Outcome = Adopted
	default:
		r.Outcome = Rejected
	}
	if !r.QuorumMet {
		r.Outcome, r.Winners, r.Tied, r.Rounds = NoQuorum, nil, nil, nil
	}
	return r
}

// chosen is a choice poll's outcome by its winners and its tie.
func chosen(winners, tied []int) Outcome {
	switch {
	case len(tied) > 0:
		return Tie
	case len(winners) == 0:
		return NoneChosen
	}
	return Elected
}

// passes applies a yes/no rule. Under the multistakeholder rule it also
// marks each group's own verdict in groups.
func passes(rule Rule, all Counts, byGroup map[igfplus.StakeholderGroup]*Counts, groups []GroupResult) bool {
	switch rule {
	case Majority:
		return all.Yes > all.No
	case TwoThirds:
		return all.Yes > 0 && 3*all.Yes >= 2*(all.Yes+all.No)
	case Consensus:
		return all.Yes > 0 && all.No == 0
	case Multistakeholder:
		ok, voted := true, 0
		for i := range groups {
			c := byGroup[igfplus.StakeholderGroup(groups[i].Name)]
			if c.Yes+c.No == 0 {
				continue // only abstained: no verdict of its own
			}
			voted++
			p := c.Yes > c.No
			groups[i].Passed = &p
			ok = ok && p
		}
		return ok && voted > 0
	}
	return false
}

// plurality returns the n most chosen options (numbered from 1), and, when
// options tie across the last place, those tied instead of a guess.
func plurality(counts []int, n int) (winners, tied []int) {
	order := make([]int, len(counts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return counts[b] - counts[a] })
	if n >= len(order) {
		n = len(order)
	}
	if n == 0 || counts[order[n-1]] == 0 {
		// Nobody chose anything, or too few options were chosen at all.
		for _, i := range order[:n] {
			if counts[i] > 0 {
				winners = append(winners, i+1)
			}
		}
		slices.Sort(winners)
		return winners, nil
	}
	cut := counts[order[n-1]]
	for _, i := range order {
		switch {
		case counts[i] > cut:
			winners = append(winners, i+1)
		case counts[i] == cut:
			tied = append(tied, i+1)
		}
	}
	if len(winners)+len(tied) == n {
		winners, tied = append(winners, tied...), nil
	}
	slices.Sort(winners)
	slices.Sort(tied)
	return winners, tied
}
