package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/federation"
)

// SetUpstream sets (or replaces) the upstream, its secret sealed.
func (s *Store) SetUpstream(ctx context.Context, u federation.Upstream) error {
	sealed, err := s.secrets.SealStored(u.Secret, upstreamPlace)
	if err != nil {
		return pgdb.Wrap(err, "federation: seal the upstream's secret")
	}
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO federation_upstream (id, url, peer_id, secret) VALUES (1, $1, $2, $3)
			ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, peer_id = EXCLUDED.peer_id, secret = EXCLUDED.secret`, u.URL, u.PeerID, sealed)
		return pgdb.Wrap(err, "federation: store the upstream")
	})
}

// Upstream reads the upstream, its secret opened.
func (s *Store) Upstream(ctx context.Context) (federation.Upstream, error) {
	var u federation.Upstream
	err := s.db.Pool.QueryRow(ctx, `SELECT url, peer_id, secret FROM federation_upstream WHERE id = 1`).Scan(&u.URL, &u.PeerID, &u.Secret)
	if err != nil {
		return u, pgdb.Wrap(pgdb.NotFound(err, "The upstream installation"), "federation: read the upstream")
	}
	u.Secret, err = s.open(u.Secret, upstreamPlace, "upstream", u.URL)
	return u, err
}

// TrackNRI reads a local track's initiative and title.
func (s *Store) TrackNRI(ctx context.Context, track int64) (int64, string, error) {
	var nri int64
	var title string
	err := s.db.Pool.QueryRow(ctx, `SELECT coalesce(nri_id, 0), title FROM tracks WHERE id = $1`, track).Scan(&nri, &title)
	return nri, title, pgdb.Wrap(pgdb.NotFound(err, "The track"), "federation: read the initiative of track %d", track)
}

// AddLink records the link and queues the track's adopted
// recommendations in the same transaction.
func (s *Store) AddLink(ctx context.Context, l federation.FedLink, by int64) (federation.FedLink, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		// The track's row, against an adoption at this moment (migration
		// 0044): whichever commits second sees the other.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM tracks WHERE id = $1 FOR UPDATE`, l.TrackID); err != nil {
			return pgdb.Wrap(err, "federation: lock track %d", l.TrackID)
		}
		if err := tx.QueryRow(ctx, `INSERT INTO federation_links (track_id, global_track_id, remote_link_id, asked_by)
			VALUES ($1, $2, $3, $4) ON CONFLICT (track_id, global_track_id) DO UPDATE SET remote_link_id = EXCLUDED.remote_link_id
			RETURNING id, asked_at`, l.TrackID, l.GlobalTrackID, l.RemoteLinkID, by).Scan(&l.ID, &l.AskedAt); err != nil {
			return pgdb.Wrap(err, "federation: insert link of track %d", l.TrackID)
		}
		_, err := tx.Exec(ctx, `INSERT INTO federation_outbox (link_id, recommendation_id, event_id)
			SELECT $1::bigint, r.id, 'msg_fed_' || $1::bigint || '_' || r.id FROM recommendations r WHERE r.track_id = $2 AND r.state = 'adopted'
			ON CONFLICT DO NOTHING`, l.ID, l.TrackID)
		return pgdb.Wrap(err, "federation: queue the adopted recommendations of track %d", l.TrackID)
	})
	return l, err
}

// Links lists the links with how many pushes wait and were delivered.
func (s *Store) Links(ctx context.Context) ([]federation.FedLink, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT l.id, l.track_id, l.global_track_id, l.remote_link_id, l.asked_at,
		count(o.id) FILTER (WHERE o.delivered_at IS NULL)::int, count(o.id) FILTER (WHERE o.delivered_at IS NOT NULL)::int
		FROM federation_links l LEFT JOIN federation_outbox o ON o.link_id = l.id GROUP BY l.id ORDER BY l.id`)
	links, err := pgx.CollectRows(rows, pgx.RowToStructByPos[federation.FedLink])
	return links, pgdb.Wrap(err, "federation: list links")
}

// DuePushes claims due pushes (FOR UPDATE SKIP LOCKED, then a lease by
// moving next_at), with each output's origin read from the record.
func (s *Store) DuePushes(ctx context.Context, n int, lease time.Duration) ([]federation.Push, error) {
	var out []federation.Push
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, `
			WITH due AS (SELECT id FROM federation_outbox WHERE delivered_at IS NULL AND next_at <= now()
				ORDER BY next_at LIMIT $1 FOR UPDATE SKIP LOCKED)
			UPDATE federation_outbox o SET next_at = now() + $2::interval FROM due WHERE o.id = due.id
			RETURNING o.id, o.event_id, o.attempts, o.link_id, o.recommendation_id`, n, lease)
		var links []int64
		var err error
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (federation.Push, error) {
			var p federation.Push
			var link int64
			err := r.Scan(&p.ID, &p.EventID, &p.Attempts, &link, &p.Output.RecommendationID)
			links = append(links, link)
			return p, err
		})
		if err != nil {
			return pgdb.Wrap(err, "federation: claim due pushes")
		}
		for i := range out {
			if err := origin(ctx, tx, links[i], &out[i].Output); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// origin fills an output from its link and recommendation.
func origin(ctx context.Context, tx pgx.Tx, link int64, o *federation.Output) error {
	var adopted *time.Time
	var result []byte
	err := tx.QueryRow(ctx, `SELECT l.track_id, l.global_track_id, coalesce(n.name, ''), t.title, r.title,
		coalesce((SELECT v.body FROM recommendation_versions v WHERE v.recommendation_id = r.id ORDER BY v.version DESC LIMIT 1), ''),
		(SELECT p.result FROM polls p WHERE p.recommendation_id = r.id AND p.amendment_id IS NULL AND p.state = 'closed' ORDER BY p.closed_at DESC LIMIT 1),
		r.adopted_at
		FROM federation_links l JOIN tracks t ON t.id = l.track_id LEFT JOIN nris n ON n.id = t.nri_id
		JOIN recommendations r ON r.id = $2 WHERE l.id = $1`, link, o.RecommendationID).
		Scan(&o.TrackID, &o.GlobalTrackID, &o.NRI, &o.Track, &o.Title, &o.Body, &result, &adopted)
	o.PollResult = result
	if adopted != nil {
		o.AdoptedAt = *adopted
	}
	return pgdb.Wrap(err, "federation: read the output of recommendation %d", o.RecommendationID)
}

// Pushed records an attempt's outcome, fenced on the attempts counted when
// it was claimed: a late outcome of a claim another node took over counts
// nothing, and a delivery recorded is never undone.
func (s *Store) Pushed(ctx context.Context, p federation.Push, delivered bool, next time.Time, why string) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE federation_outbox SET attempts = attempts + 1, last_error = $3,
			delivered_at = CASE WHEN $2 THEN coalesce(delivered_at, now()) ELSE delivered_at END, next_at = $4
			WHERE id = $1 AND attempts = $5`, p.ID, delivered, why, next, p.Attempts)
		return pgdb.Wrap(err, "federation: record push %d", p.ID)
	})
}
