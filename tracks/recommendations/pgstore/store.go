// Package pgstore keeps recommendations in Postgres. Changes that depend on
// a recommendation's state take its row lock first and check the state with
// the domain's own rules inside the transaction, so that two drafters, or a
// drafter and a closing poll, cannot both act on what they read before.
// Each change appends its event to the recommendation's room in its
// transaction (hub/pglog) and is announced through the Publisher only
// after that transaction has committed.
package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

// Store is recommendations.Store on Postgres.
type Store struct {
	db  *pgdb.DB
	pub pglog.Publisher
}

var _ recommendations.Store = (*Store)(nil)

// New returns a Store. Its events go to the rooms' log but are announced
// to nobody until AnnounceThrough names a Publisher.
func New(db *pgdb.DB) *Store { return &Store{db: db, pub: silent{}} }

// AnnounceThrough has the store announce its committed events through pub
// (the hub, which is built after the stores). Call it before serving.
func (s *Store) AnnounceThrough(pub pglog.Publisher) { s.pub = pub }

// silent announces nothing.
type silent struct{}

func (silent) Publish(context.Context, hub.Event) error { return nil }

// commitThenPublish runs fn in a transaction and announces the events it
// appended once the transaction has committed.
func (s *Store) commitThenPublish(ctx context.Context, fn func(pgx.Tx) ([]hub.Event, error)) error {
	return pglog.CommitThenPublish(ctx, s.db, s.pub, fn)
}

// appendEvent appends an event of kind to recommendation id's room, last
// in tx.
func appendEvent(ctx context.Context, tx pgx.Tx, id int64, kind string, data any) ([]hub.Event, error) {
	ev, err := pglog.Append(ctx, tx, recommendations.RoomName(id), kind, data)
	if err != nil {
		return nil, err
	}
	return []hub.Event{ev}, nil
}

// Position returns where recommendation id's room stands, opening its log
// if it has none yet.
func (s *Store) Position(ctx context.Context, id int64) (recommendations.Position, error) {
	pos, err := pglog.New(s.db.Pool).Top(ctx, recommendations.RoomName(id))
	return recommendations.Position{Epoch: pos.Epoch, Offset: pos.Offset}, pgdb.Wrap(err, "recommendations: room position")
}

// Placement reads the editions and parents of a policy issue, a track and
// optionally a session.
func (s *Store) Placement(ctx context.Context, issueID, trackID, sessionID int64) (recommendations.Placement, error) {
	var p recommendations.Placement
	if err := s.db.Pool.QueryRow(ctx, `SELECT edition_id FROM policy_issues WHERE id = $1`, issueID).Scan(&p.IssueEdition); err != nil {
		return p, pgdb.Wrap(pgdb.NotFound(err, "The policy issue"), "recommendations: read the edition of policy issue %d", issueID)
	}
	if err := s.db.Pool.QueryRow(ctx, `SELECT edition_id, coalesce(policy_issue_id, 0) FROM tracks WHERE id = $1`, trackID).
		Scan(&p.TrackEdition, &p.TrackIssue); err != nil {
		return p, pgdb.Wrap(pgdb.NotFound(err, "The track"), "recommendations: read track %d", trackID)
	}
	if sessionID != 0 {
		if err := s.db.Pool.QueryRow(ctx, `SELECT track_id, policy_issue_id FROM sessions WHERE id = $1`, sessionID).
			Scan(&p.SessionTrack, &p.SessionIssue); err != nil {
			return p, pgdb.Wrap(pgdb.NotFound(err, "The session"), "recommendations: read session %d", sessionID)
		}
	}
	return p, nil
}

// SessionModerator reports whether accountID moderates or co-moderates the
// session.
func (s *Store) SessionModerator(ctx context.Context, sessionID, accountID int64) (bool, error) {
	var ok bool
	err := s.db.Pool.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM session_roles
		WHERE session_id = $1 AND account_id = $2 AND role IN ('moderator', 'co_moderator'))`, sessionID, accountID).Scan(&ok)
	return ok, pgdb.Wrap(err, "recommendations: read whether %d moderates session %d", accountID, sessionID)
}

// lockRecommendation takes recommendation id's row lock for the rest of tx
// and returns its state and whether one of its amendments (other than
// except) is being voted on.
func lockRecommendation(ctx context.Context, tx pgx.Tx, id, except int64) (recommendations.State, bool, error) {
	var state recommendations.State
	if err := tx.QueryRow(ctx, `SELECT state FROM recommendations WHERE id = $1 FOR UPDATE`, id).Scan(&state); err != nil {
		return "", false, pgdb.Wrap(pgdb.NotFound(err, "The recommendation"), "recommendations: lock recommendation %d", id)
	}
	var underVote bool
	err := tx.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM amendments WHERE recommendation_id = $1 AND state = 'under_vote' AND id <> $2)`,
		id, except).Scan(&underVote)
	return state, underVote, pgdb.Wrap(err, "recommendations: read whether an amendment of %d is under vote", id)
}

// person reads a Person from three nullable columns (id, name, group).
func person(id *int64, name *string, group *igfplus.StakeholderGroup) *recommendations.Person {
	if id == nil {
		return nil
	}
	return &recommendations.Person{AccountID: *id, Name: *name, StakeholderGroup: *group}
}
