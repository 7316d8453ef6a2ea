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

const linkColumns = `l.id, l.nri_track_id, ft.title, coalesce(ft.nri_id, 0), coalesce(n.name, ''),
	l.global_track_id, gt.title, l.state, l.note, coalesce(l.asked_by, 0), coalesce(ask.display_name, ''), l.asked_at,
	coalesce(l.decided_by, 0), coalesce(dec.display_name, ''), l.decided_at, l.reason
	FROM track_links l
	JOIN tracks ft ON ft.id = l.nri_track_id LEFT JOIN nris n ON n.id = ft.nri_id
	JOIN tracks gt ON gt.id = l.global_track_id
	LEFT JOIN accounts ask ON ask.id = l.asked_by LEFT JOIN accounts dec ON dec.id = l.decided_by`

func scanLink(row pgx.Row) (nris.Link, error) {
	var l nris.Link
	var by tracks.Person
	var at *time.Time
	err := row.Scan(&l.ID, &l.NRITrackID, &l.NRITrackTitle, &l.NRIID, &l.NRIName, &l.GlobalTrackID, &l.GlobalTrackTitle,
		&l.State, &l.Note, &l.AskedBy.ID, &l.AskedBy.Name, &l.AskedAt, &by.ID, &by.Name, &at, &l.Reason)
	if by.ID != 0 {
		l.DecidedBy = &by
	}
	if at != nil {
		l.DecidedAt = *at
	}
	return l, err
}

// AskLink inserts a pending link; the partial unique index refuses a
// second open one for the pair (a conflict).
func (s *Store) AskLink(ctx context.Context, nriTrack, globalTrack, by int64, note string) (nris.Link, error) {
	var id int64
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO track_links (nri_track_id, global_track_id, asked_by, note) VALUES ($1, $2, $3, $4) RETURNING id`,
			nriTrack, globalTrack, by, note).Scan(&id)
		return pgdb.Wrap(err, "nris: insert link from track %d to %d", nriTrack, globalTrack)
	})
	if err != nil {
		return nris.Link{}, err
	}
	return s.Link(ctx, id)
}

// Link reads one link.
func (s *Store) Link(ctx context.Context, id int64) (nris.Link, error) {
	l, err := scanLink(s.db.Pool.QueryRow(ctx, `SELECT `+linkColumns+` WHERE l.id = $1`, id))
	return l, pgdb.Wrap(pgdb.NotFound(err, "The link"), "nris: read link %d", id)
}

// Links lists links of a track (either side), newest first.
func (s *Store) Links(ctx context.Context, track int64, state nris.LinkState) ([]nris.Link, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT `+linkColumns+`
		WHERE ($1 = 0 OR l.nri_track_id = $1 OR l.global_track_id = $1) AND ($2 = '' OR l.state = $2)
		ORDER BY l.id DESC LIMIT 500`, track, string(state))
	links, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (nris.Link, error) { return scanLink(r) })
	return links, pgdb.Wrap(err, "nris: list the links of track %d", track)
}

// DecideLink decides a pending link under its row lock; accepting copies
// the NRI track's adopted recommendations into the intake in the same
// transaction (later adoptions arrive by the database's trigger).
func (s *Store) DecideLink(ctx context.Context, id, by int64, accept bool, reason string) (nris.Link, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var state string
		if err := tx.QueryRow(ctx, `SELECT state FROM track_links WHERE id = $1 FOR UPDATE`, id).Scan(&state); err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The link"), "nris: lock link %d", id)
		}
		if state != string(nris.LinkPending) {
			return igfplus.Errorf(igfplus.EConflict, "The link was already %s.", igfplus.Text(state))
		}
		to := nris.LinkDeclined
		if accept {
			to = nris.LinkAccepted
		}
		if _, err := tx.Exec(ctx, `UPDATE track_links SET state = $2, decided_by = $3, decided_at = now(), reason = $4 WHERE id = $1`,
			id, to, by, reason); err != nil {
			return pgdb.Wrap(err, "nris: decide link %d", id)
		}
		if !accept {
			return nil
		}
		// The NRI track's row, against an adoption at this moment
		// (migration 0044): whichever commits second sees the other.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM tracks t JOIN track_links l ON l.nri_track_id = t.id WHERE l.id = $1 FOR UPDATE OF t`, id); err != nil {
			return pgdb.Wrap(err, "nris: lock the track of link %d", id)
		}
		_, err := tx.Exec(ctx, `SELECT intake_adopted(l.id, r.id) FROM track_links l
			JOIN recommendations r ON r.track_id = l.nri_track_id AND r.state = 'adopted' WHERE l.id = $1`, id)
		return pgdb.Wrap(err, "nris: take the adopted recommendations of link %d into the intake", id)
	})
	if err != nil {
		return nris.Link{}, err
	}
	return s.Link(ctx, id)
}

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
