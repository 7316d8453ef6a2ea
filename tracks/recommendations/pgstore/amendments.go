package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
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
		return a, pgdb.Wrap(pgdb.NotFound(err, "The amendment"), "recommendations: read amendment %d", id)
	}
	list := []recommendations.Amendment{a}
	err = withSupporters(ctx, q, list)
	return list[0], err
}

// withSupporters fills in the supporters of list, in the order they came.
func withSupporters(ctx context.Context, q pgdb.Querier, list []recommendations.Amendment) error {
	for i := range list {
		list[i].Supporters = []recommendations.Person{}
	}
	return withPeople(ctx, q, list, func(a recommendations.Amendment) int64 { return a.ID }, "supporters", `
		SELECT s.amendment_id, a.id, a.display_name, a.stakeholder_group
		FROM amendment_supports s JOIN accounts a ON a.id = s.account_id
		WHERE s.amendment_id = ANY($1) ORDER BY s.amendment_id, s.created_at, a.id`,
		func(a *recommendations.Amendment, p recommendations.Person) { a.Supporters = append(a.Supporters, p) })
}

// amendmentEvent appends an amendment event of kind for a, with the diff
// of the paragraph it replaces in the version it was proposed on.
func amendmentEvent(ctx context.Context, tx pgx.Tx, kind string, a recommendations.Amendment) ([]hub.Event, error) {
	base, err := readVersion(ctx, tx, a.RecommendationID, a.Version)
	if err != nil {
		return nil, err
	}
	return appendEvent(ctx, tx, a.RecommendationID, kind,
		recommendations.AmendmentEvent{Amendment: a, Diff: recommendations.AmendmentDiff(a, base)})
}

// ProposeAmendment stores a proposed amendment; its room hears of it once
// it has committed.
func (s *Store) ProposeAmendment(ctx context.Context, a recommendations.Amendment) (recommendations.Amendment, error) {
	var out recommendations.Amendment
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		var id int64
		if err := tx.QueryRow(ctx, `
			INSERT INTO amendments (recommendation_id, version, paragraph, proposed_text, rationale, proposed_by)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			a.RecommendationID, a.Version, a.Paragraph, a.Text, a.Rationale, a.ProposedBy.AccountID).Scan(&id); err != nil {
			return nil, pgdb.Wrap(err, "recommendations: insert amendment")
		}
		var err error
		if out, err = readAmendment(ctx, tx, id, false); err != nil {
			return nil, err
		}
		return amendmentEvent(ctx, tx, recommendations.EventAmendmentProposed, out)
	})
	return out, err
}

// Support records accountID's support under the recommendation's row lock
// (the order decide takes its locks in), so that an amendment being
// decided is not supported meanwhile.
func (s *Store) Support(ctx context.Context, id, amendmentID, accountID int64) (recommendations.Amendment, error) {
	var out recommendations.Amendment
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		if _, _, err := lockRecommendation(ctx, tx, id, 0); err != nil {
			return nil, err
		}
		a, err := readAmendment(ctx, tx, amendmentID, true)
		switch {
		case err != nil:
			return nil, err
		case a.RecommendationID != id:
			return nil, pgdb.NotFound(pgx.ErrNoRows, "The amendment")
		case a.State != recommendations.Proposed:
			return nil, recommendations.ErrNotProposed
		case a.ProposedBy.AccountID == accountID:
			return nil, recommendations.ErrOwnAmendment
		}
		tag, err := tx.Exec(ctx, `
			INSERT INTO amendment_supports (amendment_id, account_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, amendmentID, accountID)
		if err != nil {
			return nil, pgdb.Wrap(err, "recommendations: insert support")
		}
		if tag.RowsAffected() == 0 {
			return nil, recommendations.ErrSupportedAlready
		}
		if out, err = readAmendment(ctx, tx, amendmentID, false); err != nil {
			return nil, err
		}
		return amendmentEvent(ctx, tx, recommendations.EventAmendmentChanged, out)
	})
	return out, err
}

// Amendments lists a recommendation's amendments, oldest first.
func (s *Store) Amendments(ctx context.Context, id int64) ([]recommendations.Amendment, error) {
	rows, err := s.db.Pool.Query(ctx, amendmentSelect+` WHERE m.recommendation_id = $1 ORDER BY m.id`, id)
	if err != nil {
		return nil, pgdb.Wrap(err, "recommendations: read the amendments of %d", id)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (recommendations.Amendment, error) { return scanAmendment(r) })
	if err != nil {
		return nil, pgdb.Wrap(err, "recommendations: read the amendments of %d", id)
	}
	return list, withSupporters(ctx, s.db.Pool, list)
}

