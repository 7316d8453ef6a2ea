package pgstore

import (
	"context"
	"encoding/hex"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
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
		if err := s.closeOpenPoll(ctx, tx, &p); err != nil {
			return nil, err
		}
		return announce(ctx, tx, p, "poll.closed", p)
	})
	if err != nil {
		return voting.Poll{}, err
	}
	if closedNow {
		go s.vacuumBallots(context.WithoutCancel(ctx))
	}
	return s.Poll(ctx, id)
}

func (s *Store) closeOpenPoll(ctx context.Context, tx pgx.Tx, p *voting.Poll) error {
	entries, tally, err := readBallots(ctx, tx, *p)
	if err != nil {
		return err
	}
	head := voting.Chain(p.ID, p.Settings, entries)
	result := voting.Decide(p.Settings, p.ElectorateSize, tally, head)
	if err := writeLog(ctx, tx, p.ID, entries); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM ballots WHERE poll_id = $1`, p.ID); err != nil {
		return err
	}
	resultJSON, _ := json.Marshal(result)
	if _, err := tx.Exec(ctx, `UPDATE polls SET state = 'closed', closed_at = now(), result = $2, chain_head = $3 WHERE id = $1`,
		p.ID, resultJSON, head); err != nil {
		return err
	}
	p.State, p.Result, p.ChainHead = voting.Closed, &result, head
	return s.decideSubject(ctx, tx, *p, result)
}

// readBallots reads an open poll's ballots in ballot-id order, as log
// entries (with region and name for named polls only) and as a full tally
// (regions included, for the masked regional figures).
func readBallots(ctx context.Context, tx pgx.Tx, p voting.Poll) ([]voting.LogEntry, *voting.Tally, error) {
	rows, err := tx.Query(ctx, `
		SELECT ballot_id, choice, stakeholder_group, region, coalesce(voter_name, '')
		FROM ballots WHERE poll_id = $1 ORDER BY ballot_id`, p.ID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	tally := voting.NewTally(p.Settings)
	entries := []voting.LogEntry{}
	for rows.Next() {
		var id, choice []byte
		var e voting.LogEntry
		if err := rows.Scan(&id, &choice, &e.Group, &e.Region, &e.VoterName); err != nil {
			return nil, nil, err
		}
		if err := json.Unmarshal(choice, &e.Choice); err != nil {
			return nil, nil, err
		}
		e.BallotID = hex.EncodeToString(id)
		tally.Add(e.Choice, e.Group, e.Region)
		if p.Secret {
			e.Region, e.VoterName = "", ""
		}
		entries = append(entries, e)
	}
	return entries, tally, rows.Err()
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
	return err
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// decideSubject gives the poll's amendment or recommendation its outcome.
func (s *Store) decideSubject(ctx context.Context, tx pgx.Tx, p voting.Poll, r voting.Result) error {
	if p.Kind != voting.YesNoAbstain {
		return nil
	}
	if p.AmendmentID == 0 {
		return markSubject(ctx, tx, p, map[bool]string{true: "adopted", false: "not_adopted"}[r.Passed()])
	}
	if !r.Passed() {
		return markSubject(ctx, tx, p, "rejected")
	}
	if s.amender != nil {
		// The text may no longer take the amendment (the recommendation
		// moved on meanwhile): the vote still stands and closes, the
		// amendment is marked accepted, and its drafters apply it by hand.
		// A savepoint keeps the failed attempt out of the closing.
		applied := pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error {
			return s.amender.AcceptAmendmentTx(ctx, sp, p.AmendmentID, p.CreatedBy)
		})
		if applied == nil || igfplus.ErrorCode(applied) != igfplus.EConflict {
			return applied
		}
	}
	return markSubject(ctx, tx, p, "accepted")
}

// vacuumBallots clears the deleted working ballots (and their insertion
// order) from the table's pages at once rather than whenever autovacuum
// comes round. One at a time: closes are rare.
func (s *Store) vacuumBallots(ctx context.Context) {
	s.vacuuming.Lock()
	defer s.vacuuming.Unlock()
	_, _ = s.db.Pool.Exec(ctx, `VACUUM ballots`)
}
