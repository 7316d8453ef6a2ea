package voting

import (
	"context"

	"github.com/igfplus/igfplus/sessions"
)

// ReportPolls feeds the session report with the polls held in a session:
// the sessions.PollSource the serve command gives sessions.Service.SetPolls.
type ReportPolls struct{ Voting *Service }

var _ sessions.PollSource = ReportPolls{}

// PollsOfSession lists a session's polls with their outcomes and, once
// closed, their votes per answer or option.
func (r ReportPolls) PollsOfSession(ctx context.Context, sessionID int64) ([]sessions.PollOutcome, error) {
	polls, err := r.Voting.PollsOfSession(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	out := make([]sessions.PollOutcome, 0, len(polls))
	for _, p := range polls {
		o := sessions.PollOutcome{ID: p.ID, Question: p.Question, State: string(p.State), Options: []sessions.PollOption{}}
		if p.Result != nil {
			o.Outcome = string(p.Result.Outcome)
			o.Options = reportOptions(p, p.Result.Overall)
		}
		out = append(out, o)
	}
	return out, nil
}

func reportOptions(p Poll, c Counts) []sessions.PollOption {
	if p.Kind == YesNoAbstain {
		return []sessions.PollOption{{Label: Yes, Answer: Yes, Votes: c.Yes}, {Label: No, Answer: No, Votes: c.No}, {Label: Abstain, Answer: Abstain, Votes: c.Abstain}}
	}
	opts := make([]sessions.PollOption, len(p.Options))
	for i, label := range p.Options {
		opts[i] = sessions.PollOption{Label: label, Votes: c.Options[i]}
	}
	return opts
}
