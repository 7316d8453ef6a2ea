// Package pgstore keeps polls and ballots in Postgres.
//
// Ballots are committed in batches: concurrent votes share one transaction
// (group commit), which is what lets one poll take thousands of ballots a
// second, and inside a batch they are written in random order. A ballot is
// acknowledged only after its batch has committed. Poll events (opened,
// closed, turnout) are appended to the session room's log in the same
// transaction as the change and published after commit.
package pgstore

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/voting"
)

// Publisher announces committed events (the hub).
type Publisher = pglog.Publisher

// Amender writes an accepted amendment into its recommendation's next
// version, inside the transaction that closes the amendment's poll, and
// appends to the recommendation's room what a poll changed there. Both
// return the events appended, which the poll's store announces after its
// commit with its own.
type Amender interface {
	AcceptAmendmentTx(ctx context.Context, tx pgx.Tx, amendmentID, by int64) ([]hub.Event, error)
	PollChangedTx(ctx context.Context, tx pgx.Tx, recommendationID, amendmentID int64) ([]hub.Event, error)
}

// Store is the voting.Store on Postgres.
type Store struct {
	db      *pgdb.DB
	pub     Publisher
	amender Amender
	keys    *voting.Keys
	casts   chan castRequest

	mu        sync.Mutex
	dirty     map[int64]bool           // polls with ballots since their last turnout event
	announced map[int64]voting.Turnout // the last turnout announced from this node

	vacuuming sync.Mutex
}

var _ voting.Store = (*Store)(nil)

// New returns a Store whose polls' keys come from keys (the service's).
// Run must be running for Cast to make progress. amender may be nil:
// accepted amendments then change state only.
func New(db *pgdb.DB, pub Publisher, amender Amender, keys *voting.Keys) *Store {
	return &Store{db: db, pub: pub, amender: amender, keys: keys, casts: make(chan castRequest, 4096),
		dirty: map[int64]bool{}, announced: map[int64]voting.Turnout{}}
}

// Run commits ballots and announces turnout until ctx ends.
func (s *Store) Run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { s.commitBallots(ctx) })
	wg.Go(func() { s.announceTurnout(ctx, time.Second) })
	wg.Wait()
}

// commitThenPublish runs fn in a transaction and publishes its events once
// the transaction has committed.
func (s *Store) commitThenPublish(ctx context.Context, fn func(pgx.Tx) ([]hub.Event, error)) error {
	return pglog.CommitThenPublish(ctx, s.db, s.pub, fn)
}

// pollColumns are read by scanPoll, in this order.
const pollColumns = `p.id, coalesce(p.recommendation_id, 0), coalesce(p.amendment_id, 0), coalesce(p.session_id, 0), p.track_id,
	p.question, p.kind, p.options, p.choose_max, p.secret, p.rule, coalesce(p.quorum_percent, 0), p.hide_results,
	p.opens_at, p.closes_at, p.state, p.created_by, coalesce(p.opened_at, 'epoch'), coalesce(p.closed_at, 'epoch'),
	coalesce(p.electorate_size, 0), coalesce(p.chain_head, ''), p.result, p.ballot_salt, p.ballot_key_id, coalesce(p.log_version, 1),
	p.candidates, p.electorate_scope`

// scanPoll reads pollColumns, then any extra columns into extra.
func scanPoll(row pgx.Row, extra ...any) (voting.Poll, error) {
	var p voting.Poll
	var options, result, candidates []byte
	err := row.Scan(append([]any{&p.ID, &p.RecommendationID, &p.AmendmentID, &p.SessionID, &p.TrackID,
		&p.Question, &p.Kind, &options, &p.ChooseMax, &p.Secret, &p.Rule, &p.QuorumPercent, &p.HideResults,
		&p.OpensAt, &p.ClosesAt, &p.State, &p.CreatedBy, &p.OpenedAt, &p.ClosedAt,
		&p.ElectorateSize, &p.ChainHead, &result, &p.KeySalt, &p.KeyID, &p.LogVersion, &candidates, &p.Electorate}, extra...)...)
	if err != nil {
		return p, err
	}
	if p.OpenedAt.Unix() == 0 {
		p.OpenedAt = time.Time{}
	}
	if p.ClosedAt.Unix() == 0 {
		p.ClosedAt = time.Time{}
	}
	if err := json.Unmarshal(options, &p.Options); err != nil {
		return p, err
	}
	if err := json.Unmarshal(candidates, &p.Candidates); err != nil {
		return p, err
	}
	if len(p.Candidates) == 0 {
		p.Candidates = nil
	}
	if result != nil {
		p.Result = new(voting.Result)
		if err := json.Unmarshal(result, p.Result); err != nil {
			return p, err
		}
	}
	return p, nil
}

// Poll reads a poll.
func (s *Store) Poll(ctx context.Context, id int64) (voting.Poll, error) {
	p, err := scanPoll(s.db.Pool.QueryRow(ctx, `SELECT `+pollColumns+` FROM polls p WHERE p.id = $1`, id))
	return p, pgdb.NotFound(err, "The poll")
}

func (s *Store) polls(ctx context.Context, where string, arg int64) ([]voting.Poll, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT `+pollColumns+` FROM polls p WHERE `+where+` ORDER BY p.id`, arg)
	if err != nil {
		return nil, pgdb.Wrap(err, "voting: read polls")
	}
	out := []voting.Poll{}
	for rows.Next() {
		p, err := scanPoll(rows)
		if err != nil {
			rows.Close()
			return nil, pgdb.Wrap(err, "voting: read polls")
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PollsOfSession lists a session's polls.
func (s *Store) PollsOfSession(ctx context.Context, sessionID int64) ([]voting.Poll, error) {
	return s.polls(ctx, "p.session_id = $1", sessionID)
}

// PollsOfRecommendation lists the polls on a recommendation and its
// amendments.
func (s *Store) PollsOfRecommendation(ctx context.Context, id int64) ([]voting.Poll, error) {
	return s.polls(ctx, "p.recommendation_id = $1", id)
}

// DuePolls lists the polls whose scheduled opening or closing has come.
func (s *Store) DuePolls(ctx context.Context, now time.Time) (toOpen, toClose []int64, err error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT id, state FROM polls
		WHERE (state = 'draft' AND opens_at <= $1) OR (state = 'open' AND closes_at <= $1)
		ORDER BY id`, now)
	if err != nil {
		return nil, nil, pgdb.Wrap(err, "voting: read due polls")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var state voting.State
		if err := rows.Scan(&id, &state); err != nil {
			return nil, nil, pgdb.Wrap(err, "voting: read due polls")
		}
		if state == voting.Draft {
			toOpen = append(toOpen, id)
		} else {
			toClose = append(toClose, id)
		}
	}
	return toOpen, toClose, rows.Err()
}
