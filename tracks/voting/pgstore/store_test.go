package pgstore_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

func TestEveryVoterVotesOnceUnderConcurrentRetries(t *testing.T) {
	f := newFixture(t)
	voters := f.voters(1000, "")
	p := f.openPoll(voting.Settings{Secret: true})
	var accepted, already atomic.Int64
	receipts := make([][3]voting.Receipt, len(voters))
	var wg sync.WaitGroup
	for i, who := range voters {
		for attempt := range 3 {
			wg.Go(func() {
				answer := []string{voting.Yes, voting.No, voting.Abstain}[(i+attempt)%3]
				r, err := f.svc.Cast(f.ctx, who, p.ID, voting.Choice{Answer: answer})
				switch {
				case err != nil:
					t.Errorf("voter %d: %v", who.AccountID, err)
				case r.AlreadyVoted:
					already.Add(1)
				default:
					accepted.Add(1)
				}
				receipts[i][attempt] = r
			})
		}
	}
	wg.Wait()
	var ballots int
	f.must(f.db.Pool.QueryRow(f.ctx, `SELECT count(*) FROM ballots WHERE poll_id = $1`, p.ID).Scan(&ballots))
	if accepted.Load() != 1000 || already.Load() != 2000 || ballots != 1000 {
		t.Fatalf("accepted %d, already voted %d, ballots stored %d; want 1000, 2000, 1000", accepted.Load(), already.Load(), ballots)
	}
	for i, r := range receipts {
		if r[0].Receipt != r[1].Receipt || r[1].Receipt != r[2].Receipt || r[0].Choice.Answer != r[1].Choice.Answer || r[1].Choice.Answer != r[2].Choice.Answer {
			t.Fatalf("voter %d's three casts got different receipts: %+v", i, r)
		}
	}
}

func TestConcurrentClosesAllReturnTheAcceptedBallots(t *testing.T) {
	f := newFixture(t)
	voters := f.voters(200, "")
	p := f.openPoll(voting.Settings{})
	var accepted atomic.Int64
	results := make(chan voting.Poll, 20)
	var wg sync.WaitGroup
	for i, who := range voters {
		wg.Go(func() {
			_, err := f.svc.Cast(f.ctx, who, p.ID, voting.Choice{Answer: []string{voting.Yes, voting.No}[i%2]})
			if err == nil {
				accepted.Add(1)
			} else if igfplus.ErrorMessage(err) != "The poll has closed." {
				t.Errorf("vote: %v", err)
			}
		})
	}
	for range 20 {
		wg.Go(func() {
			closed, err := f.svc.ClosePoll(f.ctx, f.chair, p.ID)
			if err != nil {
				t.Errorf("close: %v", err)
				return
			}
			results <- closed
		})
	}
	wg.Wait()
	close(results)
	var first *voting.Poll
	for r := range results {
		if first == nil {
			first = &r
		}
		if r.ChainHead != first.ChainHead || r.Result.Ballots != first.Result.Ballots {
			t.Fatalf("closes disagree: %d ballots (head %s) and %d (head %s)", r.Result.Ballots, r.ChainHead, first.Result.Ballots, first.ChainHead)
		}
	}
	if first == nil || int64(first.Result.Ballots) != accepted.Load() {
		t.Fatalf("result counts %d ballots, %d were accepted", first.Result.Ballots, accepted.Load())
	}
	log, err := f.svc.PublicLog(f.ctx, p.ID)
	f.must(err)
	if len(log.Entries) != int(accepted.Load()) {
		t.Fatalf("the log has %d entries, %d ballots were accepted", len(log.Entries), accepted.Load())
	}
	f.must(log.Verify())
}

