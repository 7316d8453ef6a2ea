package pages

import (
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
	Groups         []groupRow
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
	if p.Kind == voting.Choose {
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
	out := &resultView{ChainHead: r.ChainHead, YesNo: p.Kind == voting.YesNoAbstain, ByGroup: len(r.Groups) > 0}
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
