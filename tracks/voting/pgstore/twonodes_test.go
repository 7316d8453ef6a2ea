package pgstore_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/voting"
)

// TestASecondBallotFindsAFirstOneCommittedWhileItWaited: a voter's first
// ballot is being written by another node's batch when the second arrives
// here. The second's insert waits for that batch, finds the voter has
// voted, and must answer with the ballot that counts, though its statement
// began before that ballot was committed.
func TestASecondBallotFindsAFirstOneCommittedWhileItWaited(t *testing.T) {
	f := newFixture(t)
	voter := f.voters(1, "")[0]
	p := f.openPoll(voting.Settings{Secret: true})
	tag := bytes.Repeat([]byte{7}, 32)
	first := voting.NewBallotID()
	// The other node's batch: its ballot is in, not yet committed.
	other, err := f.db.Pool.Begin(f.ctx)
	f.must(err)
	defer other.Rollback(f.ctx)
	_, err = other.Exec(f.ctx, `INSERT INTO ballots (poll_id, ballot_id, voter_tag, sealed) VALUES ($1, $2, $3, 'first')`,
		p.ID, first[:], tag)
	f.must(err)

	type cast struct {
		counted voting.Ballot
		err     error
	}
	done := make(chan cast, 1)
	go func() {
		counted, err := f.store.Cast(f.ctx, voting.Ballot{PollID: p.ID, ID: voting.NewBallotID(), Tag: tag,
			Sealed: []byte("second"), VoterID: voter.AccountID})
		done <- cast{counted, err}
	}()
	f.waitForABlocked("INSERT INTO ballots")
	f.must(other.Commit(f.ctx))

	select {
	case got := <-done:
		if got.err != nil {
			t.Fatalf("the second ballot: %v; want the first one back", got.err)
		}
		if got.counted.ID != first || string(got.counted.Sealed) != "first" {
			t.Fatalf("the second ballot was answered with %x (%q); want the first, %x", got.counted.ID, got.counted.Sealed, first)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second ballot got no answer")
	}
}

// waitForABlocked returns once a statement that holds text waits on a
// lock.
func (f *fixture) waitForABlocked(text string) {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.ctx, 10*time.Second)
	defer cancel()
	for {
		var n int
		f.must(f.db.Pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock' AND strpos(query, $1) > 0`, text).Scan(&n))
		if n > 0 {
			return
		}
		select {
		case <-ctx.Done():
			f.t.Fatalf("no statement with %q came to wait on a lock", text)
		case <-time.After(10 * time.Millisecond):
		}
	}
}
