package pgstore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

// readRecord reads a recommendation's record; one never kept is empty.
func readRecord(ctx context.Context, q pgdb.Querier, id int64) (recommendations.Record, error) {
	rec := recommendations.Record{Dissent: []recommendations.Dissent{}}
	var by recommendations.Person
	err := q.QueryRow(ctx, `
		SELECT r.consensus, r.updated_by, a.display_name, a.stakeholder_group, r.updated_at
		FROM recommendation_record r JOIN accounts a ON a.id = r.updated_by
		WHERE r.recommendation_id = $1`, id).Scan(&rec.Consensus, &by.AccountID, &by.Name, &by.StakeholderGroup, &rec.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return rec, nil
	}
	if err != nil {
		return rec, pgdb.Wrap(err, "recommendations: read the record of %d", id)
	}
	rec.UpdatedBy = &by
	rows, err := q.Query(ctx, `
		SELECT stakeholder_group, who, reason FROM recommendation_dissent
		WHERE recommendation_id = $1 ORDER BY position`, id)
	if err != nil {
		return rec, pgdb.Wrap(err, "recommendations: read the dissent on %d", id)
	}
	rec.Dissent, err = pgx.CollectRows(rows, pgx.RowToStructByPos[recommendations.Dissent])
	return rec, pgdb.Wrap(err, "recommendations: read the dissent on %d", id)
}

// Record returns a recommendation's record.
func (s *Store) Record(ctx context.Context, id int64) (recommendations.Record, error) {
	return readRecord(ctx, s.db.Pool, id)
}

// SetRecord replaces the record under the recommendation's row lock; its
// room hears of it once it has committed.
func (s *Store) SetRecord(ctx context.Context, id int64, r recommendations.Record, by int64) (recommendations.Record, error) {
	var out recommendations.Record
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		state, _, err := lockRecommendation(ctx, tx, id, 0)
		if err != nil {
			return nil, err
		}
		if err := recommendations.RecordChangeable(state); err != nil {
			return nil, err
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO recommendation_record (recommendation_id, consensus, updated_by) VALUES ($1, $2, $3)
			ON CONFLICT (recommendation_id) DO UPDATE SET consensus = $2, updated_by = $3, updated_at = now()`,
			id, r.Consensus, by); err != nil {
			return nil, pgdb.Wrap(err, "recommendations: save the record of %d", id)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM recommendation_dissent WHERE recommendation_id = $1`, id); err != nil {
			return nil, pgdb.Wrap(err, "recommendations: delete the dissent on %d", id)
		}
		for i, d := range r.Dissent {
			if _, err := tx.Exec(ctx, `
				INSERT INTO recommendation_dissent (recommendation_id, position, stakeholder_group, who, reason)
				VALUES ($1, $2, $3, $4, $5)`, id, i+1, d.StakeholderGroup, d.Who, d.Reason); err != nil {
				return nil, pgdb.Wrap(err, "recommendations: insert dissent %d on %d", i+1, id)
			}
		}
		if out, err = readRecord(ctx, tx, id); err != nil {
			return nil, err
		}
		return appendEvent(ctx, tx, id, recommendations.EventRecordChanged, out)
	})
	return out, err
}
