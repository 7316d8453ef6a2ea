package pgstore

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// Tally counts an open poll's ballots so far.
func (s *Store) Tally(ctx context.Context, p voting.Poll) (*voting.Tally, error) {
	return tally(ctx, s.db.Pool, p)
}

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func tally(ctx context.Context, q querier, p voting.Poll) (*voting.Tally, error) {
	rows, err := q.Query(ctx, `
		SELECT choice, stakeholder_group, region, count(*) FROM ballots
		WHERE poll_id = $1 GROUP BY 1, 2, 3`, p.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := voting.NewTally(p.Settings)
	for rows.Next() {
		var choice []byte
		var c voting.Choice
		var g string
		var r string
		var n int
		if err := rows.Scan(&choice, &g, &r, &n); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(choice, &c); err != nil {
			return nil, err
		}
		for range n {
			t.Add(c, igfplus.StakeholderGroup(g), igfplus.Region(r))
		}
	}
	return t, rows.Err()
}

// announceTurnout publishes, at most once per interval and per poll, the
// turnout of the open polls that took ballots on this node: a throttle, so
// that a thousand votes a second make one event a second, not a thousand.
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
		ids := make([]int64, 0, len(s.dirty))
		for id := range s.dirty {
			ids = append(ids, id)
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
		return err
	}
	return s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		t, err := tally(ctx, tx, p)
		if err != nil {
			return nil, err
		}
		return announce(ctx, tx, p, "poll.turnout", voting.TurnoutOf(p, t))
	})
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
		return voting.PublicLog{}, err
	}
	defer rows.Close()
	l := voting.PublicLog{PollID: id, Settings: p.Settings, Electorate: p.ElectorateSize, ChainHead: p.ChainHead, Entries: []voting.LogEntry{}}
	if p.Result != nil {
		l.Result = *p.Result
	}
	for rows.Next() {
		var e voting.LogEntry
		var ballotID, choice, hash []byte
		if err := rows.Scan(&e.Position, &ballotID, &choice, &e.Group, &e.Region, &e.VoterName, &hash); err != nil {
			return l, err
		}
		if err := json.Unmarshal(choice, &e.Choice); err != nil {
			return l, err
		}
		e.BallotID, e.Hash = hex.EncodeToString(ballotID), hex.EncodeToString(hash)
		l.Entries = append(l.Entries, e)
	}
	return l, pgdb.NotFound(rows.Err(), "The ballot log")
}
