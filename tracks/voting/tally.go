package voting

import (
	"encoding/json"
	"fmt"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Counts are the ballots of everyone, or of one group or region.
type Counts struct {
	Ballots int `json:"ballots"`
	Yes     int `json:"yes"`
	No      int `json:"no"`
	Abstain int `json:"abstain"`
	// Options counts the choices of each option of a choice poll, or the
	// first preferences of a ranked poll: index 0 is option 1.
	Options []int `json:"options,omitempty"`
}

func (c *Counts) add(ch Choice, options int) {
	c.Ballots++
	switch ch.Answer {
	case Yes:
		c.Yes++
	case No:
		c.No++
	case Abstain:
		c.Abstain++
	}
	if options > 0 && c.Options == nil {
		c.Options = make([]int, options)
	}
	for _, o := range ch.Options {
		c.Options[o-1]++
	}
	if len(ch.Ranking) > 0 {
		c.Options[ch.Ranking[0]-1]++
	}
}

// Tally adds ballots up, overall and by stakeholder group and region.
type Tally struct {
	options int
	// rankings are a ranked poll's ballots, for the rounds of counting.
	rankings [][]int
	Overall  Counts
	Groups   map[igfplus.StakeholderGroup]*Counts
	Regions  map[igfplus.Region]*Counts
}

// NewTally returns an empty tally for a poll with settings s.
func NewTally(s Settings) *Tally {
	t := &Tally{Groups: map[igfplus.StakeholderGroup]*Counts{}, Regions: map[igfplus.Region]*Counts{}}
	if s.Kind == Choose || s.Kind == Ranked {
		t.options = len(s.Options)
		t.Overall.Options = make([]int, t.options)
	}
	return t
}

// Add counts one ballot. region is empty when it is not known (the public
// log of a secret poll does not carry it).
func (t *Tally) Add(c Choice, group igfplus.StakeholderGroup, region igfplus.Region) {
	t.Overall.add(c, t.options)
	if len(c.Ranking) > 0 {
		t.rankings = append(t.rankings, c.Ranking)
	}
	g := t.Groups[group]
	if g == nil {
		g = &Counts{}
		t.Groups[group] = g
	}
	g.add(c, t.options)
	if region == "" {
		return
	}
	r := t.Regions[region]
	if r == nil {
		r = &Counts{}
		t.Regions[region] = r
	}
	r.add(c, t.options)
}

// Figure is a count, encoded as "<5" when Masked: results of secret polls
// closed before the disclosure rule (log version 1) masked small groups so.
type Figure struct {
	N      int
	Masked bool
}

// MarshalJSON encodes the count, or "<5".
func (f Figure) MarshalJSON() ([]byte, error) {
	if f.Masked {
		return []byte(`"<5"`), nil
	}
	return json.Marshal(f.N)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (f *Figure) UnmarshalJSON(b []byte) error {
	var masked string
	if json.Unmarshal(b, &masked) == nil { // "<5", however it was escaped
		if masked != "<5" {
			return fmt.Errorf("a count must be a number or \"<5\", not %q", masked)
		}
		*f = Figure{Masked: true}
		return nil
	}
	f.Masked = false
	return json.Unmarshal(b, &f.N)
}

// GroupResult is one stakeholder group's or region's part of a result.
type GroupResult struct {
	Name    string  `json:"name"`
	Ballots Figure  `json:"ballots"`
	Counts  *Counts `json:"counts,omitempty"` // nil when masked
	// Passed is set under the multistakeholder rule, for groups that cast a
	// yes or a no: the rule needs a majority within each.
	Passed *bool `json:"passed,omitempty"`
}

func groupResult(name string, c *Counts) GroupResult {
	cc := *c
	return GroupResult{Name: name, Ballots: Figure{N: c.Ballots}, Counts: &cc}
}

// Turnout is the live turnout of an open poll. A secret poll's is the
// total only, rounded down to a multiple of Step, so that no ballot can be
// told from the next by differencing two readings; a named poll's has the
// ballots by stakeholder group and, unless the poll hides it, the running
// tally. A closed poll's is its result's.
type Turnout struct {
	PollID     int64         `json:"poll_id"`
	Ballots    int           `json:"ballots"`
	Electorate int           `json:"electorate"`
	Groups     []GroupResult `json:"groups"`
	// Step is set while a secret poll is open: Ballots is a multiple of
	// it, and at most Step-1 more have voted.
	Step int `json:"step,omitempty"`
	// Tally is the running count, when the poll shows it live.
	Tally *Counts `json:"tally,omitempty"`
}

// CoarseTurnout is an open secret poll's turnout with n ballots so far.
func CoarseTurnout(p Poll, n int) Turnout {
	return Turnout{PollID: p.ID, Ballots: n - n%TurnoutStep, Electorate: p.ElectorateSize, Groups: []GroupResult{}, Step: TurnoutStep}
}

// TurnoutOf is an open named poll's turnout from its tally so far.
func TurnoutOf(p Poll, t *Tally) Turnout {
	if p.Secret {
		return CoarseTurnout(p, t.Overall.Ballots)
	}
	out := Turnout{PollID: p.ID, Ballots: t.Overall.Ballots, Electorate: p.ElectorateSize, Groups: []GroupResult{}}
	for _, g := range knownGroups(nil) {
		if c := t.Groups[g]; c != nil {
			out.Groups = append(out.Groups, GroupResult{Name: string(g), Ballots: Figure{N: c.Ballots}})
		}
	}
	if p.LiveTally() {
		c := t.Overall
		out.Tally = &c
	}
	return out
}
