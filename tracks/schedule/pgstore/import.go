package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	programme "github.com/igfplus/igfplus/tracks/pgstore"
	"github.com/igfplus/igfplus/tracks/schedule"
)

// Import checks and inserts a programme under the edition's lock, all in
// one transaction: a row refused, or any insert failing, leaves nothing.
func (s *Store) Import(ctx context.Context, edition int64, validate func(schedule.Catalogue) ([]schedule.Imported, []schedule.RowProblem)) ([]int64, []schedule.RowProblem, error) {
	var ids []int64
	var refused []schedule.RowProblem
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		ids, refused = nil, nil
		c, err := catalogue(ctx, tx, edition)
		if err != nil {
			return err
		}
		var rows []schedule.Imported
		if rows, refused = validate(c); len(refused) > 0 {
			return nil
		}
		for _, r := range rows {
			id, err := programme.AddSessionTx(ctx, tx, r.TrackID, r.Session, tracks.SessionStart{})
			if err != nil {
				return pgdb.Wrap(err, "schedule: import row %d", r.Line)
			}
			ids = append(ids, id)
		}
		return nil
	})
	return ids, refused, err
}

// catalogue reads what rows are checked against, the edition locked.
func catalogue(ctx context.Context, tx pgx.Tx, edition int64) (schedule.Catalogue, error) {
	c := schedule.Catalogue{Tracks: map[string]tracks.Track{}, Issues: map[string]int64{}, Slugs: map[string]bool{}}
	var zone string
	if err := tx.QueryRow(ctx, `SELECT starts_on, ends_on, time_zone FROM editions WHERE id = $1 FOR UPDATE`, edition).
		Scan(&c.Days.First, &c.Days.Last, &zone); err != nil {
		return c, pgdb.Wrap(pgdb.NotFound(err, "The edition"), "schedule: lock edition %d", edition)
	}
	var err error
	if c.Days.Zone, err = time.LoadLocation(zone); err != nil {
		return c, pgdb.Wrap(err, "schedule: the time zone of edition %d", edition)
	}
	rows, _ := tx.Query(ctx, `SELECT id, slug, coalesce(policy_issue_id, 0) FROM tracks WHERE edition_id = $1`, edition)
	var t tracks.Track
	if _, err := pgx.ForEachRow(rows, []any{&t.ID, &t.Slug, &t.PolicyIssueID}, func() error { c.Tracks[t.Slug] = t; return nil }); err != nil {
		return c, pgdb.Wrap(err, "schedule: read the tracks of edition %d", edition)
	}
	var id int64
	var slug string
	rows, _ = tx.Query(ctx, `SELECT id, slug FROM policy_issues WHERE edition_id = $1`, edition)
	if _, err := pgx.ForEachRow(rows, []any{&id, &slug}, func() error { c.Issues[slug] = id; return nil }); err != nil {
		return c, pgdb.Wrap(err, "schedule: read the policy issues of edition %d", edition)
	}
	// Session slugs are unique across editions.
	rows, _ = tx.Query(ctx, `SELECT slug FROM sessions`)
	if _, err := pgx.ForEachRow(rows, []any{&slug}, func() error { c.Slugs[slug] = true; return nil }); err != nil {
		return c, pgdb.Wrap(err, "schedule: read the session slugs")
	}
	rows, _ = tx.Query(ctx, `SELECT `+bookingColumns+` WHERE t.edition_id = $1`, edition)
	if c.Booked, err = collectBookings(rows); err != nil {
		return c, pgdb.Wrap(err, "schedule: read the sessions of edition %d", edition)
	}
	return c, nil
}
