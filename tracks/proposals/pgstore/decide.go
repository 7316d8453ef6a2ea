package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	programme "github.com/igfplus/igfplus/tracks/pgstore"
	"github.com/igfplus/igfplus/tracks/proposals"
)

// Decide records a decision under the proposal's row lock, which editing
// takes too. Accepting adds the session to the programme through the
// programme's store in the same transaction: tied to the proposal's
// policy issue and track, moderated by its proposer, asking its NRIs to
// co-organise, unscheduled (its times the edition's first hour until the
// scheduler places it).
func (s *Store) Decide(ctx context.Context, id, by int64, d proposals.Decision) (proposals.Proposal, error) {
	var out proposals.Proposal
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		p, err := scanProposal(tx.QueryRow(ctx, `SELECT `+proposalColumns+` WHERE p.id = $1 FOR UPDATE OF p`, id))
		if err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The proposal"), "proposals: lock proposal %d", id)
		}
		if p.State != proposals.Submitted {
			return igfplus.Errorf(igfplus.EConflict, "The proposal was decided already.")
		}
		var session int64
		if d.Outcome == proposals.Accepted {
			if session, err = addSession(ctx, tx, p, by); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE proposals SET state = $2, merge_with = nullif($3::bigint, 0), decision_note = $4,
			decided_by = $5, decided_at = now(), session_id = nullif($6::bigint, 0) WHERE id = $1`,
			id, d.Outcome, d.MergeWith, d.Note, by, session); err != nil {
			return pgdb.Wrap(err, "proposals: decide proposal %d", id)
		}
		out, err = scanProposal(tx.QueryRow(ctx, `SELECT `+proposalColumns+` WHERE p.id = $1`, id))
		return pgdb.Wrap(err, "proposals: read proposal %d", id)
	})
	return out, err
}

func addSession(ctx context.Context, tx pgx.Tx, p proposals.Proposal, by int64) (int64, error) {
	var day time.Time
	if err := tx.QueryRow(ctx, `SELECT e.starts_on FROM editions e JOIN proposal_calls c ON c.edition_id = e.id WHERE c.id = $1`,
		p.CallID).Scan(&day); err != nil {
		return 0, pgdb.Wrap(err, "proposals: read the edition of call %d", p.CallID)
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	// A session of a track tied to a policy issue is of that issue: the
	// track's own now, should the Secretariat have moved the track since
	// the proposal (else accepting would fail, and the proposer, past the
	// deadline, could not mend the proposal).
	issue := p.PolicyIssueID
	if err := tx.QueryRow(ctx, `SELECT coalesce(policy_issue_id, $2) FROM tracks WHERE id = $1`, p.TrackID, issue).Scan(&issue); err != nil {
		return 0, pgdb.Wrap(pgdb.NotFound(err, "The track"), "proposals: read the policy issue of track %d", p.TrackID)
	}
	n := tracks.NewSession{PolicyIssueID: issue, Slug: "proposal-" + itoa(p.ID), Title: p.Title, Description: p.Description,
		Format: p.Format, StartsAt: start, EndsAt: start.Add(time.Hour), CoOrganisers: p.NRIs, Unscheduled: true}
	return programme.AddSessionTx(ctx, tx, p.TrackID, n, tracks.SessionStart{Moderator: p.ProposerID, AskedBy: by})
}
