package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
)

// Programme is tracks.Programme on Postgres.
type Programme struct {
	db *pgdb.DB
	// checkSlot, when set, refuses a session added with a slot that clashes
	// (CheckingSlots).
	checkSlot func(ctx context.Context, tx pgx.Tx, session int64) error
}

var _ tracks.Programme = (*Programme)(nil)

// NewProgramme returns the programme store.
func NewProgramme(db *pgdb.DB) *Programme { return &Programme{db: db} }

// CheckingSlots has the programme refuse, in the transaction that adds it,
// a session whose slot check refuses (the scheduler's rule:
// schedule/pgstore.CheckPlacedTx, wired in cmd, since the scheduler's store
// builds on this one).
func (p *Programme) CheckingSlots(check func(ctx context.Context, tx pgx.Tx, session int64) error) *Programme {
	p.checkSlot = check
	return p
}

// CurrentEdition returns the newest edition.
func (p *Programme) CurrentEdition(ctx context.Context) (tracks.Edition, error) {
	e, err := scanEdition(p.db.Pool.QueryRow(ctx, `SELECT `+editionColumns+` FROM editions ORDER BY year DESC LIMIT 1`))
	if err != nil {
		return tracks.Edition{}, pgdb.Wrap(pgdb.NotFound(err, "The edition"), "tracks: read the current edition")
	}
	return e, nil
}

// PolicyIssues lists an edition's strategic policy issues in order.
func (p *Programme) PolicyIssues(ctx context.Context, editionID int64) ([]tracks.PolicyIssue, error) {
	rows, err := p.db.Pool.Query(ctx, `
		SELECT id, edition_id, position, slug, title, summary, source_lang FROM policy_issues
		WHERE edition_id = $1 ORDER BY position`, editionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "tracks: read the policy issues of edition %d", editionID)
	}
	issues, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tracks.PolicyIssue, error) {
		var i tracks.PolicyIssue
		err := r.Scan(&i.ID, &i.EditionID, &i.Position, &i.Slug, &i.Title, &i.Summary, &i.SourceLang)
		return i, err
	})
	return issues, pgdb.Wrap(err, "tracks: read the policy issues of edition %d", editionID)
}

// Tracks lists an edition's tracks.
func (p *Programme) Tracks(ctx context.Context, editionID int64) ([]tracks.Track, error) {
	rows, err := p.db.Pool.Query(ctx, `
		SELECT id, edition_id, coalesce(policy_issue_id, 0), kind, slug, title, description, source_lang FROM tracks
		WHERE edition_id = $1 ORDER BY id`, editionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "tracks: read the tracks of edition %d", editionID)
	}
	ts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tracks.Track, error) {
		var t tracks.Track
		err := r.Scan(&t.ID, &t.EditionID, &t.PolicyIssueID, &t.Kind, &t.Slug, &t.Title, &t.Description, &t.SourceLang)
		return t, err
	})
	return ts, pgdb.Wrap(err, "tracks: read the tracks of edition %d", editionID)
}
