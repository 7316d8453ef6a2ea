package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

const amendmentSelect = `
	SELECT m.id, m.recommendation_id, m.version, m.paragraph, m.proposed_text, m.rationale,
	       m.proposed_by, p.display_name, p.stakeholder_group, m.state, m.created_at,
	       m.decided_by, d.display_name, d.stakeholder_group, m.decided_at, coalesce(m.applied_version, 0)
	FROM amendments m JOIN accounts p ON p.id = m.proposed_by LEFT JOIN accounts d ON d.id = m.decided_by`

func scanAmendment(row pgx.Row) (recommendations.Amendment, error) {
	var a recommendations.Amendment
	var decider *int64
	var deciderName *string
	var deciderGroup *igfplus.StakeholderGroup
	var decided *time.Time
	err := row.Scan(&a.ID, &a.RecommendationID, &a.Version, &a.Paragraph, &a.Text, &a.Rationale,
		&a.ProposedBy.AccountID, &a.ProposedBy.Name, &a.ProposedBy.StakeholderGroup, &a.State, &a.CreatedAt,
		&decider, &deciderName, &deciderGroup, &decided, &a.AppliedVersion)
	a.DecidedBy = person(decider, deciderName, deciderGroup)
	if decided != nil {
		a.DecidedAt = *decided
	}
	return a, err
}

func readAmendment(ctx context.Context, q pgdb.Querier, id int64, lock bool) (recommendations.Amendment, error) {
	sql := amendmentSelect + ` WHERE m.id = $1`
	if lock {
		sql += ` FOR UPDATE OF m`
	}
	a, err := scanAmendment(q.QueryRow(ctx, sql, id))
	if err != nil {
		return a, pgdb.NotFound(err, "The amendment")
	}
	return a, nil
}

// ProposeAmendment stores a proposed amendment.
func (s *Store) ProposeAmendment(ctx context.Context, a recommendations.Amendment) (recommendations.Amendment, error) {
	var out recommendations.Amendment
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `
			INSERT INTO amendments (recommendation_id, version, paragraph, proposed_text, rationale, proposed_by)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			a.RecommendationID, a.Version, a.Paragraph, a.Text, a.Rationale, a.ProposedBy.AccountID).Scan(&id); err != nil {
			return err
		}
		var err error
		out, err = readAmendment(ctx, tx, id, false)
		return err
	})
	return out, err
}

// Amendments lists a recommendation's amendments, oldest first.
func (s *Store) Amendments(ctx context.Context, id int64) ([]recommendations.Amendment, error) {
	rows, err := s.db.Pool.Query(ctx, amendmentSelect+` WHERE m.recommendation_id = $1 ORDER BY m.id`, id)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (recommendations.Amendment, error) { return scanAmendment(r) })
}

// DecideAmendment has a drafter accept or reject a proposed amendment.
func (s *Store) DecideAmendment(ctx context.Context, id, amendmentID int64, accept bool, by int64) (recommendations.Amendment, error) {
	var out recommendations.Amendment
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		out, err = decide(ctx, tx, id, amendmentID, accept, false, by)
		return err
	})
	return out, err
}

// AcceptAmendmentTx accepts amendment amendmentID as the result of a poll,
// inside the poll's closing transaction tx: it writes the next version of
// the recommendation's text (what recommendations.AmendedBody gives, noted
// as the amendment's) and marks the amendment accepted, decided by by.
//
// The amendment may be under_vote or proposed, or already marked accepted
// by the caller but not yet applied. It takes the recommendation's row lock.
// It fails with a domain error (igfplus.Error), and writes nothing, when the
// recommendation is no longer a draft, another amendment of it is under
// vote, the amendment was already decided, or its paragraph was revised
// since it was proposed (EConflict); the caller should then roll back or
// record the poll's result without a new version.
func (s *Store) AcceptAmendmentTx(ctx context.Context, tx pgx.Tx, amendmentID int64, by int64) error {
	_, err := decide(ctx, tx, 0, amendmentID, true, true, by)
	return err
}

// decide accepts or rejects amendmentID (of recommendation recID, unless
// zero) in tx, under the recommendation's row lock, as
// recommendations.CanDecide allows.
func decide(ctx context.Context, tx pgx.Tx, recID, amendmentID int64, accept, byVote bool, by int64) (recommendations.Amendment, error) {
	var owner int64
	if err := tx.QueryRow(ctx, `SELECT recommendation_id FROM amendments WHERE id = $1`, amendmentID).Scan(&owner); err != nil || (recID != 0 && owner != recID) {
		return recommendations.Amendment{}, pgdb.NotFound(orNoRows(err), "The amendment")
	}
	// The recommendation first, then the amendment: the order AddVersion
	// locks in too.
	state, otherUnderVote, err := lockRecommendation(ctx, tx, owner, amendmentID)
	if err != nil {
		return recommendations.Amendment{}, err
	}
	a, err := readAmendment(ctx, tx, amendmentID, true)
	if err != nil {
		return a, err
	}
	if byVote && a.State == recommendations.Accepted && a.AppliedVersion == 0 {
		a.State = recommendations.AmendmentUnderVote // the poll marked it first
	}
	if err := recommendations.CanDecide(state, a.State, byVote, accept, otherUnderVote); err != nil {
		return a, err
	}
	if !accept {
		_, err := tx.Exec(ctx, `UPDATE amendments SET state = 'rejected', decided_by = $2, decided_at = now() WHERE id = $1`, amendmentID, by)
		if err != nil {
			return a, err
		}
		return readAmendment(ctx, tx, amendmentID, false)
	}
	v, err := applyAmendment(ctx, tx, a, by)
	if err != nil {
		return a, err
	}
	if _, err := tx.Exec(ctx, `
		UPDATE amendments SET state = 'accepted', decided_by = $2, decided_at = now(), applied_version = $3
		WHERE id = $1`, amendmentID, by, v.Version); err != nil {
		return a, err
	}
	return readAmendment(ctx, tx, amendmentID, false)
}

// applyAmendment writes the version that accepting a produces.
func applyAmendment(ctx context.Context, tx pgx.Tx, a recommendations.Amendment, by int64) (recommendations.Version, error) {
	current, err := readVersion(ctx, tx, a.RecommendationID, 0)
	if err != nil {
		return current, err
	}
	base := current
	if a.Version != current.Version {
		if base, err = readVersion(ctx, tx, a.RecommendationID, a.Version); err != nil {
			return base, err
		}
	}
	body, err := recommendations.AmendedBody(a, base, current)
	if err != nil {
		return current, err
	}
	return insertVersion(ctx, tx, a.RecommendationID, current.Version+1, body, a.Note(), by)
}

// orNoRows turns a nil error (a row of the wrong recommendation) into
// pgx.ErrNoRows, so that both read as "not found".
func orNoRows(err error) error {
	if err == nil {
		return pgx.ErrNoRows
	}
	return err
}
