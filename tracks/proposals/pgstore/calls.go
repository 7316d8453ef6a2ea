// Package pgstore keeps the call for session proposals, the proposals and
// their review in Postgres.
package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/proposals"
)

var _ proposals.Store = (*Store)(nil)

// Store is the Postgres store of calls, proposals and reviews.
type Store struct{ db *pgdb.DB }

// New returns a Store over db.
func New(db *pgdb.DB) *Store { return &Store{db: db} }

// CallOf returns an edition's call with its rubric.
func (s *Store) CallOf(ctx context.Context, edition int64) (proposals.Call, error) {
	return callWhere(ctx, s.db.Pool, `edition_id = $1`, edition)
}

// Call returns a call by id.
func (s *Store) Call(ctx context.Context, id int64) (proposals.Call, error) {
	return callWhere(ctx, s.db.Pool, `id = $1`, id)
}

func callWhere(ctx context.Context, q pgdb.Querier, where string, arg int64) (proposals.Call, error) {
	var c proposals.Call
	err := q.QueryRow(ctx, `SELECT id, edition_id, opens_at, closes_at, intro FROM proposal_calls WHERE `+where, arg).
		Scan(&c.ID, &c.EditionID, &c.Opens, &c.Closes, &c.Intro)
	if err != nil {
		return proposals.Call{}, pgdb.Wrap(pgdb.NotFound(err, "The call for proposals"), "proposals: read call (%s, %d)", where, arg)
	}
	rows, _ := q.Query(ctx, `SELECT id, name, weight FROM proposal_criteria WHERE call_id = $1 ORDER BY position`, c.ID)
	c.Rubric, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (proposals.Criterion, error) {
		var k proposals.Criterion
		err := r.Scan(&k.ID, &k.Name, &k.Weight)
		return k, err
	})
	return c, pgdb.Wrap(err, "proposals: read the rubric of call %d", c.ID)
}

// SaveCall opens the edition's call or changes it: one call per edition
// (its unique key), so two Secretariat members saving at once change one.
func (s *Store) SaveCall(ctx context.Context, edition int64, c proposals.CallChange) (proposals.Call, error) {
	var out proposals.Call
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO proposal_calls (edition_id, opens_at, closes_at, intro) VALUES ($1, $2, $3, $4)
			ON CONFLICT (edition_id) DO UPDATE SET opens_at = $2, closes_at = $3, intro = $4`, edition, c.Opens, c.Closes, c.Intro)
		if err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The edition"), "proposals: save the call of edition %d", edition)
		}
		out, err = callWhere(ctx, tx, `edition_id = $1`, edition)
		return err
	})
	return out, err
}

// SetRubric replaces the rubric under the call's row lock; a review takes
// the same lock (Review), so no score slips in between the check and the
// change.
func (s *Store) SetRubric(ctx context.Context, call int64, rubric []proposals.Criterion) (proposals.Call, error) {
	var out proposals.Call
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var scored bool
		err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM proposal_reviews r JOIN proposals p ON p.id = r.proposal_id
			WHERE p.call_id = c.id AND NOT r.conflict) FROM proposal_calls c WHERE c.id = $1 FOR UPDATE OF c`, call).Scan(&scored)
		if err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The call for proposals"), "proposals: lock call %d", call)
		}
		if scored {
			return igfplus.Errorf(igfplus.EConflict, "Reviewers have scored proposals against this rubric: it can no longer change.")
		}
		if _, err := tx.Exec(ctx, `DELETE FROM proposal_criteria WHERE call_id = $1`, call); err != nil {
			return pgdb.Wrap(err, "proposals: clear the rubric of call %d", call)
		}
		for i, k := range rubric {
			if _, err := tx.Exec(ctx, `INSERT INTO proposal_criteria (call_id, position, name, weight) VALUES ($1, $2, $3, $4)`,
				call, i+1, k.Name, k.Weight); err != nil {
				return pgdb.Wrap(err, "proposals: insert a criterion of call %d", call)
			}
		}
		out, err = callWhere(ctx, tx, `id = $1`, call)
		return err
	})
	return out, err
}
