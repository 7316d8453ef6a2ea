package pgstore

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/voting"
)

// Count is how many ballots an open poll holds so far.
func (s *Store) Count(ctx context.Context, poll int64) (int, error) {
	var n int
	err := s.db.Pool.QueryRow(ctx, `SELECT count(*) FROM ballots WHERE poll_id = $1`, poll).Scan(&n)
	return n, pgdb.Wrap(err, "voting: count the ballots of poll %d", poll)
}

// Ballot is an open poll's working row with tag.
func (s *Store) Ballot(ctx context.Context, poll int64, tag []byte) (voting.Ballot, error) {
	b := voting.Ballot{PollID: poll, Tag: tag}
	var id []byte
	err := s.db.Pool.QueryRow(ctx, `SELECT ballot_id, sealed FROM ballots WHERE poll_id = $1 AND voter_tag = $2`, poll, tag).Scan(&id, &b.Sealed)
	copy(b.ID[:], id)
	return b, pgdb.NotFound(err, "The ballot")
}

// Tally counts an open poll's ballots so far, opening each: for a named
// poll's live figures (a secret poll's turnout is its Count).
func (s *Store) Tally(ctx context.Context, p voting.Poll) (*voting.Tally, error) {
	return s.tally(ctx, s.db.Pool, p)
}

func (s *Store) tally(ctx context.Context, q pgdb.Querier, p voting.Poll) (*voting.Tally, error) {
	key, err := s.keys.Poll(p.ID, p.KeySalt, p.KeyID)
	if err != nil {
		return nil, err
	}
	rows, err := q.Query(ctx, `SELECT ballot_id, sealed FROM ballots WHERE poll_id = $1`, p.ID)
	if err != nil {
		return nil, pgdb.Wrap(err, "voting: read the ballots of poll %d", p.ID)
	}
	defer rows.Close()
	t := voting.NewTally(p.Settings)
	for rows.Next() {
		var id, sealed []byte
		if err := rows.Scan(&id, &sealed); err != nil {
			return nil, pgdb.Wrap(err, "voting: read the ballots of poll %d", p.ID)
		}
		c, err := key.Open(id, sealed)
		if err != nil {
			return nil, err
		}
		t.Add(c.Choice, c.Group, c.Region)
	}
	return t, rows.Err()
}

// turnout is what an open poll's room hears: a secret poll's coarse total,
// a named poll's figures.
func (s *Store) turnout(ctx context.Context, q pgdb.Querier, p voting.Poll) (voting.Turnout, error) {
	if p.Secret {
		var n int
		err := q.QueryRow(ctx, `SELECT count(*) FROM ballots WHERE poll_id = $1`, p.ID).Scan(&n)
		return voting.CoarseTurnout(p, n), pgdb.Wrap(err, "voting: count the ballots of poll %d", p.ID)
	}
	t, err := s.tally(ctx, q, p)
	if err != nil {
		return voting.Turnout{}, err
	}
	return voting.TurnoutOf(p, t), nil
}

// announceTurnout publishes, at most once per interval and per poll, the
// turnout of the open polls that took ballots on this node, when what the
// room may see of it changed (a secret poll's total moves in steps): a
// throttle, so that a thousand votes a second make one event a second, not
// a thousand. It also notices an electorate that shrank (a ban).
func (s *Store) announceTurnout(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		s.mu.Lock()
		ids := make([]int64, 0, len(s.dirty)+len(s.announced))
		for id := range s.dirty {
			ids = append(ids, id)
		}
		for id := range s.announced {
			if !s.dirty[id] {
				ids = append(ids, id)
			}
		}
		clear(s.dirty)
		s.mu.Unlock()
		for _, id := range ids {
			_ = s.announceTurnoutOf(ctx, id) // the next ballot marks it again
		}
	}
}

func (s *Store) announceTurnoutOf(ctx context.Context, id int64) error {
	p, err := s.Poll(ctx, id)
	if err != nil || p.State != voting.Open || p.Room() == "" {
		s.mu.Lock()
		delete(s.announced, id)
		s.mu.Unlock()
		return err
	}
	var sent voting.Turnout
	err = s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		t, err := s.turnout(ctx, tx, p)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		last, ok := s.announced[id]
		s.mu.Unlock()
		if ok && reflect.DeepEqual(last, t) {
			return nil, nil // nothing new to say
		}
		sent = t
		return announce(ctx, tx, p, "poll.turnout", t)
	})
	if err == nil && sent.PollID != 0 {
		s.mu.Lock()
		s.announced[id] = sent
		s.mu.Unlock()
	}
	return err
}

// PublicLog reads a closed poll's ballot log.
func (s *Store) PublicLog(ctx context.Context, id int64) (voting.PublicLog, error) {
	p, err := s.Poll(ctx, id)
	if err != nil {
		return voting.PublicLog{}, err
	}
	rows, err := s.db.Pool.Query(ctx, `
		SELECT position, ballot_id, choice, stakeholder_group, coalesce(region, ''), coalesce(voter_name, ''), hash
		FROM ballot_log WHERE poll_id = $1 ORDER BY position`, id)
	if err != nil {
		return voting.PublicLog{}, pgdb.Wrap(err, "voting: read the ballot log of poll %d", id)
	}
	defer rows.Close()
	l := voting.PublicLog{Version: p.LogVersion, PollID: id, Settings: p.Settings, Electorate: p.ElectorateSize, ChainHead: p.ChainHead, Entries: []voting.LogEntry{}}
	if p.Result != nil {
		l.Result = *p.Result
	}
	for rows.Next() {
		var e voting.LogEntry
		var ballotID, choice, hash []byte
		if err := rows.Scan(&e.Position, &ballotID, &choice, &e.Group, &e.Region, &e.VoterName, &hash); err != nil {
			return l, pgdb.Wrap(err, "voting: read the ballot log of poll %d", id)
		}
		if err := json.Unmarshal(choice, &e.Choice); err != nil {
			return l, err
		}
		e.BallotID, e.Hash = hex.EncodeToString(ballotID), hex.EncodeToString(hash)
		l.Entries = append(l.Entries, e)
	}
	return l, pgdb.NotFound(rows.Err(), "The ballot log")
}
