package pgstore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ tracks.Store = (*Programme)(nil)

// AddPolicyIssue appends an issue. The cap's trigger locks the edition's
// row, so two concurrent additions cannot both pass; its refusal becomes a
// conflict naming the cap.
func (p *Programme) AddPolicyIssue(ctx context.Context, n tracks.NewPolicyIssue) (tracks.PolicyIssue, error) {
	pi := tracks.PolicyIssue{EditionID: n.EditionID, Slug: n.Slug, Title: n.Title, Summary: n.Summary}
	err := p.db.InTx(ctx, func(tx pgx.Tx) error {
		var limit int
		if err := tx.QueryRow(ctx, `SELECT max_policy_issues FROM editions WHERE id = $1`, n.EditionID).Scan(&limit); err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The edition"), "tracks: read the cap of edition %d", n.EditionID)
		}
		err := tx.QueryRow(ctx, `INSERT INTO policy_issues (edition_id, position, slug, title, summary)
			SELECT $1, coalesce(max(position), 0) + 1, $2, $3, $4 FROM policy_issues WHERE edition_id = $1 RETURNING id, position`,
			n.EditionID, n.Slug, n.Title, n.Summary).Scan(&pi.ID, &pi.Position)
		if isCheck(err) {
			// Not wrapped: the pool's mapping would make it a bare "invalid".
			return igfplus.Errorf(igfplus.EConflict, "The edition's focused agenda already has its %d strategic policy issues.", limit)
		}
		return pgdb.Wrap(err, "tracks: insert policy issue")
	})
	return pi, err
}

const trackColumns = `t.id, t.edition_id, coalesce(t.policy_issue_id, 0), t.kind, t.slug, t.title, t.description,
	coalesce(t.nri_id, 0), coalesce(n.name, ''), coalesce(t.lead_id, 0), coalesce(l.display_name, '')
	FROM tracks t LEFT JOIN nris n ON n.id = t.nri_id LEFT JOIN accounts l ON l.id = t.lead_id`

func scanTrack(row pgx.Row) (tracks.TrackInfo, error) {
	var t tracks.TrackInfo
	var lead tracks.Person
	err := row.Scan(&t.ID, &t.EditionID, &t.PolicyIssueID, &t.Kind, &t.Slug, &t.Title, &t.Description,
		&t.NRIID, &t.NRIName, &lead.ID, &lead.Name)
	if lead.ID != 0 {
		t.Lead = &lead
	}
	return t, err
}

// Track reads a track.
func (p *Programme) Track(ctx context.Context, id int64) (tracks.TrackInfo, error) {
	t, err := scanTrack(p.db.Pool.QueryRow(ctx, `SELECT `+trackColumns+` WHERE t.id = $1`, id))
	return t, pgdb.Wrap(pgdb.NotFound(err, "The track"), "tracks: read track %d", id)
}

// TracksOfNRI lists an initiative's tracks.
func (p *Programme) TracksOfNRI(ctx context.Context, nri int64) ([]tracks.TrackInfo, error) {
	rows, _ := p.db.Pool.Query(ctx, `SELECT `+trackColumns+` WHERE t.nri_id = $1 ORDER BY t.id`, nri)
	ts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tracks.TrackInfo, error) { return scanTrack(r) })
	return ts, pgdb.Wrap(err, "tracks: read the tracks of initiative %d", nri)
}

// TracksOfEdition lists an edition's tracks.
func (p *Programme) TracksOfEdition(ctx context.Context, edition int64) ([]tracks.TrackInfo, error) {
	rows, _ := p.db.Pool.Query(ctx, `SELECT `+trackColumns+` WHERE t.edition_id = $1 ORDER BY t.id`, edition)
	ts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tracks.TrackInfo, error) { return scanTrack(r) })
	return ts, pgdb.Wrap(err, "tracks: read the tracks of edition %d", edition)
}

// AddTrack inserts a track whose policy issue, if any, is of its edition.
func (p *Programme) AddTrack(ctx context.Context, n tracks.NewTrack) (int64, error) {
	var id int64
	err := p.db.InTx(ctx, func(tx pgx.Tx) error {
		if n.PolicyIssueID != 0 {
			if err := issueOfEdition(ctx, tx, n.PolicyIssueID, n.EditionID); err != nil {
				return err
			}
		}
		err := tx.QueryRow(ctx, `INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title, description, nri_id, lead_id)
			VALUES ($1, nullif($2::bigint, 0), $3, $4, $5, $6, nullif($7::bigint, 0), nullif($8::bigint, 0)) RETURNING id`,
			n.EditionID, n.PolicyIssueID, n.Kind, n.Slug, n.Title, n.Description, n.NRIID, n.LeadID).Scan(&id)
		return pgdb.Wrap(err, "tracks: insert track")
	})
	return id, err
}

