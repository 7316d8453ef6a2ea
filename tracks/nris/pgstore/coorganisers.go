package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
)

// CoOrganisersOf reads the accepted co-organisers of all the sessions in
// one query, so that a programme of hundreds of sessions costs one round trip.
func (s *Store) CoOrganisersOf(ctx context.Context, sessions []int64) (map[int64][]nris.CoOrganiser, error) {
	out := map[int64][]nris.CoOrganiser{}
	if len(sessions) == 0 {
		return out, nil
	}
	rows, _ := s.db.Pool.Query(ctx, `SELECT c.session_id, n.id, n.slug, n.name FROM session_coorganisers c JOIN nris n ON n.id = c.nri_id
		WHERE c.session_id = ANY($1) AND c.state = 'accepted' ORDER BY c.session_id, n.name, n.id`, sessions)
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

// SetCoOrganisers writes the list in one transaction: a request already
// there keeps its state (or is accepted, when consented), a new one is
// pending unless consented, and what the list leaves out is deleted.
func (s *Store) SetCoOrganisers(ctx context.Context, session int64, list, consented []int64, by int64) error {
	if list == nil {
		list = []int64{}
	}
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM session_coorganisers WHERE session_id = $1 AND NOT nri_id = ANY($2)`, session, list); err != nil {
			return pgdb.Wrap(err, "nris: delete the co-organisers of session %d", session)
		}
		_, err := tx.Exec(ctx, `INSERT INTO session_coorganisers AS c (session_id, nri_id, state, asked_by, decided_by, decided_at)
			SELECT $1, n, CASE WHEN n = ANY($3) THEN 'accepted' ELSE 'pending' END, $4,
				CASE WHEN n = ANY($3) THEN $4::bigint END, CASE WHEN n = ANY($3) THEN now() END
			FROM unnest($2::bigint[]) AS n
			ON CONFLICT (session_id, nri_id) DO UPDATE SET state = 'accepted', decided_by = $4, decided_at = now()
			WHERE c.state = 'pending' AND excluded.state = 'accepted'`, session, list, consented, by)
		return pgdb.Wrap(err, "nris: insert the co-organisers of session %d", session)
	})
}

// CoOrganiserRequests lists pending requests by session, initiative or
// coordinator.
func (s *Store) CoOrganiserRequests(ctx context.Context, session, nri, coordinator int64) ([]nris.CoOrganiserRequest, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT c.session_id, s.title, s.starts_at, t.id, t.title,
			coalesce(f.id, 0), coalesce(f.slug, ''), coalesce(f.name, ''), n.id, n.slug, n.name,
			coalesce(c.asked_by, 0), coalesce(a.display_name, ''), c.asked_at
		FROM session_coorganisers c JOIN sessions s ON s.id = c.session_id JOIN tracks t ON t.id = s.track_id
			LEFT JOIN nris f ON f.id = t.nri_id JOIN nris n ON n.id = c.nri_id LEFT JOIN accounts a ON a.id = c.asked_by
		WHERE c.state = 'pending' AND ($1 = 0 OR c.session_id = $1) AND ($2 = 0 OR c.nri_id = $2)
			AND ($3 = 0 OR c.nri_id IN (SELECT nri_id FROM nri_coordinators WHERE account_id = $3))
		ORDER BY c.asked_at, c.session_id, c.nri_id LIMIT 500`, session, nri, coordinator)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (nris.CoOrganiserRequest, error) {
		var q nris.CoOrganiserRequest
		var from nris.CoOrganiser
		err := r.Scan(&q.SessionID, &q.SessionTitle, &q.StartsAt, &q.TrackID, &q.TrackTitle, &from.ID, &from.Slug, &from.Name,
			&q.NRI.ID, &q.NRI.Slug, &q.NRI.Name, &q.AskedBy.ID, &q.AskedBy.Name, &q.AskedAt)
		if from.ID != 0 {
			q.From = &from
		}
		return q, err
	})
	return list, pgdb.Wrap(err, "nris: list the co-organiser requests of session %d, initiative %d, coordinator %d", session, nri, coordinator)
}

// DecideCoOrganiser decides under the row's lock, so that an answer and a
// change of the list cannot cross.
func (s *Store) DecideCoOrganiser(ctx context.Context, session, nri, by int64, accept bool) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		var state string
		err := tx.QueryRow(ctx, `SELECT state FROM session_coorganisers WHERE session_id = $1 AND nri_id = $2 FOR UPDATE`, session, nri).Scan(&state)
		if err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The request"), "nris: lock the request of initiative %d for session %d", nri, session)
		}
		if !accept {
			_, err = tx.Exec(ctx, `DELETE FROM session_coorganisers WHERE session_id = $1 AND nri_id = $2`, session, nri)
			return pgdb.Wrap(err, "nris: decline the request of initiative %d for session %d", nri, session)
		}
		if state != "pending" {
			return igfplus.Errorf(igfplus.EConflict, "The initiative already co-organises the session.")
		}
		_, err = tx.Exec(ctx, `UPDATE session_coorganisers SET state = 'accepted', decided_by = $3, decided_at = now()
			WHERE session_id = $1 AND nri_id = $2`, session, nri, by)
		return pgdb.Wrap(err, "nris: accept the request of initiative %d for session %d", nri, session)
	})
}
