package pgstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// Group commit: one transaction at a time carries up to maxBatch ballots,
// those that arrived while the one before it ran. One in flight, not
// several, because each transaction's round trips and commit cost the
// same whatever its size: with four in flight the batches were a quarter
// as big, each ballot cost Postgres about half as much CPU again, and the
// server took fewer votes a second with a longer wait (docs/PERFORMANCE.md,
// "Votes").
const maxBatch = 2000

type castRequest struct {
	ballot voting.Ballot
	done   chan castOutcome
}

// castOutcome is what became of a ballot: refused (err), counted, or found
// to be a second one of its voter (counted is then the first).
type castOutcome struct {
	counted voting.Ballot
	err     error
}

// Cast queues a ballot for the next batch and waits until that batch has
// committed (or was refused). A caller that gives up waiting may still have
// voted: its retry then gets that ballot back.
func (s *Store) Cast(ctx context.Context, b voting.Ballot) (voting.Ballot, error) {
	req := castRequest{ballot: b, done: make(chan castOutcome, 1)}
	select {
	case s.casts <- req:
	case <-ctx.Done():
		return voting.Ballot{}, ctx.Err()
	}
	select {
	case out := <-req.done:
		return out.counted, out.err
	case <-ctx.Done():
		return voting.Ballot{}, ctx.Err()
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
	var outcome []castOutcome
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		outcome, err = insertBallots(ctx, tx, batch)
		return err
	})
	for i, req := range batch {
		switch {
		case err != nil:
			req.done <- castOutcome{err: err}
		default:
			req.done <- outcome[i]
		}
	}
	if err != nil {
		return
	}
	s.mu.Lock()
	for i, req := range batch {
		if outcome[i].err == nil {
			s.dirty[req.ballot.PollID] = true
		}
	}
	s.mu.Unlock()
}

// insertBallots checks each ballot's poll is open and its voter is in the
// electorate and in good standing, inserts those that pass, and says for
// each ballot whether it was counted, which ballot of its voter counts, or
// why none. The polls' rows are share-locked, so a close waits for the
// batch, and a batch after a close sees it closed.
func insertBallots(ctx context.Context, tx pgx.Tx, batch []castRequest) ([]castOutcome, error) {
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
	outcome := make([]castOutcome, n)
	var ins ballotColumns
	for i, r := range batch {
		b := r.ballot
		switch {
		case states[b.PollID] != voting.Open:
			outcome[i].err = notOpen(states[b.PollID])
		case !eligible[[2]int64{b.PollID, b.VoterID}]:
			outcome[i].err = igfplus.Errorf(igfplus.EForbidden, "You are not in this poll's electorate.")
		default:
			outcome[i].counted = b
			ins.add(i, b)
		}
	}
	// An order of its own, so that the insert's rows do not line up with
	// the electorate query's voters, even for one who could read both
	// statements' parameters (a server that logs slow statements with
	// them, say).
	ins.shuffle()
	inserted, err := ins.insert(ctx, tx)
	if err != nil {
		return nil, err
	}
	var again []int // second ballots: their voters' first one counts
	for k, i := range ins.index {
		if !inserted[string(ins.ids[k])] {
			again = append(again, i)
		}
	}
	return outcome, firstBallots(ctx, tx, batch, again, outcome)
}

// firstBallots puts, for each ballot in again, its voter's ballot already
// in the box in outcome. Two ballots of one voter in one batch: the one
// inserted counts, and it is found here too. It is a statement of its own,
// after the insert: a first ballot that another node committed while the
// insert waited on it is visible only to a statement begun later
// (TestASecondBallotFindsAFirstOneCommittedWhileItWaited).
func firstBallots(ctx context.Context, tx pgx.Tx, batch []castRequest, again []int, outcome []castOutcome) error {
	if len(again) == 0 {
		return nil
	}
	polls, tags := make([]int64, len(again)), make([][]byte, len(again))
	for k, i := range again {
		polls[k], tags[k] = batch[i].ballot.PollID, batch[i].ballot.Tag
	}
	rows, err := tx.Query(ctx, `
		SELECT b.poll_id, b.voter_tag, b.ballot_id, b.sealed FROM ballots b
		JOIN unnest($1::bigint[], $2::bytea[]) AS v(poll_id, voter_tag) USING (poll_id, voter_tag)`, polls, tags)
	if err != nil {
		return pgdb.Wrap(err, "voting: read the voters' first ballots")
	}
	found := map[string]voting.Ballot{}
	for rows.Next() {
		var b voting.Ballot
		var id []byte
		if err := rows.Scan(&b.PollID, &b.Tag, &id, &b.Sealed); err != nil {
			rows.Close()
			return pgdb.Wrap(err, "voting: read the voters' first ballots")
		}
		copy(b.ID[:], id)
		found[tagKey(b.PollID, b.Tag)] = b
	}
	if err := rows.Err(); err != nil {
		return pgdb.Wrap(err, "voting: read the voters' first ballots")
	}
	for _, i := range again {
		b := batch[i].ballot
		first, ok := found[tagKey(b.PollID, b.Tag)]
		if !ok {
			return errors.New("voting: a refused second ballot has no first one")
		}
		outcome[i] = castOutcome{counted: first}
	}
	return nil
}

