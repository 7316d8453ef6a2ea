package proposals

import (
	"context"
	"time"
)

// Person names an account.
type Person struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Assignment is one proposal assigned to one reviewer, with where their
// review stands.
type Assignment struct {
	ProposalID    int64  `json:"proposal_id"`
	ProposalTitle string `json:"proposal_title"`
	Reviewer      Person `json:"reviewer"`
	// Reviewed: they scored it or declared a conflict (Conflict).
	Reviewed bool `json:"reviewed"`
	Conflict bool `json:"conflict"`
}

// Recipient is whom a decision's mail goes to, in their language.
type Recipient struct {
	Email, Name, Locale string
}

// Decision is the Secretariat's decision on a proposal: Accepted,
// Rejected, or MergeSuggested with MergeWith, another proposal of the
// same call; Note is shown to the proposer with it.
type Decision struct {
	Outcome   State  `json:"outcome"`
	MergeWith int64  `json:"merge_with"`
	Note      string `json:"note"`
}

// Store keeps calls, proposals, assignments and reviews. Writes that a
// rule depends on take the rows they check under lock.
type Store interface {
	// CallOf returns an edition's call with its rubric, or ENotFound.
	CallOf(ctx context.Context, edition int64) (Call, error)
	// Call returns a call by its id, or ENotFound.
	Call(ctx context.Context, id int64) (Call, error)
	// SaveCall opens the edition's call or changes its dates and
	// introduction.
	SaveCall(ctx context.Context, edition int64, c CallChange) (Call, error)
	// SetRubric replaces a call's rubric; EConflict once a proposal of the
	// call is scored, so that no score is ever read against another
	// rubric than its own.
	SetRubric(ctx context.Context, call int64, rubric []Criterion) (Call, error)

	// Submit records a proposal to call; EInvalid when its policy issue,
	// track or an NRI is not of the call's edition (or the directory), or
	// the track belongs to another policy issue.
	Submit(ctx context.Context, call, proposer int64, d Draft) (Proposal, error)
	// Edit replaces a submitted proposal's draft until the call's
	// deadline, checked against at in the update itself; EConflict once it
	// is decided or the deadline passed.
	Edit(ctx context.Context, id int64, d Draft, at time.Time) (Proposal, error)
	// Proposal returns one proposal, or ENotFound.
	Proposal(ctx context.Context, id int64) (Proposal, error)
	// Proposals lists a call's proposals in the order they came.
	Proposals(ctx context.Context, call int64) ([]Proposal, error)
	// ProposalsBy lists a proposer's proposals, newest first.
	ProposalsBy(ctx context.Context, proposer int64) ([]Proposal, error)

	// Reviewers lists the MAG's members.
	Reviewers(ctx context.Context) ([]Person, error)
	// Assign assigns a proposal to a reviewer (again: nothing changes);
	// EInvalid when the account is not a MAG member.
	Assign(ctx context.Context, proposal, reviewer int64) error
	// AssignmentsOfCall lists every assignment of a call's proposals.
	AssignmentsOfCall(ctx context.Context, call int64) ([]Assignment, error)
	// AssignmentsOf lists a reviewer's assignments.
	AssignmentsOf(ctx context.Context, reviewer int64) ([]Assignment, error)
	// Reviews lists a proposal's reviews; ReviewsOfCall a call's.
	Reviews(ctx context.Context, proposal int64) ([]Review, error)
	ReviewsOfCall(ctx context.Context, call int64) ([]Review, error)
	// Review records a reviewer's review of a proposal assigned to them
	// (ENotFound when it is not), under the assignment's lock: scores
	// replace their earlier scores; a conflict is declared before any
	// score. EConflict when they declared a conflict, when they declare
	// one after scoring, or when the proposal is decided.
	Review(ctx context.Context, r Review) (Review, error)

	// Decide records the decision on a submitted proposal under its row
	// lock (EConflict when it was decided already); accepting adds its
	// session to the programme, not yet scheduled, in the same
	// transaction.
	Decide(ctx context.Context, id, by int64, d Decision) (Proposal, error)
	// Recipient reads whom an account's mail goes to.
	Recipient(ctx context.Context, account int64) (Recipient, error)
}

// Letter is the mail that tells a proposer of the decision on their
// proposal.
type Letter struct {
	To         Recipient
	Proposal   Proposal
	MergeTitle string // the proposal to merge with, when suggested
}

// Mailer queues decision letters; it returns once the letter is stored to
// be sent.
type Mailer interface {
	MailDecision(ctx context.Context, l Letter) error
}
