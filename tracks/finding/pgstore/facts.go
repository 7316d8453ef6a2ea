package pgstore

import (
	"context"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Facts reads each session's language and the stakeholder groups of its
// speakers and moderators, in one query.
func (s *Store) Facts(ctx context.Context, editionID int64) (finding.Facts, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT s.id, s.language, coalesce(array_agg(DISTINCT a.stakeholder_group) FILTER (WHERE a.id IS NOT NULL), '{}')
		FROM sessions s JOIN tracks t ON t.id = s.track_id
		LEFT JOIN session_roles r ON r.session_id = s.id AND r.role IN ('moderator', 'co_moderator', 'speaker')
		LEFT JOIN accounts a ON a.id = r.account_id
		WHERE t.edition_id = $1 GROUP BY s.id`, editionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "finding: read facts of edition %d", editionID)
	}
	defer rows.Close()
	out := finding.Facts{}
	for rows.Next() {
		var id int64
		var f finding.Fact
		var groups []string
		if err := rows.Scan(&id, &f.Language, &groups); err != nil {
			return nil, pgdb.Wrap(err, "finding: read facts of edition %d", editionID)
		}
		for _, g := range groups {
			f.Groups = append(f.Groups, igfplus.StakeholderGroup(g))
		}
		out[id] = f
	}
	return out, pgdb.Wrap(rows.Err(), "finding: read facts of edition %d", editionID)
}

// Languages lists the languages of the edition's sessions.
func (s *Store) Languages(ctx context.Context, editionID int64) ([]string, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT DISTINCT s.language FROM sessions s JOIN tracks t ON t.id = s.track_id
		WHERE t.edition_id = $1 ORDER BY 1`, editionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "finding: read languages")
	}
	var out []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			rows.Close()
			return nil, pgdb.Wrap(err, "finding: read languages")
		}
		out = append(out, l)
	}
	return out, pgdb.Wrap(rows.Err(), "finding: read languages")
}

// TimeZone reads the edition's time zone.
func (s *Store) TimeZone(ctx context.Context, editionID int64) (string, error) {
	var tz string
	err := s.db.Pool.QueryRow(ctx, `SELECT time_zone FROM editions WHERE id = $1`, editionID).Scan(&tz)
	return tz, pgdb.Wrap(pgdb.NotFound(err, "The edition"), "finding: read time zone of %d", editionID)
}
