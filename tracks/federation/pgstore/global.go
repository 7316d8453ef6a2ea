// Package pgstore keeps federation in Postgres: on the global side the
// peers, their mirrored tracks and the outputs they push into the intake;
// on an NRI's side the upstream, its links and the push outbox.
package pgstore

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ federation.Store = (*Store)(nil)

// Store is the Postgres store of package federation.
type Store struct{ db *pgdb.DB }

// New returns a Store over db.
func New(db *pgdb.DB) *Store { return &Store{db: db} }

// AddPeer inserts a peer.
func (s *Store) AddPeer(ctx context.Context, p federation.Peer) (federation.Peer, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO federation_peers (name, nri_id, secret) VALUES ($1, $2, $3) RETURNING id, created_at`,
			p.Name, p.NRIID, p.Secret).Scan(&p.ID, &p.CreatedAt)
	})
	return p, err
}

// PeerSecret reads a peer's secret.
func (s *Store) PeerSecret(ctx context.Context, peer int64) (string, error) {
	var secret string
	err := s.db.Pool.QueryRow(ctx, `SELECT secret FROM federation_peers WHERE id = $1`, peer).Scan(&secret)
	return secret, pgdb.NotFound(err, "The peer")
}

// Agenda reads the current edition's policy issues and global tracks.
func (s *Store) Agenda(ctx context.Context) (federation.Agenda, error) {
	a := federation.Agenda{PolicyIssues: []federation.AgendaIssue{}, Tracks: []federation.AgendaTrack{}}
	var edition int64
	if err := s.db.Pool.QueryRow(ctx, `SELECT id, title FROM editions ORDER BY year DESC LIMIT 1`).Scan(&edition, &a.Edition); err != nil {
		return a, pgdb.NotFound(err, "The edition")
	}
	rows, _ := s.db.Pool.Query(ctx, `SELECT id, slug, title FROM policy_issues WHERE edition_id = $1 ORDER BY position`, edition)
	var err error
	if a.PolicyIssues, err = pgx.CollectRows(rows, pgx.RowToStructByPos[federation.AgendaIssue]); err != nil {
		return a, err
	}
	rows, _ = s.db.Pool.Query(ctx, `SELECT id, coalesce(policy_issue_id, 0), kind, slug, title FROM tracks
		WHERE edition_id = $1 AND kind <> 'nri' ORDER BY id`, edition)
	a.Tracks, err = pgx.CollectRows(rows, pgx.RowToStructByPos[federation.AgendaTrack])
	return a, err
}

// MirrorLink mirrors the peer's track (once, kept up to date in title)
// and asks the link, or returns the open one.
func (s *Store) MirrorLink(ctx context.Context, peer int64, r federation.LinkRequest) (federation.LinkAnswer, error) {
	var a federation.LinkAnswer
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var edition int64
		if err := tx.QueryRow(ctx, `SELECT edition_id FROM tracks WHERE id = $1 AND kind <> 'nri'`, r.GlobalTrackID).Scan(&edition); err != nil {
			return pgdb.NotFound(err, "The global track")
		}
		var track int64
		if err := tx.QueryRow(ctx, `
			INSERT INTO tracks (edition_id, kind, slug, title, nri_id, peer_id, remote_track_id)
			SELECT $1, 'nri', 'peer-' || p.id || '-' || $3::bigint, $4, p.nri_id, p.id, $3 FROM federation_peers p WHERE p.id = $2
			ON CONFLICT (peer_id, remote_track_id) WHERE peer_id IS NOT NULL DO UPDATE SET title = EXCLUDED.title
			RETURNING id`, edition, peer, r.TrackID, r.Title).Scan(&track); err != nil {
			return pgdb.NotFound(err, "The peer")
		}
		err := tx.QueryRow(ctx, `SELECT id, state FROM track_links WHERE nri_track_id = $1 AND global_track_id = $2 AND state <> 'declined'`,
			track, r.GlobalTrackID).Scan(&a.LinkID, &a.State)
		if err == nil {
			return nil
		}
		a.State = "pending"
		return tx.QueryRow(ctx, `INSERT INTO track_links (nri_track_id, global_track_id, note) VALUES ($1, $2, $3) RETURNING id`,
			track, r.GlobalTrackID, r.Note).Scan(&a.LinkID)
	})
	return a, err
}

// TakeOutput records a pushed output in the intake of the global track
// its mirrored track is linked to.
func (s *Store) TakeOutput(ctx context.Context, peer int64, msgID string, o federation.Output) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		var link int64
		var installation string
		err := tx.QueryRow(ctx, `SELECT l.id, p.name FROM track_links l
			JOIN tracks t ON t.id = l.nri_track_id JOIN federation_peers p ON p.id = t.peer_id
			WHERE t.peer_id = $1 AND t.remote_track_id = $2 AND l.global_track_id = $3 AND l.state = 'accepted'`,
			peer, o.TrackID, o.GlobalTrackID).Scan(&link, &installation)
		if err == pgx.ErrNoRows {
			return igfplus.Errorf(igfplus.EConflict, "The link is not accepted (yet).")
		}
		if err != nil {
			return err
		}
		var adopted any
		if !o.AdoptedAt.IsZero() {
			adopted = o.AdoptedAt
		}
		var result any
		if len(o.PollResult) > 0 && string(o.PollResult) != "null" {
			result = o.PollResult
		}
		// The webhook-id is the peer's: prefixed, so two peers' ids never meet.
		_, err = tx.Exec(ctx, `INSERT INTO intake_items (global_track_id, link_id, origin_installation, origin_nri, origin_track,
			origin_recommendation_id, origin_title, origin_body, origin_result, origin_adopted_at, webhook_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
			o.GlobalTrackID, link, installation, o.NRI, o.Track, o.RecommendationID, o.Title, o.Body, result, adopted,
			"peer"+strconv.FormatInt(peer, 10)+":"+msgID)
		return err
	})
}
