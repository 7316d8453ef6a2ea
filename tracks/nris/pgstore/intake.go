package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
)

const intakeColumns = `i.id, i.global_track_id, coalesce(i.link_id, 0), i.origin_installation, i.origin_nri, i.origin_track,
	i.origin_recommendation_id, i.origin_title, i.origin_body, i.origin_result, i.origin_adopted_at, i.received_at,
	i.state, coalesce(i.merged_into, 0), i.answer, coalesce(i.decided_by, 0), coalesce(a.display_name, ''), i.decided_at
	FROM intake_items i LEFT JOIN accounts a ON a.id = i.decided_by`

func scanIntake(row pgx.Row) (nris.IntakeItem, error) {
	var it nris.IntakeItem
	var by tracks.Person
	var adopted, decided *time.Time
	var result []byte
	o := &it.Origin
	err := row.Scan(&it.ID, &it.GlobalTrackID, &it.LinkID, &o.Installation, &o.NRI, &o.Track,
		&o.RecommendationID, &o.Title, &o.Body, &result, &adopted, &it.ReceivedAt,
		&it.State, &it.MergedInto, &it.Answer, &by.ID, &by.Name, &decided)
	o.PollResult = result
	if adopted != nil {
		o.AdoptedAt = *adopted
	}
	if decided != nil {
		it.DecidedAt = *decided
	}
	if by.ID != 0 {
		it.DecidedBy = &by
	}
	return it, err
}

// Intake lists a global track's intake, newest first.
func (s *Store) Intake(ctx context.Context, globalTrack int64) ([]nris.IntakeItem, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT `+intakeColumns+` WHERE i.global_track_id = $1 ORDER BY i.id DESC LIMIT 500`, globalTrack)
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (nris.IntakeItem, error) { return scanIntake(r) })
	return items, pgdb.Wrap(err, "nris: read the intake of track %d", globalTrack)
}

// IntakeItem reads one item.
func (s *Store) IntakeItem(ctx context.Context, id int64) (nris.IntakeItem, error) {
	it, err := scanIntake(s.db.Pool.QueryRow(ctx, `SELECT `+intakeColumns+` WHERE i.id = $1`, id))
	return it, pgdb.Wrap(pgdb.NotFound(err, "The intake item"), "nris: read intake item %d", id)
}

// Merge marks a pending item merged into a recommendation of its track.
func (s *Store) Merge(ctx context.Context, item, rec, by int64) (nris.IntakeItem, error) {
	return s.decideItem(ctx, item, func(tx pgx.Tx, track int64) error {
		var ok bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM recommendations WHERE id = $1 AND track_id = $2)`, rec, track).Scan(&ok); err != nil {
			return pgdb.Wrap(err, "nris: check that recommendation %d is of track %d", rec, track)
		}
		if !ok {
			return igfplus.Errorf(igfplus.EInvalid, "Merge into a recommendation of the same global track.")
		}
		_, err := tx.Exec(ctx, `UPDATE intake_items SET state = 'merged', merged_into = $2, decided_by = $3, decided_at = now() WHERE id = $1`, item, rec, by)
		return pgdb.Wrap(err, "nris: merge intake item %d", item)
	})
}

// Answer marks a pending item answered.
func (s *Store) Answer(ctx context.Context, item, by int64, answer string) (nris.IntakeItem, error) {
	return s.decideItem(ctx, item, func(tx pgx.Tx, _ int64) error {
		_, err := tx.Exec(ctx, `UPDATE intake_items SET state = 'answered', answer = $2, decided_by = $3, decided_at = now() WHERE id = $1`, item, answer, by)
		return pgdb.Wrap(err, "nris: answer intake item %d", item)
	})
}

// decideItem runs decide on a pending item under its row lock.
func (s *Store) decideItem(ctx context.Context, item int64, decide func(pgx.Tx, int64) error) (nris.IntakeItem, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var state string
		var track int64
		if err := tx.QueryRow(ctx, `SELECT state, global_track_id FROM intake_items WHERE id = $1 FOR UPDATE`, item).Scan(&state, &track); err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The intake item"), "nris: lock intake item %d", item)
		}
		if state != string(nris.IntakePending) {
			return igfplus.Errorf(igfplus.EConflict, "The item was already %s.", igfplus.Text(state))
		}
		return decide(tx, track)
	})
	if err != nil {
		return nris.IntakeItem{}, err
	}
	return s.IntakeItem(ctx, item)
}
