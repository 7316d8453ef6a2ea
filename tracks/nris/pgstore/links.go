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
		_, err := tx.Exec(ctx, `SELECT intake_adopted(l.id, r.id) FROM track_links l
			JOIN recommendations r ON r.track_id = l.nri_track_id AND r.state = 'adopted' WHERE l.id = $1`, id)
		return pgdb.Wrap(err, "nris: take the adopted recommendations of link %d into the intake", id)
	})
	if err != nil {
		return nris.Link{}, err
	}
	return s.Link(ctx, id)
}
