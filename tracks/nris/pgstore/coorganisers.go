package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/nris"
)

// CoOrganisersOf reads the co-organisers of all the sessions in one query,
// so that a programme of hundreds of sessions costs one round trip.
func (s *Store) CoOrganisersOf(ctx context.Context, sessions []int64) (map[int64][]nris.CoOrganiser, error) {
	out := map[int64][]nris.CoOrganiser{}
	if len(sessions) == 0 {
		return out, nil
	}
	rows, _ := s.db.Pool.Query(ctx, `SELECT c.session_id, n.id, n.slug, n.name FROM session_coorganisers c JOIN nris n ON n.id = c.nri_id
		WHERE c.session_id = ANY($1) ORDER BY c.session_id, n.name, n.id`, sessions)
	var session int64
	var co nris.CoOrganiser
	_, err := pgx.ForEachRow(rows, []any{&session, &co.ID, &co.Slug, &co.Name}, func() error {
		out[session] = append(out[session], co)
		return nil
	})
	return out, pgdb.Wrap(err, "nris: read the co-organisers of %d sessions", len(sessions))
}

// SessionNRI reads the initiative of a session's track.
func (s *Store) SessionNRI(ctx context.Context, session int64) (int64, error) {
	var nri int64
	err := s.db.Pool.QueryRow(ctx, `SELECT coalesce(t.nri_id, 0) FROM sessions s JOIN tracks t ON t.id = s.track_id WHERE s.id = $1`, session).Scan(&nri)
	return nri, pgdb.Wrap(pgdb.NotFound(err, "The session"), "nris: read the initiative of session %d", session)
}

// SetCoOrganisers replaces the list in one transaction.
func (s *Store) SetCoOrganisers(ctx context.Context, session int64, list []int64) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM session_coorganisers WHERE session_id = $1`, session); err != nil {
			return pgdb.Wrap(err, "nris: delete the co-organisers of session %d", session)
		}
		_, err := tx.Exec(ctx, `INSERT INTO session_coorganisers (session_id, nri_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, session, list)
		return pgdb.Wrap(err, "nris: insert the co-organisers of session %d", session)
	})
}
