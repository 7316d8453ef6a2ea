package sessions

import "context"

// PollOutcome is a poll held in a session and its result, as the session
// report shows it; the voting package provides them (cmd/igfplus wires it).
type PollOutcome struct {
	ID       int64  `json:"id"`
	Question string `json:"question"`
	// State is draft, open or closed; Outcome (adopted, rejected,
	// no_quorum, elected, tie) and the votes are set once it closed.
	State   string       `json:"state"`
	Outcome string       `json:"outcome,omitempty"`
	Options []PollOption `json:"options"`
}

// PollOption is one answer of a poll and the votes it got.
type PollOption struct {
	// Label is the option as its poll wrote it, or a yes/no/abstain
	// poll's answer code (then also in Answer).
	Label string `json:"label"`
	// Answer is set for a yes/no/abstain poll (yes, no, abstain): a code
	// that pages say in the reader's language, never as written.
	Answer string `json:"answer,omitempty"`
	Votes  int    `json:"votes"`
}

// PollSource lists the polls held in a session: the hook through which the
// voting package (#5) feeds the session report.
type PollSource interface {
	PollsOfSession(ctx context.Context, sessionID int64) ([]PollOutcome, error)
}

// NoPolls is the PollSource of a Service not wired to voting (unit tests):
// it lists no polls, and never invents any.
type NoPolls struct{}

// PollsOfSession returns an empty list.
func (NoPolls) PollsOfSession(context.Context, int64) ([]PollOutcome, error) {
	return []PollOutcome{}, nil
}

// SetPolls makes p the source of the polls in session reports. Call it
// while wiring, before the Service serves.
func (s *Service) SetPolls(p PollSource) { s.polls = p }
