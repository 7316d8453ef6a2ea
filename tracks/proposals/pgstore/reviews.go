package pgstore

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/proposals"
)

// Reviewers lists the accounts holding the mag_member role.
func (s *Store) Reviewers(ctx context.Context) ([]proposals.Person, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT a.id, a.display_name FROM accounts a JOIN account_roles r ON r.account_id = a.id
		WHERE r.role = 'mag_member' ORDER BY a.display_name, a.id`)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (proposals.Person, error) {
		var p proposals.Person
		err := r.Scan(&p.ID, &p.Name)
		return p, err
	})
	return list, pgdb.Wrap(err, "proposals: list the MAG's members")
}

// Assign inserts the assignment, only for a MAG member.
func (s *Store) Assign(ctx context.Context, proposal, reviewer int64) error {
	tag, err := s.db.Pool.Exec(ctx, `INSERT INTO proposal_assignments (proposal_id, reviewer_id)
		SELECT $1, account_id FROM account_roles WHERE account_id = $2 AND role = 'mag_member'
		ON CONFLICT DO NOTHING`, proposal, reviewer)
	if err != nil {
		return pgdb.Wrap(err, "proposals: assign proposal %d to %d", proposal, reviewer)
	}
	if tag.RowsAffected() == 0 {
		var assigned bool
		if err := s.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM proposal_assignments WHERE proposal_id = $1 AND reviewer_id = $2)`,
			proposal, reviewer).Scan(&assigned); err != nil || assigned {
			return pgdb.Wrap(err, "proposals: read the assignment of %d to %d", proposal, reviewer)
		}
		return igfplus.Errorf(igfplus.EInvalid, "Proposals are assigned to members of the MAG only.")
	}
	return nil
}

const assignmentColumns = `x.proposal_id, p.title, x.reviewer_id, a.display_name, r.proposal_id IS NOT NULL, coalesce(r.conflict, false)
	FROM proposal_assignments x JOIN proposals p ON p.id = x.proposal_id JOIN accounts a ON a.id = x.reviewer_id
	LEFT JOIN proposal_reviews r ON r.proposal_id = x.proposal_id AND r.reviewer_id = x.reviewer_id`

func collectAssignments(rows pgx.Rows, err error) ([]proposals.Assignment, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (proposals.Assignment, error) {
		var a proposals.Assignment
		err := r.Scan(&a.ProposalID, &a.ProposalTitle, &a.Reviewer.ID, &a.Reviewer.Name, &a.Reviewed, &a.Conflict)
		return a, err
	})
}

// AssignmentsOfCall lists a call's assignments.
func (s *Store) AssignmentsOfCall(ctx context.Context, call int64) ([]proposals.Assignment, error) {
	list, err := collectAssignments(s.db.Pool.Query(ctx, `SELECT `+assignmentColumns+` WHERE p.call_id = $1 ORDER BY x.proposal_id, a.display_name`, call))
	return list, pgdb.Wrap(err, "proposals: list the assignments of call %d", call)
}

// AssignmentsOf lists a reviewer's assignments.
func (s *Store) AssignmentsOf(ctx context.Context, reviewer int64) ([]proposals.Assignment, error) {
	list, err := collectAssignments(s.db.Pool.Query(ctx, `SELECT `+assignmentColumns+` WHERE x.reviewer_id = $1 ORDER BY x.proposal_id`, reviewer))
	return list, pgdb.Wrap(err, "proposals: list the assignments of %d", reviewer)
}

const reviewColumns = `r.proposal_id, r.reviewer_id, a.display_name, r.conflict, r.scores, r.comment, r.reviewed_at
	FROM proposal_reviews r JOIN accounts a ON a.id = r.reviewer_id`

func collectReviews(rows pgx.Rows, err error) ([]proposals.Review, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (proposals.Review, error) { return scanReview(row) })
}

