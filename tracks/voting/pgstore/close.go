package pgstore

import (
	"context"
	"encoding/hex"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// ClosePoll closes an open poll in one transaction: its ballots move to the
// public log in ballot-id order and are chained, the working rows (with
// their voter tags and insertion order) are deleted, the result is decided
// and stored with the chain head, and the poll's subject takes the outcome.
// Concurrent closers queue on the poll's row; all but the first find it
// closed and get the same result.
func (s *Store) ClosePoll(ctx context.Context, id int64) (voting.Poll, error) {
	closedNow := false
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		p, _, err := lockPoll(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		switch p.State {
		case voting.Closed:
			return nil, nil
		case voting.Draft:
			return nil, igfplus.Errorf(igfplus.EConflict, "The poll has not opened.")
		}
		closedNow = true
		decided, err := s.closeOpenPoll(ctx, tx, &p)
		if err != nil {
			return nil, err
		}
		own, err := announce(ctx, tx, p, "poll.closed", p)
		return append(own, decided...), err
	})
	if err != nil {
		return voting.Poll{}, err
	}
	if closedNow {
		s.keys.Forget(id)
		go s.vacuumBallots(context.WithoutCancel(ctx))
	}
	return s.Poll(ctx, id)
}

// closeOpenPoll closes p in tx and returns the events that announce its
// subject's outcome.
func (s *Store) closeOpenPoll(ctx context.Context, tx pgx.Tx, p *voting.Poll) ([]hub.Event, error) {
	key, err := s.keys.Poll(p.ID, p.KeySalt, p.KeyID)
	if err != nil {
		return nil, err
	}
	entries, tally, err := readBallots(ctx, tx, *p, key)
	if err != nil {
		return nil, err
	}
	head := voting.Chain(p.ID, p.Settings, entries)
	result := voting.Decide(p.Settings, p.ElectorateSize, tally, head)
	if err := writeLog(ctx, tx, p.ID, entries); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM ballots WHERE poll_id = $1`, p.ID); err != nil {
		return nil, pgdb.Wrap(err, "voting: delete the closed poll's ballots")
	}
	resultJSON, _ := json.Marshal(result)
	// The salt goes with the working rows: nobody can derive the poll's
	// key, and so recompute a voter tag, any more.
	if _, err := tx.Exec(ctx, `UPDATE polls SET state = 'closed', closed_at = now(), result = $2, chain_head = $3,
		ballot_salt = NULL, ballot_key_id = NULL, log_version = $4 WHERE id = $1`,
		p.ID, resultJSON, head, voting.LogVersion); err != nil {
		return nil, pgdb.Wrap(err, "voting: mark the poll closed")
	}
	p.State, p.Result, p.ChainHead, p.KeySalt, p.KeyID = voting.Closed, &result, head, nil, nil
	return s.decideSubject(ctx, tx, *p, result)
}

// readBallots opens an open poll's ballots and returns them in ballot-id
// order as log entries (a secret poll's labelled by the disclosure rule,
// a named poll's with region and name) and as the tally of those labels.
func readBallots(ctx context.Context, tx pgx.Tx, p voting.Poll, key *voting.PollKey) ([]voting.LogEntry, *voting.Tally, error) {
	rows, err := tx.Query(ctx, `SELECT ballot_id, sealed FROM ballots WHERE poll_id = $1 ORDER BY ballot_id`, p.ID)
	if err != nil {
		return nil, nil, pgdb.Wrap(err, "voting: read the ballots to close")
	}
	entries := []voting.LogEntry{}
	perGroup := map[igfplus.StakeholderGroup]int{}
	for rows.Next() {
		var id, sealed []byte
		if err := rows.Scan(&id, &sealed); err != nil {
			rows.Close()
			return nil, nil, pgdb.Wrap(err, "voting: read the ballots to close")
		}
		c, err := key.Open(id, sealed)
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		entries = append(entries, voting.LogEntry{BallotID: hex.EncodeToString(id), Choice: c.Choice, Group: c.Group, Region: c.Region, VoterName: c.Name})
		perGroup[c.Group]++
	}
	if err := rows.Err(); err != nil {
		return nil, nil, pgdb.Wrap(err, "voting: read the ballots to close")
	}
	if p.Secret {
		labels := voting.PoolLabels(perGroup)
		for i := range entries {
			entries[i].Group = labels[entries[i].Group]
		}
	}
	tally := voting.NewTally(p.Settings)
	for _, e := range entries {
		tally.Add(e.Choice, e.Group, e.Region)
	}
	return entries, tally, nil
}

// writeLog copies the chained entries into the public log, in order.
func writeLog(ctx context.Context, tx pgx.Tx, pollID int64, entries []voting.LogEntry) error {
	rows := make([][]any, len(entries))
	for i, e := range entries {
		id, _ := hex.DecodeString(e.BallotID)
		hash, _ := hex.DecodeString(e.Hash)
		choice, _ := json.Marshal(e.Choice)
		rows[i] = []any{pollID, e.Position, id, string(choice), string(e.Group), nullable(string(e.Region)), nullable(e.VoterName), hash}
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"ballot_log"},
		[]string{"poll_id", "position", "ballot_id", "choice", "stakeholder_group", "region", "voter_name", "hash"},
		pgx.CopyFromRows(rows))
	return pgdb.Wrap(err, "voting: write the ballot log")
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// decideSubject gives the poll's amendment or recommendation its outcome,
// and returns the events that announce it in the recommendation's room.
func (s *Store) decideSubject(ctx context.Context, tx pgx.Tx, p voting.Poll, r voting.Result) ([]hub.Event, error) {
	if p.Kind != voting.YesNoAbstain {
		return nil, nil
	}
	if p.AmendmentID == 0 {
		return s.markSubject(ctx, tx, p, map[bool]string{true: "adopted", false: "not_adopted"}[r.Passed()])
	}
	if !r.Passed() {
		return s.markSubject(ctx, tx, p, "rejected")
	}
	if s.amender != nil {
		// The text may no longer take the amendment (the recommendation
		// moved on meanwhile): the vote still stands and closes, the
		// amendment is marked accepted, and its drafters apply it by hand.
		// A savepoint keeps the failed attempt out of the closing.
		var events []hub.Event
		applied := pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error {
			var err error
			events, err = s.amender.AcceptAmendmentTx(ctx, sp, p.AmendmentID, p.CreatedBy)
			return err
		})
		if applied == nil || igfplus.ErrorCode(applied) != igfplus.EConflict {
			return events, applied
		}
	}
	return s.markSubject(ctx, tx, p, "accepted")
}

// vacuumBallots clears the deleted working ballots (and their insertion
// order) from the table's pages at once rather than whenever autovacuum
// comes round. One at a time: closes are rare.
func (s *Store) vacuumBallots(ctx context.Context) {
	s.vacuuming.Lock()
	defer s.vacuuming.Unlock()
	_, _ = s.db.Pool.Exec(ctx, `VACUUM ballots`)
}
