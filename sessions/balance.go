package sessions

import (
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// BalanceQueue puts waiting requests in the balanced order, for sessions
// that ask for it: points of order first, by time asked, as always; then,
// one at a time, the request that best balances the floor:
//
//  1. from a stakeholder group other than the previous speaker's (after
//     the one holding or last holding the floor, lastGroup);
//  2. among those, new voices first (NewVoice: not yet spoken in this
//     session, or at their first Forum);
//  3. then by time asked.
//
// Alternating groups comes before new voices, so that one group's
// newcomers cannot hold the floor in a row while others wait. Nobody is
// skipped for ever: each pick only reorders the people still waiting.
func BalanceQueue(waiting []FloorRequest, lastGroup igfplus.StakeholderGroup) []FloorRequest {
	ordered := OrderQueue(waiting)
	out := make([]FloorRequest, 0, len(ordered))
	rest := ordered[:0:0]
	for _, r := range ordered {
		if r.PointOfOrder {
			out = append(out, r)
		} else {
			rest = append(rest, r)
		}
	}
	prev := lastGroup
	for len(rest) > 0 {
		best := 0
		for i := 1; i < len(rest); i++ {
			if balancedBefore(rest[i], rest[best], prev) {
				best = i
			}
		}
		out = append(out, rest[best])
		prev = rest[best].StakeholderGroup
		rest = slices.Delete(rest, best, best+1)
	}
	return out
}

// balancedBefore reports whether a should be called before b after a
// speaker of group prev.
func balancedBefore(a, b FloorRequest, prev igfplus.StakeholderGroup) bool {
	if aOther, bOther := a.StakeholderGroup != prev, b.StakeholderGroup != prev; aOther != bOther {
		return aOther
	}
	if a.NewVoice != b.NewVoice {
		return a.NewVoice
	}
	return a.RequestedAt.Before(b.RequestedAt)
}
