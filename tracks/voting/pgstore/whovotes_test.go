package pgstore_test

import (
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// TestOnlyVerifiedAccountsOfTheScopeJoinTheElectorate: accounts whose
// address is not verified (a mass registration's) are left out of every
// electorate and cannot vote; a poll limited to those registered for its
// session, or to those who attended it, counts only them.
func TestOnlyVerifiedAccountsOfTheScopeJoinTheElectorate(t *testing.T) {
	f := newFixture(t)
	var everyone int
	f.must(f.db.Pool.QueryRow(f.ctx, `SELECT count(*) FROM accounts a WHERE email_verified_at IS NOT NULL
		AND EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = a.id AND r.role = 'participant')`).Scan(&everyone))
	voters := f.voters(4, "")
	everyone += 4
	f.must(execSQL(f, `UPDATE accounts SET email_verified_at = NULL WHERE id = $1`, voters[0].AccountID))
	everyone--

	all := f.openPoll(voting.Settings{Secret: true})
	if all.ElectorateSize != everyone || all.Electorate != voting.ScopeAll {
		t.Fatalf("electorate %d (%s), want the %d verified participants", all.ElectorateSize, all.Electorate, everyone)
	}
	if _, err := f.svc.Cast(f.ctx, voters[0], all.ID, voting.Choice{Answer: voting.Yes}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("an unverified account voted: %v", err)
	}
	if _, err := f.svc.Cast(f.ctx, voters[1], all.ID, voting.Choice{Answer: voting.Yes}); err != nil {
		t.Fatalf("a verified account could not vote: %v", err)
	}

	for _, v := range voters[:3] { // the unverified one registers too
		f.must(execSQL(f, `INSERT INTO session_registrations (session_id, account_id) VALUES ($1, $2)`, f.session, v.AccountID))
	}
	f.must(execSQL(f, `INSERT INTO attendance (session_id, account_id, node) VALUES ($1, $2, 'n1')`, f.session, voters[3].AccountID))
	// Each on a text of its own: one text is decided by one poll at a time.
	registered := f.openPoll(voting.Settings{Secret: true, Electorate: voting.ScopeRegistered, Question: "Registered only?",
		RecommendationID: f.recommendation(f.track, f.session), SessionID: f.session})
	if registered.ElectorateSize != 2 {
		t.Fatalf("registered-only electorate %d, want the 2 verified registrants", registered.ElectorateSize)
	}
	if _, err := f.svc.Cast(f.ctx, voters[3], registered.ID, voting.Choice{Answer: voting.Yes}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("someone not registered voted: %v", err)
	}
	attending := f.openPoll(voting.Settings{Secret: true, Electorate: voting.ScopeAttending, Question: "Attendees only?",
		RecommendationID: f.recommendation(f.track, f.session), SessionID: f.session})
	if attending.ElectorateSize != 1 {
		t.Fatalf("attendees-only electorate %d, want the 1 attendee", attending.ElectorateSize)
	}
	if _, err := f.svc.CreatePoll(f.ctx, f.chair, voting.Settings{RecommendationID: f.rec, SessionID: f.session, Question: "?",
		Kind: voting.YesNoAbstain, Rule: voting.Majority, Electorate: "friends"}); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("an unknown scope: %v", err)
	}
}