func tagKey(poll int64, tag []byte) string { return fmt.Sprint(poll, "/", string(tag)) }

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
	// A poll whose closing time has passed is closed to ballots, whether
	// or not the schedule (RunSchedule, once a second) has closed it yet.
	rows, err := tx.Query(ctx, `
		SELECT id, CASE WHEN state = 'open' AND closes_at <= now() THEN 'closed' ELSE state END
		FROM polls WHERE id = ANY($1) ORDER BY id FOR SHARE`, ids)
	if err != nil {
		return nil, pgdb.Wrap(err, "voting: lock the batch's polls")
	}
	defer rows.Close()
	out := map[int64]voting.State{}
	for rows.Next() {
		var id int64
		var st voting.State
		if err := rows.Scan(&id, &st); err != nil {
			return nil, pgdb.Wrap(err, "voting: lock the batch's polls")
		}
		out[id] = st
	}
	return out, rows.Err()
}

// inElectorate says which voters are in their poll's electorate at the
// moment the ballot is counted. That is their standing too: removing or
// banning someone from the session takes them out of its open polls'
// electorates in the restriction's own transaction (migration 0019's
// trigger), so a ballot counted after that commit finds them gone.
func inElectorate(ctx context.Context, tx pgx.Tx, polls, voters []int64) (map[[2]int64]bool, error) {
	rows, err := tx.Query(ctx, `
		SELECT e.poll_id, e.account_id FROM poll_electorate e
		JOIN unnest($1::bigint[], $2::bigint[]) AS v(poll_id, account_id) USING (poll_id, account_id)`, polls, voters)
	if err != nil {
		return nil, pgdb.Wrap(err, "voting: read the batch's electorate")
	}
	defer rows.Close()
	out := map[[2]int64]bool{}
	for rows.Next() {
		var k [2]int64
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			return nil, pgdb.Wrap(err, "voting: read the batch's electorate")
		}
		out[k] = true
	}
	return out, rows.Err()
}

// ballotColumns are the ballots to insert, column by column, for one
// statement over unnest.
type ballotColumns struct {
	index              []int // position in the batch
	polls              []int64
	ids, tags, sealeds [][]byte
}

func (c *ballotColumns) add(i int, b voting.Ballot) {
	c.index = append(c.index, i)
	c.polls = append(c.polls, b.PollID)
	c.ids = append(c.ids, b.ID[:])
	c.tags = append(c.tags, b.Tag)
	c.sealeds = append(c.sealeds, b.Sealed)
}

// shuffle puts the ballots in a random order of their own.
func (c *ballotColumns) shuffle() {
	rand.Shuffle(len(c.index), func(i, j int) {
		c.index[i], c.index[j] = c.index[j], c.index[i]
		c.polls[i], c.polls[j] = c.polls[j], c.polls[i]
		c.ids[i], c.ids[j] = c.ids[j], c.ids[i]
		c.tags[i], c.tags[j] = c.tags[j], c.tags[i]
		c.sealeds[i], c.sealeds[j] = c.sealeds[j], c.sealeds[i]
	})
}

// insert writes the ballots; a second ballot of a voter (same tag) is
// skipped by the constraint. It returns the ids that went in.
func (c *ballotColumns) insert(ctx context.Context, tx pgx.Tx) (map[string]bool, error) {
	inserted := map[string]bool{}
	if len(c.index) == 0 {
		return inserted, nil
	}
	rows, err := tx.Query(ctx, `
		INSERT INTO ballots (poll_id, ballot_id, voter_tag, sealed)
		SELECT p, i, t, s FROM unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::bytea[]) AS b(p, i, t, s)
		ON CONFLICT ON CONSTRAINT one_ballot_per_voter DO NOTHING
		RETURNING ballot_id`, c.polls, c.ids, c.tags, c.sealeds)
	if err != nil {
		return nil, pgdb.Wrap(err, "voting: insert a batch of ballots")
	}
	defer rows.Close()
	for rows.Next() {
		var id []byte
		if err := rows.Scan(&id); err != nil {
			return nil, pgdb.Wrap(err, "voting: insert a batch of ballots")
		}
		inserted[string(id)] = true
	}
	return inserted, rows.Err()
}
