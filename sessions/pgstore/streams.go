package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ sessions.StreamStore = (*Store)(nil)
var _ sessions.HubStore = (*Store)(nil)

// Streams lists a session's links in their order.
func (s *Store) Streams(ctx context.Context, sessionID int64) ([]sessions.Stream, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT kind, language, url FROM session_streams WHERE session_id = $1 ORDER BY position`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read streams of %d", sessionID)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Stream, error) {
		var st sessions.Stream
		err := r.Scan(&st.Kind, &st.Language, &st.URL)
		return st, err
	})
	return list, pgdb.Wrap(err, "sessions: read streams of %d", sessionID)
}

// SaveStreams replaces a session's links in one transaction. The event
// that tells open rooms (streams.changed) carries none of them, since the
// speakers' link is not for everyone in the room: each page reads its own.
func (s *Store) SaveStreams(ctx context.Context, sessionID int64, list []sessions.Stream) error {
	return s.commitThenPublish(ctx, func(tx *roomTx) error {
		if _, err := tx.Exec(ctx, `SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE`, sessionID); err != nil {
			return pgdb.Wrap(err, "sessions: lock session %d", sessionID)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM session_streams WHERE session_id = $1`, sessionID); err != nil {
			return pgdb.Wrap(err, "sessions: clear streams of %d", sessionID)
		}
		for i, st := range list {
			if _, err := tx.Exec(ctx, `INSERT INTO session_streams (session_id, position, kind, language, url) VALUES ($1, $2, $3, $4, $5)`,
				sessionID, i, st.Kind, st.Language, st.URL); err != nil {
				return pgdb.Wrap(err, "sessions: insert stream of %d", sessionID)
			}
		}
		return tx.announce(ctx, sessionID, sessions.KindStreamsChanged, struct{}{})
	})
}

// SaveHub registers a remote hub; open rooms hear of it (hubs.changed,
// naming nothing) once it commits.
func (s *Store) SaveHub(ctx context.Context, h sessions.Hub) (sessions.Hub, error) {
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		err := tx.QueryRow(ctx, `
			INSERT INTO remote_hubs (session_id, account_id, name, city, country, expected) VALUES ($1, $2, $3, $4, $5, $6)
			RETURNING id, created_at`, h.SessionID, h.AccountID, h.Name, h.City, h.Country, h.Expected).Scan(&h.ID, &h.CreatedAt)
		if isUniqueViolation(err) {
			return igfplus.Errorf(igfplus.EConflict, "This session already has a hub of that name.")
		}
		if err != nil {
			return pgdb.Wrap(err, "sessions: insert remote hub")
		}
		return tx.announce(ctx, h.SessionID, sessions.KindHubsChanged, struct{}{})
	})
	return h, err
}

// Hubs lists a session's hubs (of one account when accountID is not 0),
// oldest first.
func (s *Store) Hubs(ctx context.Context, sessionID, accountID int64) ([]sessions.Hub, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT h.id, h.session_id, h.account_id, a.display_name, h.name, h.city, h.country, h.expected, h.created_at
		FROM remote_hubs h JOIN accounts a ON a.id = h.account_id
		WHERE h.session_id = $1 AND ($2::bigint = 0 OR h.account_id = $2) ORDER BY h.id`, sessionID, accountID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read hubs of %d", sessionID)
	}
	hubs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Hub, error) {
		var h sessions.Hub
		err := r.Scan(&h.ID, &h.SessionID, &h.AccountID, &h.Contact, &h.Name, &h.City, &h.Country, &h.Expected, &h.CreatedAt)
		return h, err
	})
	return hubs, pgdb.Wrap(err, "sessions: read hubs of %d", sessionID)
}