// AddSession inserts a session tied to a policy issue: the track's own,
// or, for a track spanning issues, one of the track's edition.
func (p *Programme) AddSession(ctx context.Context, track int64, n tracks.NewSession, start tracks.SessionStart) (int64, error) {
	var id int64
	err := p.db.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		if id, err = AddSessionTx(ctx, tx, track, n, start); err != nil || n.Unscheduled || p.checkSlot == nil {
			return err
		}
		// The Forum's own programme only: an initiative's sessions keep
		// their own days and venues, which the Forum's rooms and days
		// do not bind.
		var forums bool
		if err := tx.QueryRow(ctx, `SELECT nri_id IS NULL AND peer_id IS NULL FROM tracks WHERE id = $1`, track).Scan(&forums); err != nil || !forums {
			return pgdb.Wrap(err, "tracks: read whose track %d is", track)
		}
		return p.checkSlot(ctx, tx, id)
	})
	return id, err
}

// AddSessionTx is AddSession inside tx, for a write of another store that
// adds a session in its own transaction (an accepted proposal). A session
// with n.Unscheduled waits in state 'unscheduled' for the scheduler.
func AddSessionTx(ctx context.Context, tx pgx.Tx, track int64, n tracks.NewSession, start tracks.SessionStart) (int64, error) {
	var id int64
	err := func() error {
		var edition, issue int64
		if err := tx.QueryRow(ctx, `SELECT edition_id, coalesce(policy_issue_id, 0) FROM tracks WHERE id = $1`, track).Scan(&edition, &issue); err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The track"), "tracks: read track %d", track)
		}
		if issue != 0 && issue != n.PolicyIssueID {
			return igfplus.Errorf(igfplus.EInvalid, "A session of this track is tied to the track's own policy issue.")
		}
		if err := issueOfEdition(ctx, tx, n.PolicyIssueID, edition); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO sessions (track_id, policy_issue_id, slug, title, description, format, starts_at, ends_at, room, state)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10 THEN 'unscheduled' ELSE 'scheduled' END) RETURNING id`,
			track, n.PolicyIssueID, n.Slug, n.Title, n.Description, n.Format, n.StartsAt, n.EndsAt, n.Room, n.Unscheduled).Scan(&id); err != nil {
			return pgdb.Wrap(err, "tracks: insert session")
		}
		// An imported session starts with nobody (start.Moderator 0): the
		// scheduler names its people after.
		if _, err := tx.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role, via_nri_id)
			SELECT $1, $2::bigint, 'moderator', nullif($3::bigint, 0) WHERE $2::bigint <> 0`,
			id, start.Moderator, start.ModeratorVia); err != nil {
			return pgdb.Wrap(err, "tracks: insert the moderator of session %d", id)
		}
		_, err := tx.Exec(ctx, `INSERT INTO session_coorganisers (session_id, nri_id, state, asked_by, decided_by, decided_at)
			SELECT $1, nri, CASE WHEN nri = ANY($3) THEN 'accepted' ELSE 'pending' END, $4,
				CASE WHEN nri = ANY($3) THEN $4::bigint END, CASE WHEN nri = ANY($3) THEN now() END
			FROM unnest($2::bigint[] || $3::bigint[]) AS nri ON CONFLICT DO NOTHING`, id, n.CoOrganisers, start.Accepted, start.AskedBy)
		return pgdb.Wrap(err, "tracks: insert the co-organisers of session %d", id)
	}()
	return id, err
}

func issueOfEdition(ctx context.Context, tx pgx.Tx, issue, edition int64) error {
	var ok bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM policy_issues WHERE id = $1 AND edition_id = $2)`, issue, edition).Scan(&ok); err != nil {
		return pgdb.Wrap(err, "tracks: check that issue %d is of edition %d", issue, edition)
	}
	if !ok {
		return igfplus.Errorf(igfplus.EInvalid, "The policy issue is not on this edition's focused agenda.")
	}
	return nil
}

// SetLead sets or clears a track's lead. The foreign key, not a prior
// read, refuses an unknown account, so that nothing can slip in between.
func (p *Programme) SetLead(ctx context.Context, track, lead int64) error {
	tag, err := p.db.Pool.Exec(ctx, `UPDATE tracks SET lead_id = nullif($2::bigint, 0) WHERE id = $1`, track, lead)
	if pgdb.Violates(err, "tracks_lead_id_fkey") {
		return igfplus.Errorf(igfplus.EInvalid, "lead_id %d is not a known account.", lead)
	}
	if err != nil {
		return pgdb.Wrap(err, "tracks: set the lead of track %d", track)
	}
	if tag.RowsAffected() == 0 {
		return igfplus.Errorf(igfplus.ENotFound, "The track was not found.")
	}
	return nil
}

// AccountByEmail finds an account by its address, through the unique
// index on lower(email) that signing in uses.
func (p *Programme) AccountByEmail(ctx context.Context, email string) (int64, error) {
	var id int64
	err := p.db.Pool.QueryRow(ctx, `SELECT id FROM accounts WHERE lower(email) = lower($1)`, email).Scan(&id)
	return id, pgdb.Wrap(pgdb.NotFound(err, "The account"), "tracks: find an account by email")
}

// isCheck reports whether err is a check violation raised by a trigger
// named in its message: the cap on policy issues.
func isCheck(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23514" && pg.ConstraintName == ""
}
