package pgstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

func TestABanWhileThePollIsOpenTakesTheVoterOut(t *testing.T) {
	f := newFixture(t)
	voters := f.voters(4, "")
	p := f.openPoll(voting.Settings{Secret: true})
	for i, kind := range []string{"banned", "removed"} {
		// What sessions' moderation writes (POST /api/sessions/{id}/restrictions).
		f.must(execSQL(f, `INSERT INTO session_restrictions (session_id, account_id, kind, by_id) VALUES ($1, $2, $3, $4)`,
			f.session, voters[i].AccountID, kind, f.chair.AccountID))
		if _, err := f.svc.Cast(f.ctx, voters[i], p.ID, voting.Choice{Answer: voting.No}); igfplus.ErrorCode(err) != igfplus.EForbidden {
			t.Fatalf("someone %s from the session voted: %v", kind, err)
		}
	}
	// A mute is no exclusion: a muted participant still votes.
	f.must(execSQL(f, `INSERT INTO session_restrictions (session_id, account_id, kind, by_id) VALUES ($1, $2, 'muted', $3)`,
		f.session, voters[2].AccountID, f.chair.AccountID))
	if _, err := f.svc.Cast(f.ctx, voters[2], p.ID, voting.Choice{Answer: voting.Yes}); err != nil {
		t.Fatalf("a muted participant could not vote: %v", err)
	}
	after, err := f.svc.Poll(f.ctx, p.ID)
	f.must(err)
	if after.ElectorateSize != p.ElectorateSize-2 {
		t.Fatalf("the electorate is %d after two exclusions; it was %d", after.ElectorateSize, p.ElectorateSize)
	}
	if tr := turnoutOf(f, p.ID); tr.Electorate != after.ElectorateSize {
		t.Fatalf("the turnout shows an electorate of %d, the poll %d", tr.Electorate, after.ElectorateSize)
	}
}

func TestARetryAfterATimeoutGetsTheSameReceipt(t *testing.T) {
	f := newFixture(t)
	voter := f.voters(1, "")[0]
	p := f.openPoll(voting.Settings{Secret: true})
	// Hold the poll's row so the ballot's batch waits, let the client give
	// up, then let the batch commit: the ballot counts, unbeknown to it.
	tx, err := f.db.Pool.Begin(f.ctx)
	f.must(err)
	_, err = tx.Exec(f.ctx, `SELECT 1 FROM polls WHERE id = $1 FOR UPDATE`, p.ID)
	f.must(err)
	ctx, cancel := context.WithTimeout(f.ctx, 300*time.Millisecond)
	defer cancel()
	if _, err := f.svc.Cast(ctx, voter, p.ID, voting.Choice{Answer: voting.No}); err == nil {
		t.Fatal("the cast did not time out")
	}
	f.must(tx.Commit(f.ctx))
	var stored int
	for deadline := time.Now().Add(5 * time.Second); stored == 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		f.must(f.db.Pool.QueryRow(f.ctx, `SELECT count(*) FROM ballots WHERE poll_id = $1`, p.ID).Scan(&stored))
	}
	if stored != 1 {
		t.Fatalf("%d ballots stored after the timed-out cast; want 1", stored)
	}
	// The retry, even with another answer, learns the ballot that counts.
	retry, err := f.svc.Cast(f.ctx, voter, p.ID, voting.Choice{Answer: voting.Yes})
	if err != nil {
		t.Fatalf("the retry: %v; want the receipt", err)
	}
	if retry.Choice.Answer != voting.No || len(retry.Receipt) != 32 {
		t.Fatalf("the retry's receipt %+v; want the first ballot's (no)", retry)
	}
	again, err := f.svc.Cast(f.ctx, voter, p.ID, voting.Choice{Answer: voting.Abstain})
	if err != nil || again.Receipt != retry.Receipt {
		t.Fatalf("a second retry: %+v, %v; want receipt %s", again, err, retry.Receipt)
	}
	closed, err := f.svc.ClosePoll(f.ctx, f.chair, p.ID)
	f.must(err)
	if closed.Result.Ballots != 1 || closed.Result.Overall.No != 1 {
		t.Fatalf("result %+v; want one ballot, no", closed.Result.Overall)
	}
	log, err := f.svc.PublicLog(f.ctx, p.ID)
	f.must(err)
	if len(log.Entries) != 1 || log.Entries[0].BallotID != retry.Receipt {
		t.Fatalf("the log holds %+v; want the receipt %s", log.Entries, retry.Receipt)
	}
}