func TestSettingsAreLockedOnceThePollOpens(t *testing.T) {
	f := newFixture(t)
	p := f.openPoll(voting.Settings{})
	set := p.Settings
	set.Rule = voting.Consensus
	if _, err := f.svc.UpdatePoll(f.ctx, f.chair, p.ID, set); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("changing the rule of an open poll: %v; want a conflict", err)
	}
	// Nor can anything get round the service: the database refuses too.
	for _, stmt := range []string{
		`UPDATE polls SET rule = 'consensus' WHERE id = $1`,
		`UPDATE polls SET secret = NOT secret WHERE id = $1`,
		`UPDATE polls SET quorum_percent = 90 WHERE id = $1`,
		`UPDATE polls SET state = 'draft' WHERE id = $1`,
	} {
		if _, err := f.db.Pool.Exec(f.ctx, stmt, p.ID); err == nil {
			t.Errorf("%s: accepted on an open poll", stmt)
		}
	}
	after, err := f.svc.Poll(f.ctx, p.ID)
	f.must(err)
	if after.Rule != voting.Majority || after.Secret {
		t.Fatalf("settings changed: %+v", after.Settings)
	}
}

func TestADraftPollCanBeChanged(t *testing.T) {
	f := newFixture(t)
	p, err := f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{RecommendationID: f.rec, SessionID: f.session, Question: "Adopt?", Kind: voting.YesNoAbstain, Rule: voting.Majority})
	f.must(err)
	set := p.Settings
	set.Rule, set.QuorumPercent = voting.TwoThirds, 40
	changed, err := f.svc.UpdatePoll(f.ctx, f.chair, p.ID, set)
	if err != nil || changed.Rule != voting.TwoThirds || changed.QuorumPercent != 40 {
		t.Fatalf("UpdatePoll: %+v, %v", changed.Settings, err)
	}
}

func TestOnlyTheElectorateVotes(t *testing.T) {
	f := newFixture(t)
	var ministerial int64
	f.must(f.db.Pool.QueryRow(f.ctx, `INSERT INTO tracks (edition_id, kind, slug, title) VALUES ($1, 'ministerial', 'ministerial', 'Ministerial track')
		RETURNING id`, f.forum.EditionID).Scan(&ministerial))
	rec := f.recommendation(ministerial, 0)
	delegate := f.voters(1, "government")[0]
	f.must(execSQL(f, `UPDATE accounts SET verified_as = 'government_delegate' WHERE id = $1`, delegate.AccountID))
	unverified := f.voters(1, "government")[0]
	p := f.openPoll(voting.Settings{RecommendationID: rec})
	if _, err := f.svc.Cast(f.ctx, unverified, p.ID, voting.Choice{Answer: voting.Yes}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("an unverified government participant voted in a ministerial poll: %v", err)
	}
	if _, err := f.svc.Cast(f.ctx, delegate, p.ID, voting.Choice{Answer: voting.Yes}); err != nil {
		t.Fatalf("a verified delegate could not vote: %v", err)
	}
	late := f.voters(1, "")[0]
	if _, err := f.svc.Cast(f.ctx, late, p.ID, voting.Choice{Answer: voting.Yes}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("someone registered after the poll opened voted: %v", err)
	}
}

func TestAdoptionFollowsTheResultAndIsAnnounced(t *testing.T) {
	f := newFixture(t)
	voters := f.voters(6, "")
	p := f.openPoll(voting.Settings{Rule: voting.Multistakeholder, QuorumPercent: 1})
	var state string
	f.must(f.db.Pool.QueryRow(f.ctx, `SELECT state FROM recommendations WHERE id = $1`, f.rec).Scan(&state))
	if state != "under_vote" {
		t.Fatalf("recommendation is %s while its poll is open", state)
	}
	for _, who := range voters {
		if _, err := f.svc.Cast(f.ctx, who, p.ID, voting.Choice{Answer: voting.Yes}); err != nil {
			t.Fatal(err)
		}
	}
	closed, err := f.svc.ClosePoll(f.ctx, f.chair, p.ID)
	f.must(err)
	f.must(f.db.Pool.QueryRow(f.ctx, `SELECT state FROM recommendations WHERE id = $1`, f.rec).Scan(&state))
	if closed.Result.Outcome != voting.Adopted || state != "adopted" {
		t.Fatalf("outcome %s, recommendation %s; want adopted", closed.Result.Outcome, state)
	}
	types := f.pub.Types()
	if len(types) < 2 || types[0] != "poll.opened" || types[len(types)-1] != "poll.closed" {
		t.Fatalf("announced %v; want poll.opened first and poll.closed last", types)
	}
}

