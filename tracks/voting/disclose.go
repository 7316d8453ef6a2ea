package voting

import (
	"fmt"
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// The disclosure rule of secret polls (docs/BALLOT-SECRECY.md): no public
// output, live or after the close, tells anything about a stakeholder
// group with fewer than SmallGroup ballots beyond that it is small.
//
// After the close, such groups' ballots are pooled under one label,
// SmallGroups, in the public log and the result alike, so that the
// multistakeholder rule stays recomputable from the log alone. When the
// pool itself holds fewer than SmallGroup ballots, the smallest of the
// other groups join it until it holds SmallGroup or every ballot: a pool of
// one to four would otherwise be the overall count less the named groups'.
// While the poll is open, only a coarse total is published (TurnoutOf).

// SmallGroup is the fewest ballots a secret poll's group needs to be
// named in a public output.
const SmallGroup = 5

// SmallGroups labels the pooled ballots of a secret poll's small groups.
const SmallGroups igfplus.StakeholderGroup = "small_groups"

// TurnoutStep is the step in which an open secret poll's turnout is
// published: it shows the ballots rounded down to a multiple of it.
const TurnoutStep = SmallGroup

// PoolLabels says, for a secret poll whose groups cast ballots as counted,
// which label each group's ballots carry in the public log and the result:
// its own name, or SmallGroups.
func PoolLabels(ballots map[igfplus.StakeholderGroup]int) map[igfplus.StakeholderGroup]igfplus.StakeholderGroup {
	labels := map[igfplus.StakeholderGroup]igfplus.StakeholderGroup{}
	pooled := 0
	var named []igfplus.StakeholderGroup
	for _, g := range knownGroups(ballots) {
		n := ballots[g]
		switch {
		case n == 0:
		case n < SmallGroup || !g.Valid(): // an account without a known group is pooled too
			labels[g], pooled = SmallGroups, pooled+n
		default:
			labels[g] = g
			named = append(named, g)
		}
	}
	// Smallest first; equal ones in the vocabulary's order (stable sort).
	slices.SortStableFunc(named, func(a, b igfplus.StakeholderGroup) int { return ballots[a] - ballots[b] })
	for _, g := range named {
		if pooled == 0 || pooled >= SmallGroup {
			break
		}
		labels[g], pooled = SmallGroups, pooled+ballots[g]
	}
	return labels
}

// knownGroups lists the groups that cast ballots: the vocabulary's first,
// in its order, then any other (an account without a group), sorted.
func knownGroups(ballots map[igfplus.StakeholderGroup]int) []igfplus.StakeholderGroup {
	out := slices.Clone(igfplus.StakeholderGroups)
	var other []igfplus.StakeholderGroup
	for g := range ballots {
		if !slices.Contains(out, g) {
			other = append(other, g)
		}
	}
	slices.Sort(other)
	return append(out, other...)
}

// checkPooled reports whether a secret poll's log labels follow the rule:
// every label names at least SmallGroup ballots, but a pool holding every
// ballot, and only known groups and SmallGroups are labels.
func checkPooled(perLabel map[igfplus.StakeholderGroup]int, total int) error {
	for label, n := range perLabel {
		if label != SmallGroups && !slices.Contains(igfplus.StakeholderGroups, label) {
			return fmt.Errorf("the log labels ballots %q, which is no stakeholder group", label)
		}
		if n < SmallGroup && (label != SmallGroups || n != total) {
			return fmt.Errorf("the log labels %d ballots %q: a secret poll names no group of fewer than %d", n, label, SmallGroup)
		}
	}
	return nil
}
