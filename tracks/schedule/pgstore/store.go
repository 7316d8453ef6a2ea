// Package pgstore keeps the schedule in Postgres: placements checked under
// the edition's row lock, the sessions' people, their agendas before they
// begin, and imports in one transaction.
package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/schedule"
)

var _ schedule.Store = (*Store)(nil)

// Store is the Postgres store of the schedule.
type Store struct{ db *pgdb.DB }

// New returns a Store over db.
func New(db *pgdb.DB) *Store { return &Store{db: db} }

const bookingColumns = `s.id, s.title, s.track_id, s.policy_issue_id, s.format, s.state, s.room, s.starts_at, s.ends_at,
	coalesce((SELECT jsonb_agg(jsonb_build_object('account_id', a.id, 'name', a.display_name, 'role', r.role) ORDER BY r.role, a.display_name, a.id)
		FROM session_roles r JOIN accounts a ON a.id = r.account_id WHERE r.session_id = s.id), '[]')
	FROM sessions s JOIN tracks t ON t.id = s.track_id`

func collectBookings(rows pgx.Rows) ([]schedule.Booking, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (schedule.Booking, error) {
		var b schedule.Booking
		err := r.Scan(&b.ID, &b.Title, &b.TrackID, &b.PolicyIssueID, &b.Format, &b.State, &b.Room, &b.StartsAt, &b.EndsAt, &b.People)
		b.StartsAt, b.EndsAt = b.StartsAt.UTC(), b.EndsAt.UTC()
		return b, err
	})
}

// Programme lists an edition's sessions: unscheduled first, then by time.
func (s *Store) Programme(ctx context.Context, edition int64) ([]schedule.Booking, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT `+bookingColumns+` WHERE t.edition_id = $1
		ORDER BY s.state <> 'unscheduled', s.starts_at, s.room, s.id`, edition)
	list, err := collectBookings(rows)
	return list, pgdb.Wrap(err, "schedule: read the programme of edition %d", edition)
}

// Plan reads a session's plan.
func (s *Store) Plan(ctx context.Context, session int64) (schedule.Plan, error) {
	return plan(ctx, s.db.Pool, session, false)
}

// plan reads session's plan; lock takes the edition's row first, so that
// placements and imports of one edition are checked one at a time.
func plan(ctx context.Context, q pgdb.Querier, session int64, lock bool) (schedule.Plan, error) {
	var pl schedule.Plan
	var zone string
	sql := `SELECT e.id, e.starts_on, e.ends_on, e.time_zone FROM editions e
		JOIN tracks t ON t.edition_id = e.id JOIN sessions s ON s.track_id = t.id WHERE s.id = $1`
	if lock {
		sql += ` FOR UPDATE OF e`
	}
	if err := q.QueryRow(ctx, sql, session).Scan(&pl.EditionID, &pl.Days.First, &pl.Days.Last, &zone); err != nil {
		return pl, pgdb.Wrap(pgdb.NotFound(err, "The session"), "schedule: read the edition of session %d", session)
	}
	var err error
	if pl.Days.Zone, err = time.LoadLocation(zone); err != nil {
		return pl, pgdb.Wrap(err, "schedule: the time zone of edition %d", pl.EditionID)
	}
	rows, _ := q.Query(ctx, `SELECT `+bookingColumns+` WHERE t.edition_id = $1 ORDER BY s.starts_at, s.id`, pl.EditionID)
	all, err := collectBookings(rows)
	if err != nil {
		return pl, pgdb.Wrap(err, "schedule: read the sessions of edition %d", pl.EditionID)
	}
	for _, b := range all {
		if b.ID == session {
			pl.Session = b
		} else {
			pl.Others = append(pl.Others, b)
		}
	}
	return pl, nil
}

// CheckPlacedTx refuses, inside tx, session's slot (its room and times as
// inserted in tx) when it clashes in a way nobody may confirm, under the
// edition's lock as Place: the programme's store runs it for a session a
// track's planners add with its slot (pgstore.Programme.CheckingSlots).
func CheckPlacedTx(ctx context.Context, tx pgx.Tx, session int64) error {
	pl, err := plan(ctx, tx, session, true)
	if err != nil {
		return err
	}
	b := pl.Session
	return schedule.RefuseBlocking(pl.Check(schedule.Placement{Room: b.Room, StartsAt: b.StartsAt, EndsAt: b.EndsAt}))
}

// Place saves a placement decide allows, under the edition's lock.
func (s *Store) Place(ctx context.Context, session int64, p schedule.Placement, decide func(schedule.Plan) error) (schedule.Booking, error) {
	var out schedule.Booking
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		pl, err := plan(ctx, tx, session, true)
		if err != nil {
			return err
		}
		if err := decide(pl); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE sessions SET room = $2, starts_at = $3, ends_at = $4,
			state = CASE WHEN state = 'unscheduled' THEN 'scheduled' ELSE state END WHERE id = $1`,
			session, p.Room, p.StartsAt, p.EndsAt); err != nil {
			return pgdb.Wrap(err, "schedule: place session %d", session)
		}
		rows, _ := tx.Query(ctx, `SELECT `+bookingColumns+` WHERE s.id = $1`, session)
		list, err := collectBookings(rows)
		if err == nil && len(list) == 1 {
			out = list[0]
		}
		return pgdb.Wrap(err, "schedule: read session %d", session)
	})
	return out, err
}

// lockSession takes a session's row lock and refuses once it has begun.
func lockSession(ctx context.Context, tx pgx.Tx, session int64) error {
	var state string
	if err := tx.QueryRow(ctx, `SELECT state FROM sessions WHERE id = $1 FOR UPDATE`, session).Scan(&state); err != nil {
		return pgdb.Wrap(pgdb.NotFound(err, "The session"), "schedule: lock session %d", session)
	}
	if state != "unscheduled" && state != "scheduled" {
		return igfplus.Errorf(igfplus.EConflict, "The session has begun: its moderators run its agenda.")
	}
	return nil
}
