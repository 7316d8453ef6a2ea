package pages

import (
	"slices"
	"strconv"

	"github.com/igfplus/igfplus/tracks/voting"
)

// turnoutView is an open poll's live turnout, in words.
type turnoutView struct {
	Summary string
	// Groups are the ballots by stakeholder group; "<5" stays as is.
	Groups []presenceCount
	// Tally is the running count, or nil when the poll hides it (Hidden
	// says so).
	Tally  []countRow
	Hidden string
}

// countRow is one answer or option with its votes.
type countRow struct {
	Name, Count string
	Winner      bool
}

// resultView is a closed poll's result, in words.
type resultView struct {
	Outcome, Turnout, Quorum, ChainHead string
	Counts                              []countRow
	// YesNo shows the groups' yes, no and abstain columns (and Passed,
	// under the multistakeholder rule).
	YesNo, ByGroup bool
	// Candidates heads the counts "Candidate" (an election, a ranked poll).
	Candidates bool
	Groups     []groupRow
	// Rounds are a ranked poll's rounds of instant-runoff counting.
	Rounds *roundsView
}

// roundsView is the table of a ranked poll's rounds: a column per round,
// a row per candidate, then the exhausted ballots and what each round
// decided.
type roundsView struct {
	Headings  []string
	Rows      []roundRow
	Exhausted []string
	Decisions []string
}

type roundRow struct {
	Name  string
	Cells []string
}

// groupRow is one stakeholder group's part of a result, or a secret poll's
// pool of smaller groups. A masked group (a result of a secret poll closed
// before the pooling of small groups) shows "<5" and no split.
type groupRow struct {
	Name, Ballots, Yes, No, Abstain, Passed string
}

// figure is a count as shown: the number, or "<5".
func figure(f voting.Figure) string {
	if f.Masked {
		return "<5"
	}
	return strconv.Itoa(f.N)
}

// turnoutOf translates a poll's turnout.
func turnoutOf(v *view, p voting.Poll, t voting.Turnout) (*turnoutView, error) {
	var err error
	out := &turnoutView{}
	if t.Step > 0 {
		out.Summary, err = clientText(v, "client.poll.turnout_step", "ballots", strconv.Itoa(t.Ballots), "electorate", strconv.Itoa(t.Electorate), "step", strconv.Itoa(t.Step))
	} else {
		out.Summary, err = clientText(v, "client.poll.turnout", "ballots", strconv.Itoa(t.Ballots), "electorate", strconv.Itoa(t.Electorate))
	}
	if err != nil {
		return nil, err
	}
	for _, g := range t.Groups {
		name, err := v.TK("group", g.Name)
		if err != nil {
			return nil, err
		}
		out.Groups = append(out.Groups, presenceCount{Name: name, Count: figure(g.Ballots)})
	}
	if t.Tally == nil {
		out.Hidden, err = v.T("client.poll.hidden")
		return out, err
	}
	out.Tally, err = countRows(v, p, *t.Tally, nil)
	return out, err
}

// countRows lists the votes per answer, or per option of a choice poll
// (winners marked).
func countRows(v *view, p voting.Poll, c voting.Counts, winners []int) ([]countRow, error) {
	if p.Kind == voting.Choose || p.Kind == voting.Ranked {
		out := make([]countRow, len(p.Options))
		for i, o := range p.Options {
			n := 0
			if i < len(c.Options) {
				n = c.Options[i]
			}
			out[i] = countRow{Name: o, Count: strconv.Itoa(n)}
		}
		for _, w := range winners {
			if w >= 1 && w <= len(out) {
				out[w-1].Winner = true
			}
		}
		return out, nil
	}
	var out []countRow
	for _, a := range []struct {
		key string
		n   int
	}{{voting.Yes, c.Yes}, {voting.No, c.No}, {voting.Abstain, c.Abstain}} {
		name, err := v.T("client.poll.answer." + a.key)
		if err != nil {
			return nil, err
		}
		out = append(out, countRow{Name: name, Count: strconv.Itoa(a.n)})
	}
	return out, nil
}

