// Package pgstore keeps federation in Postgres: on the global side the
// peers, their mirrored tracks and the outputs they push into the intake;
// on an NRI's side the upstream, its links and the push outbox.
package pgstore

import (
	"context"
	"io"
	"log/slog"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
)

var _ federation.Store = (*Store)(nil)

// Store is the Postgres store of package federation. Its secrets (the
// peers' and the upstream's) are stored sealed with secrets (secrets.go).
type Store struct {
	db      *pgdb.DB
	secrets *seal.Sealer
	log     *slog.Logger
}

// New returns a Store over db that seals the federation secrets with
// secrets.
func New(db *pgdb.DB, secrets *seal.Sealer) *Store {
	return &Store{db: db, secrets: secrets, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// WithLogger sets where a secret that does not open is reported.
func (s *Store) WithLogger(log *slog.Logger) *Store { s.log = log; return s }

// AddPeer inserts a peer, its secret sealed for its row (so the row comes
// first, then the sealed secret, in one transaction). The peer returned
// carries the plain secret, to be shown once.
func (s *Store) AddPeer(ctx context.Context, p federation.Peer) (federation.Peer, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO federation_peers (name, nri_id, secret) VALUES ($1, $2, '') RETURNING id, created_at`,
			p.Name, p.NRIID).Scan(&p.ID, &p.CreatedAt); err != nil {
			return pgdb.Wrap(err, "federation: insert peer")
		}
		sealed, err := s.secrets.SealStored(p.Secret, peerPlace(p.ID))
		if err != nil {
			return pgdb.Wrap(err, "federation: seal the secret of peer %d", p.ID)
		}
		_, err = tx.Exec(ctx, `UPDATE federation_peers SET secret = $2 WHERE id = $1`, p.ID, sealed)
		return pgdb.Wrap(err, "federation: store the secret of peer %d", p.ID)
	})
	return p, err
}

// SetPeerSecret replaces a peer's secret, sealed for its row.
func (s *Store) SetPeerSecret(ctx context.Context, id int64, secret string) (federation.Peer, error) {
	p := federation.Peer{ID: id, Secret: secret}
	sealed, err := s.secrets.SealStored(secret, peerPlace(id))
	if err != nil {
		return p, pgdb.Wrap(err, "federation: seal the secret of peer %d", id)
	}
	err = s.db.Pool.QueryRow(ctx, `UPDATE federation_peers SET secret = $2 WHERE id = $1 RETURNING name, nri_id, created_at`,
		id, sealed).Scan(&p.Name, &p.NRIID, &p.CreatedAt)
	return p, pgdb.Wrap(pgdb.NotFound(err, "The peer"), "federation: replace the secret of peer %d", id)
}

// PeerSecret reads and opens a peer's secret.
func (s *Store) PeerSecret(ctx context.Context, peer int64) (string, error) {
	var secret string
	err := s.db.Pool.QueryRow(ctx, `SELECT secret FROM federation_peers WHERE id = $1`, peer).Scan(&secret)
	if err != nil {
		return "", pgdb.Wrap(pgdb.NotFound(err, "The peer"), "federation: read the secret of peer %d", peer)
	}
	return s.open(secret, peerPlace(peer), "peer", peer)
}

// Agenda reads the current edition's policy issues and global tracks.
func (s *Store) Agenda(ctx context.Context) (federation.Agenda, error) {
	a := federation.Agenda{PolicyIssues: []federation.AgendaIssue{}, Tracks: []federation.AgendaTrack{}}
	var edition int64
	if err := s.db.Pool.QueryRow(ctx, `SELECT id, title FROM editions ORDER BY year DESC LIMIT 1`).Scan(&edition, &a.Edition); err != nil {
		return a, pgdb.Wrap(pgdb.NotFound(err, "The edition"), "federation: read the current edition")
	}
	rows, _ := s.db.Pool.Query(ctx, `SELECT id, slug, title FROM policy_issues WHERE edition_id = $1 ORDER BY position`, edition)
	var err error
	if a.PolicyIssues, err = pgx.CollectRows(rows, pgx.RowToStructByPos[federation.AgendaIssue]); err != nil {
		return a, pgdb.Wrap(err, "federation: read the agenda's policy issues")
	}
	rows, _ = s.db.Pool.Query(ctx, `SELECT id, coalesce(policy_issue_id, 0), kind, slug, title FROM tracks
		WHERE edition_id = $1 AND kind <> 'nri' ORDER BY id`, edition)
	a.Tracks, err = pgx.CollectRows(rows, pgx.RowToStructByPos[federation.AgendaTrack])
	return a, pgdb.Wrap(err, "federation: read the agenda's tracks")
}

// MirrorLink mirrors the peer's track (once, kept up to date in title)
// and asks the link, or returns the open one.
func (s *Store) MirrorLink(ctx context.Context, peer int64, r federation.LinkRequest) (federation.LinkAnswer, error) {
	var a federation.LinkAnswer
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var edition int64
		if err := tx.QueryRow(ctx, `SELECT edition_id FROM tracks WHERE id = $1 AND kind <> 'nri'`, r.GlobalTrackID).Scan(&edition); err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The global track"), "federation: read global track %d", r.GlobalTrackID)
		}
		var track int64
		if err := tx.QueryRow(ctx, `
			INSERT INTO tracks (edition_id, kind, slug, title, nri_id, peer_id, remote_track_id)
			SELECT $1, 'nri', 'peer-' || p.id || '-' || $3::bigint, $4, p.nri_id, p.id, $3 FROM federation_peers p WHERE p.id = $2
			ON CONFLICT (peer_id, remote_track_id) WHERE peer_id IS NOT NULL DO UPDATE SET title = EXCLUDED.title
			RETURNING id`, edition, peer, r.TrackID, r.Title).Scan(&track); err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The peer"), "federation: mirror the track of peer %d", peer)
		}
		err := tx.QueryRow(ctx, `SELECT id, state FROM track_links WHERE nri_track_id = $1 AND global_track_id = $2 AND state <> 'declined'`,
			track, r.GlobalTrackID).Scan(&a.LinkID, &a.State)
		if err == nil {
			return nil
		}
		a.State = "pending"
		err = tx.QueryRow(ctx, `INSERT INTO track_links (nri_track_id, global_track_id, note) VALUES ($1, $2, $3) RETURNING id`,
			track, r.GlobalTrackID, r.Note).Scan(&a.LinkID)
		return pgdb.Wrap(err, "federation: insert link")
	})
	return a, err
}

// TakeOutput records a pushed output in the intake of the global track
// its mirrored track is linked to.
func (s *Store) TakeOutput(ctx context.Context, peer int64, msgID string, o federation.Output) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		// The item's initiative and track are the peer's own, as this
		// installation knows them (its initiative, the track it mirrors):
		// never what the message says, so that no peer writes for another.
		var link int64
		var installation, nri, track string
		err := tx.QueryRow(ctx, `SELECT l.id, p.name, n.name, t.title FROM track_links l
			JOIN tracks t ON t.id = l.nri_track_id JOIN federation_peers p ON p.id = t.peer_id JOIN nris n ON n.id = p.nri_id
			WHERE t.peer_id = $1 AND t.remote_track_id = $2 AND l.global_track_id = $3 AND l.state = 'accepted'`,
			peer, o.TrackID, o.GlobalTrackID).Scan(&link, &installation, &nri, &track)
		if err == pgx.ErrNoRows {
			return igfplus.Errorf(igfplus.EConflict, "The link is not accepted (yet).")
		}
		if err != nil {
			return pgdb.Wrap(err, "federation: read the accepted link")
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
			o.GlobalTrackID, link, installation, nri, track, o.RecommendationID, o.Title, o.Body, result, adopted,
			"peer"+strconv.FormatInt(peer, 10)+":"+msgID)
		return pgdb.Wrap(err, "federation: insert intake item")
	})
}