// DecideAmendment has a drafter accept or reject a proposed amendment.
func (s *Store) DecideAmendment(ctx context.Context, id, amendmentID int64, accept bool, by int64) (recommendations.Amendment, error) {
	var out recommendations.Amendment
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		var err error
		var events []hub.Event
		out, events, err = decide(ctx, tx, id, amendmentID, accept, false, by)
		return events, err
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
//
// It returns the events it appended to the recommendation's room log in tx
// (the amendment and the new version), for the poll's store to announce
// once its transaction has committed.
func (s *Store) AcceptAmendmentTx(ctx context.Context, tx pgx.Tx, amendmentID int64, by int64) ([]hub.Event, error) {
	_, events, err := decide(ctx, tx, 0, amendmentID, true, true, by)
	return events, err
}

// PollChangedTx appends to recommendation recID's room log, in tx, what a
// poll on it has just changed there (the poll's store writes the states):
// the amendment's new state for a poll on amendmentID, otherwise the
// recommendation's state. The poll's store announces the events after its
// commit, so an open recommendation page shows a vote's outcome at once.
func (s *Store) PollChangedTx(ctx context.Context, tx pgx.Tx, recID, amendmentID int64) ([]hub.Event, error) {
	if amendmentID == 0 {
		var state recommendations.State
		if err := tx.QueryRow(ctx, `SELECT state FROM recommendations WHERE id = $1`, recID).Scan(&state); err != nil {
			return nil, pgdb.Wrap(err, "recommendations: read the state of %d", recID)
		}
		return appendEvent(ctx, tx, recID, recommendations.EventStateChanged,
			recommendations.StateEvent{RecommendationID: recID, State: state})
	}
	a, err := readAmendment(ctx, tx, amendmentID, false)
	if err != nil {
		return nil, err
	}
	return amendmentEvent(ctx, tx, recommendations.EventAmendmentChanged, a)
}

// decide accepts or rejects amendmentID (of recommendation recID, unless
// zero) in tx, under the recommendation's row lock, as
// recommendations.CanDecide allows, and appends the events that announce
// it: the amendment, and for an accepted one the new version.
func decide(ctx context.Context, tx pgx.Tx, recID, amendmentID int64, accept, byVote bool, by int64) (recommendations.Amendment, []hub.Event, error) {
	var owner int64
	if err := tx.QueryRow(ctx, `SELECT recommendation_id FROM amendments WHERE id = $1`, amendmentID).Scan(&owner); err != nil || (recID != 0 && owner != recID) {
		return recommendations.Amendment{}, nil, pgdb.Wrap(pgdb.NotFound(orNoRows(err), "The amendment"), "recommendations: read the recommendation of amendment %d", amendmentID)
	}
	// The recommendation first, then the amendment: the order AddVersion
	// locks in too.
	state, otherUnderVote, err := lockRecommendation(ctx, tx, owner, amendmentID)
	if err != nil {
		return recommendations.Amendment{}, nil, err
	}
	a, err := readAmendment(ctx, tx, amendmentID, true)
	if err != nil {
		return a, nil, err
	}
	if byVote && a.State == recommendations.Accepted && a.AppliedVersion == 0 {
		a.State = recommendations.AmendmentUnderVote // the poll marked it first
	}
	if err := recommendations.CanDecide(state, a.State, byVote, accept, otherUnderVote); err != nil {
		return a, nil, err
	}
	var v recommendations.Version
	if !accept {
		_, err = tx.Exec(ctx, `UPDATE amendments SET state = 'rejected', decided_by = $2, decided_at = now() WHERE id = $1`, amendmentID, by)
	} else if v, err = applyAmendment(ctx, tx, a, by); err == nil {
		_, err = tx.Exec(ctx, `
			UPDATE amendments SET state = 'accepted', decided_by = $2, decided_at = now(), applied_version = $3
			WHERE id = $1`, amendmentID, by, v.Version)
	}
	if err != nil {
		return a, nil, pgdb.Wrap(err, "recommendations: decide amendment")
	}
	if a, err = readAmendment(ctx, tx, amendmentID, false); err != nil {
		return a, nil, err
	}
	events, err := amendmentEvent(ctx, tx, recommendations.EventAmendmentChanged, a)
	if err != nil || !accept {
		return a, events, err
	}
	more, err := revisionEvent(ctx, tx, v)
	return a, append(events, more...), err
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
