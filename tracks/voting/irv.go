package voting

import "slices"

// Instant-runoff counting of a ranked poll (docs/PROTOCOL.md, "Ranked
// polls"). Every round counts each ballot for its most preferred candidate
// still in the count; a ballot that ranks none of them is exhausted and
// counts no more. A candidate with more than half of the round's
// continuing (not exhausted) ballots is elected. Otherwise the candidate
// with the fewest votes is eliminated and the next round begins.
//
// Ties for the fewest votes are broken by this deterministic rule, in
// order: (1) the earlier rounds, latest first: of the tied candidates, the
// one with the fewest votes in the latest earlier round where their counts
// differ is eliminated (ElimEarlierRound); (2) still tied, the one listed
// last on the ballot, that is the highest option number (ElimListingOrder):
// the order was fixed and published before anyone voted. When every
// candidate still in the count is tied and no earlier round separates them,
// nobody is eliminated by listing order: the count stops with those
// candidates tied (Outcome Tie), as a plurality tie does, for the
// organisers to settle.

// Why a round ended as it did.
const (
	// ElectedMajority: the candidate holds more than half of the round's
	// continuing ballots.
	ElectedMajority = "majority"
	// ElimFewest: the candidate alone had the fewest votes.
	ElimFewest = "fewest_votes"
	// ElimEarlierRound: tied for the fewest, and fewer in an earlier round.
	ElimEarlierRound = "tie_earlier_round"
	// ElimListingOrder: tied for the fewest in every round, and listed last.
	ElimListingOrder = "tie_listing_order"
	// TiedAll: every candidate still in the count is tied; nobody is elected.
	TiedAll = "tie"
)

// Round is one round of instant-runoff counting.
type Round struct {
	Round int `json:"round"`
	// Counts are the votes of each option in this round (index 0 is option
	// 1); an option no longer in the count has 0 and is not in Continuing.
	Counts []int `json:"counts"`
	// Continuing are the options still in the count, ascending.
	Continuing []int `json:"continuing"`
	// Exhausted is how many ballots rank none of Continuing.
	Exhausted int `json:"exhausted"`
	// Elected or Eliminated is the option this round decided (numbered
	// from 1), and Reason why (the constants above).
	Elected    int    `json:"elected,omitempty"`
	Eliminated int    `json:"eliminated,omitempty"`
	Reason     string `json:"reason"`
}

// InstantRunoffCount counts ranked ballots (option numbers from 1, most
// preferred first) among n options. It returns every round, the winner,
// or the candidates left tied when the count cannot go on (see above).
// With no ballots there are no rounds and nobody is elected.
func InstantRunoffCount(ballots [][]int, n int) (rounds []Round, winners, tied []int) {
	if len(ballots) == 0 || n == 0 {
		return nil, nil, nil
	}
	in := make([]bool, n+1)
	for o := 1; o <= n; o++ {
		in[o] = true
	}
	for {
		r := countRound(ballots, in, n)
		r.Round = len(rounds) + 1
		continuing := len(ballots) - r.Exhausted
		for _, o := range r.Continuing {
			if 2*r.Counts[o-1] > continuing {
				r.Elected, r.Reason = o, ElectedMajority
				return append(rounds, r), []int{o}, nil
			}
		}
		lowest, reason := fewest(append(rounds, r), r.Continuing)
		if reason == TiedAll {
			r.Reason = TiedAll
			return append(rounds, r), nil, lowest
		}
		r.Eliminated, r.Reason = lowest[0], reason
		in[lowest[0]] = false
		rounds = append(rounds, r)
	}
}

// countRound counts each ballot for its first choice among the options in.
func countRound(ballots [][]int, in []bool, n int) Round {
	r := Round{Counts: make([]int, n), Continuing: []int{}}
	for o := 1; o <= n; o++ {
		if in[o] {
			r.Continuing = append(r.Continuing, o)
		}
	}
	for _, b := range ballots {
		i := slices.IndexFunc(b, func(o int) bool { return o >= 1 && o <= n && in[o] })
		if i < 0 {
			r.Exhausted++
			continue
		}
		r.Counts[b[i]-1]++
	}
	return r
}

// fewest picks the candidate to eliminate after the last of rounds, among
// continuing, with the reason; or, when every continuing candidate is tied
// throughout, all of them with TiedAll.
func fewest(rounds []Round, continuing []int) ([]int, string) {
	last := rounds[len(rounds)-1]
	tied := lowestIn(last.Counts, continuing)
	if len(tied) == 1 {
		return tied, ElimFewest
	}
	for i := len(rounds) - 2; i >= 0; i-- {
		tied = lowestIn(rounds[i].Counts, tied)
		if len(tied) == 1 {
			return tied, ElimEarlierRound
		}
	}
	if len(tied) == len(continuing) {
		return tied, TiedAll
	}
	return []int{tied[len(tied)-1]}, ElimListingOrder
}

// lowestIn are the options among among with the fewest counts, ascending.
func lowestIn(counts []int, among []int) []int {
	least := -1
	var out []int
	for _, o := range among {
		switch c := counts[o-1]; {
		case least < 0 || c < least:
			least, out = c, []int{o}
		case c == least:
			out = append(out, o)
		}
	}
	return out
}