// resultOf translates a closed poll's result.
func resultOf(v *view, p voting.Poll, r voting.Result) (*resultView, error) {
	var err error
	out := &resultView{ChainHead: r.ChainHead, YesNo: p.Kind == voting.YesNoAbstain, ByGroup: len(r.Groups) > 0,
		Candidates: p.Election() || p.Kind == voting.Ranked}
	if out.Outcome, err = v.TK("poll.outcome", r.Outcome); err != nil {
		return nil, err
	}
	if out.Turnout, err = v.T("poll.result.turnout", "Ballots", r.Ballots, "Electorate", r.Electorate,
		"Percent", strconv.FormatFloat(r.TurnoutPercent, 'f', -1, 64)); err != nil {
		return nil, err
	}
	if r.QuorumPercent > 0 {
		key := "poll.result.quorum_missed"
		if r.QuorumMet {
			key = "poll.result.quorum_met"
		}
		if out.Quorum, err = v.T(key, "Quorum", r.QuorumPercent); err != nil {
			return nil, err
		}
	}
	if out.Counts, err = countRows(v, p, r.Overall, r.Winners); err != nil {
		return nil, err
	}
	if out.Rounds, err = roundsOf(v, p, r.Rounds); err != nil {
		return nil, err
	}
	for _, g := range r.Groups {
		row := groupRow{Ballots: figure(g.Ballots), Yes: "—", No: "—", Abstain: "—"}
		if row.Name, err = v.TK("group", g.Name); err != nil {
			return nil, err
		}
		if g.Counts != nil {
			row.Yes, row.No, row.Abstain = strconv.Itoa(g.Counts.Yes), strconv.Itoa(g.Counts.No), strconv.Itoa(g.Counts.Abstain)
		}
		if g.Passed != nil {
			key := "poll.result.group_failed"
			if *g.Passed {
				key = "poll.result.group_passed"
			}
			if row.Passed, err = v.T(key); err != nil {
				return nil, err
			}
		}
		out.Groups = append(out.Groups, row)
	}
	return out, nil
}

// resultArg is the argument of the template "poll-result".
type resultArg struct {
	V *view
	R *resultView
}

// Result gives the template "poll-result" both the view and the result.
func (v *view) Result(r *resultView) resultArg { return resultArg{V: v, R: r} }

// roundsOf lays out a ranked poll's rounds; nil for other polls.
func roundsOf(v *view, p voting.Poll, rounds []voting.Round) (*roundsView, error) {
	if len(rounds) == 0 {
		return nil, nil
	}
	out := &roundsView{Rows: make([]roundRow, len(p.Options))}
	for i, o := range p.Options {
		out.Rows[i].Name = o
	}
	gone, err := v.T("poll.result.gone")
	if err != nil {
		return nil, err
	}
	name := func(o int) string {
		if o >= 1 && o <= len(p.Options) {
			return v.Isolate(p.Options[o-1])
		}
		return strconv.Itoa(o)
	}
	for _, r := range rounds {
		h, err := v.T("poll.result.round", "N", r.Round)
		if err != nil {
			return nil, err
		}
		out.Headings = append(out.Headings, h)
		for i := range out.Rows {
			cell := gone
			if slices.Contains(r.Continuing, i+1) && i < len(r.Counts) {
				cell = strconv.Itoa(r.Counts[i])
			}
			out.Rows[i].Cells = append(out.Rows[i].Cells, cell)
		}
		out.Exhausted = append(out.Exhausted, strconv.Itoa(r.Exhausted))
		who := name(r.Elected + r.Eliminated) // one of them is set, or neither (a tie)
		d, err := v.T("poll.round."+r.Reason, "Name", who)
		if err != nil {
			return nil, err
		}
		out.Decisions = append(out.Decisions, d)
	}
	return out, nil
}