func execSQL(f *fixture, sql string, args ...any) error {
	_, err := f.db.Pool.Exec(f.ctx, sql, args...)
	return err
}

func TestOnlyThoseWhoRunTheSessionRunItsPolls(t *testing.T) {
	f := newFixture(t)
	participant := f.voters(1, "")[0]
	set := voting.Settings{RecommendationID: f.rec, SessionID: f.session, Question: "Adopt?", Kind: voting.YesNoAbstain, Rule: voting.Majority}
	if _, err := f.svc.CreatePoll(f.ctx, participant, set); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a participant set up a poll: %v", err)
	}
	draft, err := f.svc.CreatePoll(f.ctx, f.chair, set)
	f.must(err)
	if _, err := f.svc.OpenPoll(f.ctx, participant, draft.ID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a participant opened a poll: %v", err)
	}
	if _, err := f.svc.UpdatePoll(f.ctx, participant, draft.ID, set); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a participant changed a poll: %v", err)
	}
	open, err := f.svc.OpenPoll(f.ctx, f.chair, draft.ID)
	f.must(err)
	if _, err := f.svc.ClosePoll(f.ctx, participant, open.ID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a participant closed a poll: %v", err)
	}
	if _, err := f.svc.Cast(f.ctx, igfplus.Identity{}, open.ID, voting.Choice{Answer: voting.Yes}); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("an anonymous ballot: %v", err)
	}
	if _, err := f.svc.PublicLog(f.ctx, open.ID); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("the log of an open poll: %v", err)
	}
}

func TestScheduledPollsOpenAndCloseOnTime(t *testing.T) {
	f := newFixture(t)
	voter := f.voters(1, "")[0]
	opens, closes := time.Now().Add(time.Minute), time.Now().Add(time.Hour)
	p, err := f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{RecommendationID: f.rec, SessionID: f.session, Question: "Adopt?",
		Kind: voting.YesNoAbstain, Rule: voting.Majority, OpensAt: &opens, ClosesAt: &closes})
	f.must(err)
	state := func() voting.State {
		got, err := f.svc.Poll(f.ctx, p.ID)
		f.must(err)
		return got.State
	}
	f.must(f.svc.RunSchedule(f.ctx, opens.Add(-time.Second)))
	if s := state(); s != voting.Draft {
		t.Fatalf("before its opening time the poll is %s", s)
	}
	f.must(f.svc.RunSchedule(f.ctx, opens))
	if s := state(); s != voting.Open {
		t.Fatalf("at its opening time the poll is %s", s)
	}
	if _, err := f.svc.Cast(f.ctx, voter, p.ID, voting.Choice{Answer: voting.Yes}); err != nil {
		t.Fatal(err)
	}
	f.must(f.svc.RunSchedule(f.ctx, closes))
	f.must(f.svc.RunSchedule(f.ctx, closes)) // a second node's run changes nothing
	closed, err := f.svc.Poll(f.ctx, p.ID)
	f.must(err)
	if closed.State != voting.Closed || closed.Result.Ballots != 1 {
		t.Fatalf("after its closing time: %s with %+v", closed.State, closed.Result)
	}
}

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

