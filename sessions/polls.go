package sessions

import "context"

// PollOutcome is a poll held in a session and its result, as the session
// report shows it. Provisional: the voting package (tracks/voting, issue
// #5) will provide these; until then no session has polls.
type PollOutcome struct {
	ID       int64        `json:"id"`
	Question string       `json:"question"`
	Options  []PollOption `json:"options"`
}

// PollOption is one answer of a poll and the votes it got.
type PollOption struct {
	Label string `json:"label"`
	Votes int    `json:"votes"`
}

// PollSource lists the polls held in a session: the hook through which the
// voting package (#5) feeds the session report.
type PollSource interface {
	PollsOfSession(ctx context.Context, sessionID int64) ([]PollOutcome, error)
}

// NoPolls is the PollSource until voting exists (pending #5): it lists no
// polls, and never invents any.
type NoPolls struct{}

// PollsOfSession returns an empty list.
func (NoPolls) PollsOfSession(context.Context, int64) ([]PollOutcome, error) {
	return []PollOutcome{}, nil
}

// SetPolls makes p the source of the polls in session reports. Call it
// while wiring, before the Service serves.
func (s *Service) SetPolls(p PollSource) { s.polls = p }
