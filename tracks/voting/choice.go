package voting

import (
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// The answers to a yes/no/abstain poll.
const (
	Yes     = "yes"
	No      = "no"
	Abstain = "abstain"
)

// Choice is what one ballot says: an Answer for a yes/no/abstain poll, the
// chosen Options (numbered from 1, ascending) for a choice poll, or the
// Ranking of a ranked poll (option numbers, most preferred first; options
// left out are not ranked). Its JSON encoding is canonical (fixed field
// order, sorted options), which the ballot log's hashes rely on.
type Choice struct {
	Answer  string `json:"answer,omitempty"`
	Options []int  `json:"options,omitempty"`
	Ranking []int  `json:"ranking,omitempty"`
}

// Check validates c against the poll's settings and puts it in canonical
// form.
func (s Settings) Check(c Choice) (Choice, error) {
	switch s.Kind {
	case YesNoAbstain:
		if len(c.Options) > 0 || len(c.Ranking) > 0 || (c.Answer != Yes && c.Answer != No && c.Answer != Abstain) {
			return Choice{}, igfplus.Errorf(igfplus.EInvalid, "Answer yes, no or abstain.")
		}
		return Choice{Answer: c.Answer}, nil
	case Choose:
		opts := slices.Clone(c.Options)
		slices.Sort(opts)
		opts = slices.Compact(opts)
		if c.Answer != "" || len(c.Ranking) > 0 || len(opts) != len(c.Options) || len(opts) < 1 || len(opts) > s.ChooseMax {
			return Choice{}, igfplus.Errorf(igfplus.EInvalid, "Choose from 1 to %d different options.", s.ChooseMax)
		}
		if opts[0] < 1 || opts[len(opts)-1] > len(s.Options) {
			return Choice{}, igfplus.Errorf(igfplus.EInvalid, "Options are numbered from 1 to %d.", len(s.Options))
		}
		return Choice{Options: opts}, nil
	case Ranked:
		return s.checkRanking(c)
	}
	return Choice{}, igfplus.Errorf(igfplus.EInvalid, "This poll takes no ballots.")
}

// The refusals of a ranking, which the pages match to say them in the
// reader's language.
const (
	MsgRankSomeone  = "Rank at least one candidate."
	MsgRankTwice    = "Give each candidate one rank, and each rank to one candidate."
	msgRankUnknownF = "Candidates are numbered from 1 to %d."
)

// checkRanking validates a ranked ballot: one to all of the options, each
// once, in order of preference.
func (s Settings) checkRanking(c Choice) (Choice, error) {
	if c.Answer != "" || len(c.Options) > 0 || len(c.Ranking) == 0 {
		return Choice{}, igfplus.Errorf(igfplus.EInvalid, MsgRankSomeone)
	}
	for i, o := range c.Ranking {
		if o < 1 || o > len(s.Options) {
			return Choice{}, igfplus.Errorf(igfplus.EInvalid, msgRankUnknownF, len(s.Options))
		}
		if slices.Contains(c.Ranking[:i], o) {
			return Choice{}, igfplus.Errorf(igfplus.EInvalid, MsgRankTwice)
		}
	}
	return Choice{Ranking: slices.Clone(c.Ranking)}, nil
}