// A session's observers follow it without taking part (sessions'
// takePart refuses them every room action), so they are no voters in its
// polls either: not counted when the poll opens, and taken out when named
// an observer while it is open. An observer who also holds another role
// in the session takes part, and votes.
func TestObserversAreNoVoters(t *testing.T) {
	f := newFixture(t)
	voters := f.voters(4, "")
	role := func(who igfplus.Identity, r string) {
		f.must(execSQL(f, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, $3)`, f.session, who.AccountID, r))
	}
	role(voters[0], "observer")
	role(voters[1], "observer")
	role(voters[1], "speaker")
	p := f.openPoll(voting.Settings{Secret: true})
	if _, err := f.svc.Cast(f.ctx, voters[0], p.ID, voting.Choice{Answer: voting.Yes}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("an observer voted: %v", err)
	}
	if _, err := f.svc.Cast(f.ctx, voters[1], p.ID, voting.Choice{Answer: voting.Yes}); err != nil {
		t.Errorf("an observer who also speaks could not vote: %v", err)
	}
	role(voters[2], "observer")
	if _, err := f.svc.Cast(f.ctx, voters[2], p.ID, voting.Choice{Answer: voting.No}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("someone named an observer while the poll was open voted: %v", err)
	}
	after, err := f.svc.Poll(f.ctx, p.ID)
	f.must(err)
	if after.ElectorateSize != p.ElectorateSize-1 {
		t.Errorf("the electorate is %d after naming an observer; it was %d", after.ElectorateSize, p.ElectorateSize)
	}
	if _, err := f.svc.Cast(f.ctx, voters[3], p.ID, voting.Choice{Answer: voting.No}); err != nil {
		t.Errorf("a participant could not vote: %v", err)
	}
}

// A draft is not found for anyone who may not run it: neither its turnout
// nor its ballot log tells them it exists.
func TestADraftsTurnoutAndLogAreNotFound(t *testing.T) {
	f := newFixture(t)
	voter := f.voters(1, "")[0]
	p, err := f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{RecommendationID: f.rec, SessionID: f.session,
		Question: "Adopt the recommendation?", Kind: voting.YesNoAbstain, Rule: voting.Majority, Secret: true})
	f.must(err)
	if _, err := f.svc.Turnout(f.ctx, voter, p.ID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("a participant read a draft's turnout: %v, want not found", err)
	}
	if _, err := f.svc.Turnout(f.ctx, f.chair, p.ID); err != nil {
		t.Errorf("the chair could not read a draft's turnout: %v", err)
	}
	if _, err := f.svc.PublicLog(f.ctx, p.ID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("a draft's log: %v, want not found", err)
	}
}

// withoutTriggers runs sql with the tables' triggers off (the guard that
// keeps an open poll's settings): a test's way to a state the platform
// never writes, but time or a lost key can bring.
func withoutTriggers(f *fixture, sql string, args ...any) {
	f.t.Helper()
	tx, err := f.db.Pool.Begin(f.ctx)
	f.must(err)
	defer tx.Rollback(f.ctx)
	_, err = tx.Exec(f.ctx, `SET LOCAL session_replication_role = replica`)
	f.must(err)
	_, err = tx.Exec(f.ctx, sql, args...)
	f.must(err)
	f.must(tx.Commit(f.ctx))
}

// A poll whose closing time has passed takes no more ballots, even before
// the schedule closes it; and one poll that cannot be closed (opened under
// a ballot key since lost) holds up the scheduled close of no other.
func TestAPollPastItsClosingTimeTakesNoBallotAndAFailingCloseHoldsUpNoOther(t *testing.T) {
	f := newFixture(t)
	voter := f.voters(1, "")[0]
	closes := time.Now().Add(time.Hour)
	var polls [2]voting.Poll
	for i := range polls {
		p, err := f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{RecommendationID: f.recommendation(f.track, f.session), SessionID: f.session,
			Question: "Adopt?", Kind: voting.YesNoAbstain, Rule: voting.Majority, Secret: true, ClosesAt: &closes})
		f.must(err)
		polls[i], err = f.svc.OpenPoll(f.ctx, f.chair, p.ID)
		f.must(err)
	}
	withoutTriggers(f, `UPDATE polls SET closes_at = now() - interval '1 second' WHERE id = ANY($1)`, []int64{polls[0].ID, polls[1].ID})
	if _, err := f.svc.Cast(f.ctx, voter, polls[1].ID, voting.Choice{Answer: voting.Yes}); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("a ballot after the closing time: %v, want conflict (closed)", err)
	}
	withoutTriggers(f, `UPDATE polls SET ballot_key_id = '\x00' WHERE id = $1`, polls[0].ID)
	if err := f.svc.RunSchedule(f.ctx, time.Now()); err == nil || !strings.Contains(err.Error(), strconv.FormatInt(polls[0].ID, 10)) {
		t.Errorf("the schedule's run: %v, want the failure of poll %d", err, polls[0].ID)
	}
	if got, err := f.svc.Poll(f.ctx, polls[1].ID); err != nil || got.State != voting.Closed {
		t.Errorf("the poll after the one that cannot close: %s, %v; want closed", got.State, err)
	}
}

// One text is decided by one poll at a time, and not again once decided:
// else the first poll to close would decide, and the other's result would
// change nothing.
func TestOneTextIsDecidedByOnePoll(t *testing.T) {
	f := newFixture(t)
	create := func() voting.Poll {
		p, err := f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{RecommendationID: f.rec, SessionID: f.session,
			Question: "Adopt?", Kind: voting.YesNoAbstain, Rule: voting.Majority})
		f.must(err)
		return p
	}
	first, second := create(), create()
	_, err := f.svc.OpenPoll(f.ctx, f.chair, first.ID)
	f.must(err)
	if _, err := f.svc.OpenPoll(f.ctx, f.chair, second.ID); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("a second poll on an open poll's text opened: %v", err)
	}
	_, err = f.svc.ClosePoll(f.ctx, f.chair, first.ID) // no ballot: not adopted
	f.must(err)
	if _, err := f.svc.OpenPoll(f.ctx, f.chair, second.ID); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("a poll on a decided text opened: %v", err)
	}
	// A choice among texts decides none, so it may run beside another.
	choose, err := f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{RecommendationID: f.rec, SessionID: f.session,
		Question: "Which wording?", Kind: voting.Choose, Options: []string{"A", "B"}, ChooseMax: 1, Rule: voting.Plurality})
	f.must(err)
	if _, err := f.svc.OpenPoll(f.ctx, f.chair, choose.ID); err != nil {
		t.Errorf("a choice among texts: %v", err)
	}
}

// A ban that comes while the poll is closing waits for the close, then
// goes through: the poll, closed meanwhile, keeps its electorate's size,
// and the moderator's ban is not refused.
func TestABanDuringThePollsCloseGoesThrough(t *testing.T) {
	f := newFixture(t)
	voter := f.voters(1, "")[0]
	p := f.openPoll(voting.Settings{Secret: true})
	closing, err := f.db.Pool.Begin(f.ctx)
	f.must(err)
	defer closing.Rollback(f.ctx)
	_, err = closing.Exec(f.ctx, `UPDATE polls SET state = 'closed', closed_at = now() WHERE id = $1`, p.ID)
	f.must(err)
	banned := make(chan error, 1)
	go func() {
		banned <- execSQL(f, `INSERT INTO session_restrictions (session_id, account_id, kind, by_id) VALUES ($1, $2, 'banned', $3)`,
			f.session, voter.AccountID, f.chair.AccountID)
	}()
	f.waitForABlocked("INSERT INTO session_restrictions")
	f.must(closing.Commit(f.ctx))
	select {
	case err := <-banned:
		if err != nil {
			t.Fatalf("the ban that waited on the close: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the ban got no answer")
	}
	if after, err := f.svc.Poll(f.ctx, p.ID); err != nil || after.ElectorateSize != p.ElectorateSize {
		t.Errorf("the closed poll's electorate: %d, %v; it closed with %d", after.ElectorateSize, err, p.ElectorateSize)
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

// A ballot for a draft tells its existence to no one who may not run it:
// not found for a participant, "not opened yet" for its moderator.
func TestABallotForADraftRevealsItOnlyToThoseWhoRunIt(t *testing.T) {
	f := newFixture(t)
	p, err := f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{RecommendationID: f.rec, SessionID: f.session,
		Question: "Adopt it?", Kind: voting.YesNoAbstain, Rule: voting.Majority})
	f.must(err)
	voter := f.voters(1, "")[0]
	if _, err := f.svc.Cast(f.ctx, voter, p.ID, voting.Choice{Answer: "yes"}); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("a participant's ballot for a draft: %v, want not found", err)
	}
	if _, err := f.svc.Cast(f.ctx, f.chair, p.ID, voting.Choice{Answer: "yes"}); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("the moderator's ballot for a draft: %v, want a conflict (not opened yet)", err)
	}
}
