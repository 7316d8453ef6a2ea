package recommendations

import (
	"fmt"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// AmendmentState is where an amendment stands. A poll (tracks/voting) moves
// a proposed amendment to under_vote and then to accepted or rejected; the
// drafters may accept or reject a proposed one directly.
type AmendmentState string

// The amendment states.
const (
	Proposed           AmendmentState = "proposed"
	AmendmentUnderVote AmendmentState = "under_vote"
	Accepted           AmendmentState = "accepted"
	Rejected           AmendmentState = "rejected"
	AmendmentWithdrawn AmendmentState = "withdrawn"
)

// Amendment proposes new text for one paragraph of a version (or, one past
// the last paragraph, a new paragraph at the end).
type Amendment struct {
	ID               int64          `json:"id"`
	RecommendationID int64          `json:"recommendation_id"`
	Version          int            `json:"version"`
	Paragraph        int            `json:"paragraph"`
	Text             string         `json:"text"`
	Rationale        string         `json:"rationale"`
	ProposedBy       Person         `json:"proposed_by"`
	State            AmendmentState `json:"state"`
	CreatedAt        time.Time      `json:"created_at"`
	DecidedBy        *Person        `json:"decided_by,omitempty"`
	DecidedAt        time.Time      `json:"decided_at,omitzero"`
	// AppliedVersion is the version an accepted amendment produced.
	AppliedVersion int `json:"applied_version,omitempty"`
	// Supporters are the participants who support it (the proposer aside),
	// in the order they did.
	Supporters []Person `json:"supporters"`
}

// Note is the note of the version an accepted amendment produces.
func (a Amendment) Note() string {
	return fmt.Sprintf("Amendment %d to paragraph %d accepted.", a.ID, a.Paragraph)
}

// AmendedBody returns the text that accepting a produces: a applied to the
// current version. An amendment proposed on an older version still applies
// when its paragraph reads the same, at the same number, in the current
// version (other paragraphs were revised since); otherwise it is a conflict,
// and it should be proposed again on the current text. base is the version
// a was proposed on.
func AmendedBody(a Amendment, base, current Version) (string, error) {
	p := a.Paragraph
	if base.Version != current.Version {
		was, now := base.Paragraphs(), current.Paragraphs()
		switch {
		case p < 1 || p > len(was)+1:
			return "", igfplus.Errorf(igfplus.EInvalid, "Version %d has no paragraph %d.", base.Version, p)
		case p == len(was)+1:
			p = len(now) + 1 // a new last paragraph stays last
		case p > len(now) || was[p-1].Text != now[p-1].Text:
			return "", igfplus.Errorf(igfplus.EConflict,
				"Paragraph %d has changed since amendment %d was proposed on version %d; propose it again on version %d.",
				a.Paragraph, a.ID, base.Version, current.Version)
		}
	}
	return ApplyAmendment(current.Body, p, a.Text)
}

// CanDecide refuses a decision on an amendment in state a of a
// recommendation in state r. byVote is a poll's decision, which settles an
// amendment under vote; the drafters decide only proposed ones, and not
// while another amendment is being voted on (accepting changes the text).
func CanDecide(r State, a AmendmentState, byVote, accept, otherUnderVote bool) error {
	switch {
	case byVote && a != AmendmentUnderVote && a != Proposed:
		return igfplus.Errorf(igfplus.EConflict, "The amendment is already %s.", igfplus.Text(a))
	case !byVote && a == AmendmentUnderVote:
		return igfplus.Errorf(igfplus.EConflict, "The amendment is being voted on: the vote decides it.")
	case !byVote && a != Proposed:
		return igfplus.Errorf(igfplus.EConflict, "The amendment is already %s.", igfplus.Text(a))
	case !accept:
		return nil
	}
	return TextChangeable(r, otherUnderVote)
}
