package pgstore

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// Group commit: castWorkers transactions may be in flight at once, each
// carrying up to maxBatch ballots gathered while the previous ones ran.
const (
	castWorkers = 4
	maxBatch    = 2000
)

type castRequest struct {
	ballot voting.Ballot
	done   chan error
}

// Cast queues a ballot for the next batch and waits until that batch has
// committed (or was refused). A caller that gives up waiting may still have
// voted: its retry is then told it already has.
func (s *Store) Cast(ctx context.Context, b voting.Ballot) error {
	req := castRequest{ballot: b, done: make(chan error, 1)}
	select {
	case s.casts <- req:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// commitBallots takes the queued ballots in batches until ctx ends.
func (s *Store) commitBallots(ctx context.Context) {
	batch := make([]castRequest, 0, maxBatch)
	for {
		select {
		case <-ctx.Done():
			return
		case req := <-s.casts:
			batch = append(batch[:0], req)
		}
	gather:
		for len(batch) < maxBatch {
			select {
			case req := <-s.casts:
				batch = append(batch, req)
			default:
				break gather
			}
		}
		s.commitBatch(ctx, batch)
	}
}

// batchTimeout bounds one batch's transaction. The committer runs for the
// process's lifetime, so without it a batch stuck on a connection that died
// unnoticed (a Postgres restart) would hold its polls' share locks, and every
// later ballot and the poll's close, for ever.
const batchTimeout = 30 * time.Second

// commitBatch writes a batch in one transaction and answers each ballot.
func (s *Store) commitBatch(ctx context.Context, batch []castRequest) {
	ctx, cancel := context.WithTimeout(ctx, batchTimeout)
	defer cancel()
	// Random order inside the batch, so that not even the physical order of
	// one transaction's rows follows the order of arrival.
	rand.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
	var outcome []error
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		outcome, err = insertBallots(ctx, tx, batch)
		return err
	})
	for i, req := range batch {
		switch {
		case err != nil:
			req.done <- err
		default:
			req.done <- outcome[i]
		}
	}
	if err != nil {
		return
	}
	s.mu.Lock()
	for i, req := range batch {
		if outcome[i] == nil {
			s.dirty[req.ballot.PollID] = true
		}
	}
	s.mu.Unlock()
}

// insertBallots checks each ballot's poll is open and its voter is in the
// electorate, inserts those that pass, and says for each ballot whether it
// was counted or why not. The polls' rows are share-locked, so a close
// waits for the batch, and a batch after a close sees it closed.
func insertBallots(ctx context.Context, tx pgx.Tx, batch []castRequest) ([]error, error) {
	n := len(batch)
	polls, voters := make([]int64, n), make([]int64, n)
	for i, r := range batch {
		polls[i], voters[i] = r.ballot.PollID, r.ballot.VoterID
	}
	states, err := pollStates(ctx, tx, polls)
	if err != nil {
		return nil, err
	}
	eligible, err := inElectorate(ctx, tx, polls, voters)
	if err != nil {
		return nil, err
	}
	outcome := make([]error, n)
	var ins ballotColumns
	for i, r := range batch {
		b := r.ballot
		switch {
		case states[b.PollID] != voting.Open:
			outcome[i] = notOpen(states[b.PollID])
		case !eligible[[2]int64{b.PollID, b.VoterID}]:
			outcome[i] = igfplus.Errorf(igfplus.EForbidden, "You are not in this poll's electorate.")
		default:
			ins.add(i, b)
		}
	}
	inserted, err := ins.insert(ctx, tx)
	if err != nil {
		return nil, err
	}
	for k, i := range ins.index {
		if !inserted[string(ins.ids[k])] {
			outcome[i] = igfplus.Errorf(igfplus.EConflict, "You have already voted in this poll.")
		}
	}
	return outcome, nil
}

func notOpen(st voting.State) error {
	switch st {
	case voting.Draft:
		return igfplus.Errorf(igfplus.EConflict, "The poll has not opened yet.")
	case voting.Closed:
		return igfplus.Errorf(igfplus.EConflict, "The poll has closed.")
	}
	return igfplus.Errorf(igfplus.ENotFound, "The poll was not found.")
}

func pollStates(ctx context.Context, tx pgx.Tx, ids []int64) (map[int64]voting.State, error) {
	rows, err := tx.Query(ctx, `SELECT id, state FROM polls WHERE id = ANY($1) ORDER BY id FOR SHARE`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]voting.State{}
	for rows.Next() {
		var id int64
		var st voting.State
		if err := rows.Scan(&id, &st); err != nil {
			return nil, err
		}
		out[id] = st
	}
	return out, rows.Err()
}

func inElectorate(ctx context.Context, tx pgx.Tx, polls, voters []int64) (map[[2]int64]bool, error) {
	rows, err := tx.Query(ctx, `
		SELECT e.poll_id, e.account_id FROM poll_electorate e
		JOIN unnest($1::bigint[], $2::bigint[]) AS v(poll_id, account_id) USING (poll_id, account_id)`, polls, voters)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[[2]int64]bool{}
	for rows.Next() {
		var k [2]int64
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}

// ballotColumns are the ballots to insert, column by column, for one
// statement over unnest.
type ballotColumns struct {
	index                           []int // position in the batch
	polls                           []int64
	ids, tags                       [][]byte
	choices, groups, regions, names []string
}

func (c *ballotColumns) add(i int, b voting.Ballot) {
	choice, _ := json.Marshal(b.Choice)
	c.index = append(c.index, i)
	c.polls = append(c.polls, b.PollID)
	c.ids = append(c.ids, b.ID[:])
	c.tags = append(c.tags, b.Tag)
	c.choices = append(c.choices, string(choice))
	c.groups = append(c.groups, string(b.Group))
	c.regions = append(c.regions, string(b.Region))
	c.names = append(c.names, b.VoterName)
}

// insert writes the ballots; a second ballot of a voter (same tag) is
// skipped by the constraint. It returns the ids that went in.
func (c *ballotColumns) insert(ctx context.Context, tx pgx.Tx) (map[string]bool, error) {
	inserted := map[string]bool{}
	if len(c.index) == 0 {
		return inserted, nil
	}
	rows, err := tx.Query(ctx, `
		INSERT INTO ballots (poll_id, ballot_id, voter_tag, choice, stakeholder_group, region, voter_name)
		SELECT p, i, t, c::jsonb, g, r, nullif(n, '')
		FROM unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::text[], $5::text[], $6::text[], $7::text[]) AS b(p, i, t, c, g, r, n)
		ON CONFLICT ON CONSTRAINT one_ballot_per_voter DO NOTHING
		RETURNING ballot_id`, c.polls, c.ids, c.tags, c.choices, c.groups, c.regions, c.names)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id []byte
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		inserted[string(id)] = true
	}
	return inserted, rows.Err()
}
