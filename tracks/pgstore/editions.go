package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

const editionColumns = `id, year, title, theme, host_country, venue, time_zone, starts_on, ends_on, format, max_policy_issues`

func scanEdition(row pgx.Row) (tracks.Edition, error) {
	var e tracks.Edition
	err := row.Scan(&e.ID, &e.Year, &e.Title, &e.Theme, &e.HostCountry, &e.Venue, &e.TimeZone, &e.StartsOn, &e.EndsOn, &e.Format, &e.MaxPolicyIssues)
	return e, err
}

// AddEdition inserts an edition; one a year.
func (p *Programme) AddEdition(ctx context.Context, e tracks.Edition) (tracks.Edition, error) {
	out, err := scanEdition(p.db.Pool.QueryRow(ctx, `
		INSERT INTO editions (year, title, theme, host_country, venue, time_zone, starts_on, ends_on, format, max_policy_issues)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING `+editionColumns,
		e.Year, e.Title, e.Theme, e.HostCountry, e.Venue, e.TimeZone, e.StartsOn, e.EndsOn, e.Format, e.MaxPolicyIssues))
	if pgdb.Violates(err, "editions_year_key") {
		return out, igfplus.Errorf(igfplus.EConflict, "There is already an edition in %d.", e.Year)
	}
	return out, pgdb.Wrap(err, "tracks: insert the edition of %d", e.Year)
}

// UpdateEdition changes an edition under its row lock, which the cap's
// trigger also takes: the cap cannot fall below the issues it has, even
// while one is being added.
func (p *Programme) UpdateEdition(ctx context.Context, e tracks.Edition) (tracks.Edition, error) {
	var out tracks.Edition
	err := p.db.InTx(ctx, func(tx pgx.Tx) error {
		var issues int
		err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM policy_issues WHERE edition_id = e.id)
			FROM editions e WHERE e.id = $1 FOR UPDATE`, e.ID).Scan(&issues)
		if err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The edition"), "tracks: lock edition %d", e.ID)
		}
		if e.MaxPolicyIssues < issues {
			return igfplus.Errorf(igfplus.EConflict, "The edition already has %d strategic policy issues: its cap cannot be lower.", issues)
		}
		out, err = scanEdition(tx.QueryRow(ctx, `
			UPDATE editions SET year = $2, title = $3, theme = $4, host_country = $5, venue = $6, time_zone = $7,
				starts_on = $8, ends_on = $9, format = $10, max_policy_issues = $11
			WHERE id = $1 RETURNING `+editionColumns,
			e.ID, e.Year, e.Title, e.Theme, e.HostCountry, e.Venue, e.TimeZone, e.StartsOn, e.EndsOn, e.Format, e.MaxPolicyIssues))
		if pgdb.Violates(err, "editions_year_key") {
			return igfplus.Errorf(igfplus.EConflict, "There is already an edition in %d.", e.Year)
		}
		return pgdb.Wrap(err, "tracks: update edition %d", e.ID)
	})
	return out, err
}

// UpdatePolicyIssue changes a policy issue's title and summary.
func (p *Programme) UpdatePolicyIssue(ctx context.Context, id int64, f tracks.PolicyIssueFields) (tracks.PolicyIssue, error) {
	var pi tracks.PolicyIssue
	err := p.db.Pool.QueryRow(ctx, `UPDATE policy_issues SET title = $2, summary = $3 WHERE id = $1
		RETURNING id, edition_id, position, slug, title, summary`, id, f.Title, f.Summary).
		Scan(&pi.ID, &pi.EditionID, &pi.Position, &pi.Slug, &pi.Title, &pi.Summary)
	return pi, pgdb.Wrap(pgdb.NotFound(err, "The policy issue"), "tracks: update policy issue %d", id)
}

// UpdateTrack changes a track; its policy issue, if any, is of its edition.
func (p *Programme) UpdateTrack(ctx context.Context, id int64, f tracks.TrackFields) error {
	return p.db.InTx(ctx, func(tx pgx.Tx) error {
		var edition int64
		if err := tx.QueryRow(ctx, `SELECT edition_id FROM tracks WHERE id = $1 FOR UPDATE`, id).Scan(&edition); err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The track"), "tracks: lock track %d", id)
		}
		if f.PolicyIssueID != 0 {
			if err := issueOfEdition(ctx, tx, f.PolicyIssueID, edition); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `UPDATE tracks SET title = $2, description = $3, policy_issue_id = nullif($4, 0) WHERE id = $1`,
			id, f.Title, f.Description, f.PolicyIssueID)
		return pgdb.Wrap(err, "tracks: update track %d", id)
	})
}
