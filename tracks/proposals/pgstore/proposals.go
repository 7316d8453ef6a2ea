package pgstore

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/proposals"
)

const proposalColumns = `p.id, p.call_id, p.proposer_id, a.display_name, p.policy_issue_id, p.track_id, p.format, p.title,
	p.description, p.organisers, p.nri_ids, p.speakers, p.state, coalesce(p.merge_with, 0), p.decision_note, p.decided_at,
	coalesce(p.session_id, 0), p.submitted_at, p.updated_at
	FROM proposals p JOIN accounts a ON a.id = p.proposer_id`

func scanProposal(row pgx.Row) (proposals.Proposal, error) {
	var p proposals.Proposal
	var speakers []byte
	var decided *time.Time
	err := row.Scan(&p.ID, &p.CallID, &p.ProposerID, &p.ProposerName, &p.PolicyIssueID, &p.TrackID, &p.Format, &p.Title,
		&p.Description, &p.Organisers, &p.NRIs, &speakers, &p.State, &p.MergeWith, &p.Note, &decided,
		&p.SessionID, &p.Submitted, &p.Updated)
	if err != nil {
		return p, err
	}
	if decided != nil {
		p.DecidedAt = *decided
	}
	return p, json.Unmarshal(speakers, &p.Speakers)
}

func collectProposals(rows pgx.Rows, err error) ([]proposals.Proposal, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (proposals.Proposal, error) { return scanProposal(r) })
}

// checkDraft refuses a draft whose policy issue or track is not of the
// call's edition, whose track belongs to another issue, or which names an
// NRI the directory does not know.
func checkDraft(ctx context.Context, q pgdb.Querier, call int64, d proposals.Draft) error {
	var issueOK, trackOK, trackIssueOK bool
	var nrisKnown int
	err := q.QueryRow(ctx, `SELECT
		EXISTS (SELECT 1 FROM policy_issues i JOIN proposal_calls c ON c.edition_id = i.edition_id WHERE c.id = $1 AND i.id = $2),
		EXISTS (SELECT 1 FROM tracks t JOIN proposal_calls c ON c.edition_id = t.edition_id WHERE c.id = $1 AND t.id = $3),
		EXISTS (SELECT 1 FROM tracks t WHERE t.id = $3 AND coalesce(t.policy_issue_id, $2) = $2),
		(SELECT count(*) FROM nris WHERE id = ANY($4))`, call, d.PolicyIssueID, d.TrackID, d.NRIs).
		Scan(&issueOK, &trackOK, &trackIssueOK, &nrisKnown)
	switch {
	case err != nil:
		return pgdb.Wrap(err, "proposals: check a draft for call %d", call)
	case !issueOK:
		return igfplus.Errorf(igfplus.EInvalid, "The policy issue is not on this edition's focused agenda.")
	case !trackOK:
		return igfplus.Errorf(igfplus.EInvalid, "The track is not of this edition.")
	case !trackIssueOK:
		return igfplus.Errorf(igfplus.EInvalid, "The track belongs to another policy issue.")
	case nrisKnown != len(d.NRIs):
		return igfplus.Errorf(igfplus.EInvalid, "A co-organising initiative is not in the NRI directory.")
	}
	return nil
}

// Submit records a proposal.
func (s *Store) Submit(ctx context.Context, call, proposer int64, d proposals.Draft) (proposals.Proposal, error) {
	var out proposals.Proposal
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := checkDraft(ctx, tx, call, d); err != nil {
			return err
		}
		speakers, err := json.Marshal(d.Speakers)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO proposals (call_id, proposer_id, policy_issue_id, track_id, format, title, description,
			organisers, nri_ids, speakers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			call, proposer, d.PolicyIssueID, d.TrackID, d.Format, d.Title, d.Description, d.Organisers, d.NRIs, speakers).Scan(&id); err != nil {
			return pgdb.Wrap(err, "proposals: insert a proposal to call %d", call)
		}
		out, err = scanProposal(tx.QueryRow(ctx, `SELECT `+proposalColumns+` WHERE p.id = $1`, id))
		return pgdb.Wrap(err, "proposals: read proposal %d", id)
	})
	return out, err
}

// Edit replaces a proposal's draft while it is submitted and its call
// open at at, both checked under the proposal's row lock, which a
// decision takes too.
func (s *Store) Edit(ctx context.Context, id int64, d proposals.Draft, at time.Time) (proposals.Proposal, error) {
	var out proposals.Proposal
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var call int64
		var state proposals.State
		var closes time.Time
		err := tx.QueryRow(ctx, `SELECT p.call_id, p.state, c.closes_at FROM proposals p JOIN proposal_calls c ON c.id = p.call_id
			WHERE p.id = $1 FOR UPDATE OF p`, id).Scan(&call, &state, &closes)
		if err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The proposal"), "proposals: lock proposal %d", id)
		}
		if state != proposals.Submitted {
			return igfplus.Errorf(igfplus.EConflict, "The proposal is decided: it can no longer change.")
		}
		if !at.Before(closes) {
			return igfplus.Errorf(igfplus.EConflict, "The call's deadline has passed: proposals can no longer change.")
		}
		if err := checkDraft(ctx, tx, call, d); err != nil {
			return err
		}
		speakers, err := json.Marshal(d.Speakers)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE proposals SET policy_issue_id = $2, track_id = $3, format = $4, title = $5, description = $6,
			organisers = $7, nri_ids = $8, speakers = $9, updated_at = now() WHERE id = $1`,
			id, d.PolicyIssueID, d.TrackID, d.Format, d.Title, d.Description, d.Organisers, d.NRIs, speakers); err != nil {
			return pgdb.Wrap(err, "proposals: update proposal %d", id)
		}
		out, err = scanProposal(tx.QueryRow(ctx, `SELECT `+proposalColumns+` WHERE p.id = $1`, id))
		return pgdb.Wrap(err, "proposals: read proposal %d", id)
	})
	return out, err
}

// Proposal returns one proposal.
func (s *Store) Proposal(ctx context.Context, id int64) (proposals.Proposal, error) {
	p, err := scanProposal(s.db.Pool.QueryRow(ctx, `SELECT `+proposalColumns+` WHERE p.id = $1`, id))
	return p, pgdb.Wrap(pgdb.NotFound(err, "The proposal"), "proposals: read proposal %d", id)
}

// Proposals lists a call's proposals.
func (s *Store) Proposals(ctx context.Context, call int64) ([]proposals.Proposal, error) {
	list, err := collectProposals(s.db.Pool.Query(ctx, `SELECT `+proposalColumns+` WHERE p.call_id = $1 ORDER BY p.id`, call))
	return list, pgdb.Wrap(err, "proposals: list the proposals of call %d", call)
}

// ProposalsBy lists a proposer's proposals.
func (s *Store) ProposalsBy(ctx context.Context, proposer int64) ([]proposals.Proposal, error) {
	list, err := collectProposals(s.db.Pool.Query(ctx, `SELECT `+proposalColumns+` WHERE p.proposer_id = $1 ORDER BY p.id DESC`, proposer))
	return list, pgdb.Wrap(err, "proposals: list the proposals of account %d", proposer)
}

// Recipient reads an account's address, name and language.
func (s *Store) Recipient(ctx context.Context, account int64) (proposals.Recipient, error) {
	var r proposals.Recipient
	err := s.db.Pool.QueryRow(ctx, `SELECT email, display_name, locale FROM accounts WHERE id = $1`, account).Scan(&r.Email, &r.Name, &r.Locale)
	return r, pgdb.Wrap(pgdb.NotFound(err, "The account"), "proposals: read the address of account %d", account)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
