package proposals

import (
	"context"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Board is the Secretariat's view of a call under review: every proposal
// with its reviewers and aggregated scores, and the balance of what is
// accepted so far.
type Board struct {
	Call      Call       `json:"call"`
	Rows      []BoardRow `json:"proposals"`
	Programme Programme  `json:"programme"`
}

// BoardRow is one proposal on the board.
type BoardRow struct {
	Proposal  Proposal     `json:"proposal"`
	Reviewers []Assignment `json:"reviewers"`
	Scores    Aggregate    `json:"scores"`
}

// Programme is the balance of the accepted proposals: how many per policy
// issue, and their speakers by stakeholder group, region and gender.
type Programme struct {
	Accepted int           `json:"accepted"`
	Issues   map[int64]int `json:"policy_issues"`
	Speakers Balance       `json:"speakers"`
}

// BoardOf builds the board from a call's proposals, assignments and
// reviews.
func BoardOf(c Call, list []Proposal, assigned []Assignment, reviews []Review) Board {
	b := Board{Call: c, Rows: make([]BoardRow, 0, len(list)), Programme: Programme{Issues: map[int64]int{}}}
	var speakers []Speaker
	for _, p := range list {
		row := BoardRow{Proposal: p, Reviewers: []Assignment{}}
		for _, a := range assigned {
			if a.ProposalID == p.ID {
				row.Reviewers = append(row.Reviewers, a)
			}
		}
		var mine []Review
		for _, r := range reviews {
			if r.ProposalID == p.ID {
				mine = append(mine, r)
			}
		}
		row.Scores = Aggregated(p.ID, len(row.Reviewers), mine, c.Rubric)
		b.Rows = append(b.Rows, row)
		if p.State == Accepted {
			b.Programme.Accepted++
			b.Programme.Issues[p.PolicyIssueID]++
			speakers = append(speakers, p.Speakers...)
		}
	}
	b.Programme.Speakers = Count(speakers)
	return b
}

// Board reads an edition's call under review: the Secretariat only.
func (s *Service) Board(ctx context.Context, who igfplus.Identity, edition int64) (Board, error) {
	if err := secretariat(who); err != nil {
		return Board{}, err
	}
	c, err := s.store.CallOf(ctx, edition)
	if err != nil {
		return Board{}, err
	}
	list, err := s.store.Proposals(ctx, c.ID)
	if err != nil {
		return Board{}, err
	}
	assigned, err := s.store.AssignmentsOfCall(ctx, c.ID)
	if err != nil {
		return Board{}, err
	}
	reviews, err := s.store.ReviewsOfCall(ctx, c.ID)
	if err != nil {
		return Board{}, err
	}
	return BoardOf(c, list, assigned, reviews), nil
}