func scanReview(row pgx.Row) (proposals.Review, error) {
	var r proposals.Review
	var scores []byte
	if err := row.Scan(&r.ProposalID, &r.ReviewerID, &r.ReviewerName, &r.Conflict, &scores, &r.Comment, &r.Reviewed); err != nil {
		return r, err
	}
	return r, json.Unmarshal(scores, &r.Scores)
}

// Reviews lists a proposal's reviews.
func (s *Store) Reviews(ctx context.Context, proposal int64) ([]proposals.Review, error) {
	list, err := collectReviews(s.db.Pool.Query(ctx, `SELECT `+reviewColumns+` WHERE r.proposal_id = $1 ORDER BY a.display_name`, proposal))
	return list, pgdb.Wrap(err, "proposals: list the reviews of %d", proposal)
}

// ReviewsOfCall lists a call's reviews.
func (s *Store) ReviewsOfCall(ctx context.Context, call int64) ([]proposals.Review, error) {
	list, err := collectReviews(s.db.Pool.Query(ctx, `SELECT `+reviewColumns+`
		JOIN proposals p ON p.id = r.proposal_id WHERE p.call_id = $1 ORDER BY r.proposal_id, a.display_name`, call))
	return list, pgdb.Wrap(err, "proposals: list the reviews of call %d", call)
}

// Review records a review under the assignment's row lock (two of the
// reviewer's own tabs cannot both pass the checks) and a share lock on
// the call's row (the rubric cannot change under a score).
func (s *Store) Review(ctx context.Context, r proposals.Review) (proposals.Review, error) {
	var out proposals.Review
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var state proposals.State
		err := tx.QueryRow(ctx, `SELECT p.state FROM proposal_assignments x JOIN proposals p ON p.id = x.proposal_id
			JOIN proposal_calls c ON c.id = p.call_id
			WHERE x.proposal_id = $1 AND x.reviewer_id = $2 FOR UPDATE OF x FOR SHARE OF c`, r.ProposalID, r.ReviewerID).Scan(&state)
		if err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "Your assignment to this proposal"), "proposals: lock the assignment of %d to %d", r.ProposalID, r.ReviewerID)
		}
		if state != proposals.Submitted {
			return igfplus.Errorf(igfplus.EConflict, "The proposal is decided: its review is closed.")
		}
		var conflict bool
		err = tx.QueryRow(ctx, `SELECT conflict FROM proposal_reviews WHERE proposal_id = $1 AND reviewer_id = $2`, r.ProposalID, r.ReviewerID).Scan(&conflict)
		switch {
		case err == nil && conflict:
			return igfplus.Errorf(igfplus.EForbidden, "You declared a conflict of interest on this proposal, so you cannot score it.")
		case err == nil && r.Conflict:
			return igfplus.Errorf(igfplus.EConflict, "You scored this proposal already: a conflict of interest is declared before scoring.")
		case err != nil && !errors.Is(err, pgx.ErrNoRows):
			return pgdb.Wrap(err, "proposals: read the review of %d by %d", r.ProposalID, r.ReviewerID)
		}
		scores, err := json.Marshal(r.Scores)
		if err != nil {
			return err
		}
		if r.Conflict {
			scores = []byte("{}")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO proposal_reviews (proposal_id, reviewer_id, conflict, scores, comment) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (proposal_id, reviewer_id) DO UPDATE SET scores = $4, comment = $5, reviewed_at = now()`,
			r.ProposalID, r.ReviewerID, r.Conflict, scores, r.Comment); err != nil {
			return pgdb.Wrap(err, "proposals: record the review of %d by %d", r.ProposalID, r.ReviewerID)
		}
		out, err = scanReview(tx.QueryRow(ctx, `SELECT `+reviewColumns+` WHERE r.proposal_id = $1 AND r.reviewer_id = $2`, r.ProposalID, r.ReviewerID))
		return pgdb.Wrap(err, "proposals: read the review of %d by %d", r.ProposalID, r.ReviewerID)
	})
	return out, err
}
