package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// contributor builds a forum with a participant named name who holds a
// refresh token (token) and has a chat message, a question, a comment and
// an amendment, a follow and a registration: the person whose account the
// care tests delete or export.
func contributor(t *testing.T, name, token string) (*pgdb.DB, *Store, forumtest.Person) {
	t.Helper()
	db := pgtest.DB(t)
	f := forumtest.New(t, db)
	p := f.Participant(t, name)
	s := New(db)
	mustRefresh(t, s, p.ID, token)
	pgtest.Exec(t, db, `INSERT INTO chat_messages (session_id, author_id, body) VALUES ($1, $2, 'Rural towers need power first.')`, f.Session, p.ID)
	pgtest.Exec(t, db, `INSERT INTO questions (session_id, author_id, body) VALUES ($1, $2, 'Who pays for the backhaul?')`, f.Session, p.ID)
	pgtest.Exec(t, db, `INSERT INTO session_follows (account_id, session_id) VALUES ($1, $2)`, p.ID, f.Session)
	pgtest.Exec(t, db, `INSERT INTO session_registrations (account_id, session_id) VALUES ($1, $2)`, p.ID, f.Session)
	rec := pgtest.ID(t, db, `INSERT INTO recommendations (policy_issue_id, track_id, title, created_by) VALUES ($1, $2, 'Open spectrum', $3) RETURNING id`,
		f.PolicyIssueID, f.TrackID, f.Moderator.ID)
	pgtest.Exec(t, db, `INSERT INTO recommendation_versions (recommendation_id, version, body, created_by) VALUES ($1, 1, 'Share spectrum.', $2)`, rec, f.Moderator.ID)
	pgtest.Exec(t, db, `INSERT INTO recommendation_comments (recommendation_id, version, paragraph, author_id, body) VALUES ($1, 1, 1, $2, 'Name the regulators.')`, rec, p.ID)
	pgtest.Exec(t, db, `INSERT INTO amendments (recommendation_id, version, paragraph, proposed_text, proposed_by) VALUES ($1, 1, 1, 'Share unused spectrum.', $2)`, rec, p.ID)
	return db, s, p
}

// TestDeleteAccountPseudonymisesContributionsErasesTheRestAndFreesTheAddress:
// after deletion the chat message, question, comment and amendment are
// still there under "Deleted participant"; the address, details, roles,
// follows, registrations and refresh tokens are gone, the token version
// moved, nobody signs in with the address, and it can be registered anew.
func TestDeleteAccountPseudonymisesContributionsErasesTheRestAndFreesTheAddress(t *testing.T) {
	ctx := context.Background()
	db, s, p := contributor(t, "Leila Haddad", "leila-refresh")
	before, _ := s.TokenVersion(ctx, p.ID)

	if err := s.DeleteAccount(ctx, p.ID, now); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`SELECT count(*) FROM chat_messages m JOIN accounts a ON a.id = m.author_id WHERE a.id = $1 AND a.display_name = 'Deleted participant'`,
		`SELECT count(*) FROM questions WHERE author_id = $1`,
		`SELECT count(*) FROM recommendation_comments WHERE author_id = $1`,
		`SELECT count(*) FROM amendments WHERE proposed_by = $1`,
	} {
		if n := pgtest.ID(t, db, q, p.ID); n != 1 {
			t.Errorf("%s: %d, want the contribution kept", q, n)
		}
	}
	for _, q := range []string{
		`SELECT count(*) FROM account_roles WHERE account_id = $1`,
		`SELECT count(*) FROM session_follows WHERE account_id = $1`,
		`SELECT count(*) FROM session_registrations WHERE account_id = $1`,
		`SELECT count(*) FROM refresh_tokens WHERE account_id = $1`,
		`SELECT count(*) FROM accounts WHERE id = $1 AND (email ILIKE '%leila%' OR country <> '' OR deleted_at IS NULL)`,
	} {
		if n := pgtest.ID(t, db, q, p.ID); n != 0 {
			t.Errorf("%s: %d, want nothing left", q, n)
		}
	}
	if after, _ := s.TokenVersion(ctx, p.ID); after <= before {
		t.Errorf("token version %d after deletion, was %d", after, before)
	}
	if _, _, err := s.Credentials(ctx, p.Email); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("credentials of the deleted address: %v", err)
	}
	if _, _, err := s.Credentials(ctx, "deleted-"+jsonID(p.ID)+"@deleted.invalid"); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("credentials of the pseudonymous address: %v", err)
	}
	mustAccount(t, s, p.Email) // the address is free again
	if err := s.DeleteAccount(ctx, p.ID, now); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("deleting twice: %v", err)
	}
}

func jsonID(id int64) string { b, _ := json.Marshal(id); return string(b) }

// TestExportHoldsWhatThePersonDidAndNoSecrets: the export has the
// account, its roles, follows, chat, questions, comments and amendments,
// and neither the password hash nor any token.
func TestExportHoldsWhatThePersonDidAndNoSecrets(t *testing.T) {
	ctx := context.Background()
	_, s, p := contributor(t, "Tomás Rivera", "tomas-refresh-token")
	out, err := s.Export(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := json.Marshal(out)
	for _, want := range []string{`"email":"` + p.Email, `"role":"participant"`, "Rural towers need power first.", "Who pays for the backhaul?",
		"Name the regulators.", "Share unused spectrum.", `"title":"Live test session"`} {
		if !strings.Contains(string(all), want) {
			t.Errorf("the export lacks %s:\n%s", want, all)
		}
	}
	for _, secret := range []string{"argon2id", "password_hash", "token_hash", "tomas-refresh-token"} {
		if strings.Contains(string(all), secret) {
			t.Errorf("the export holds %s", secret)
		}
	}
	if _, err := s.Export(ctx, p.ID+1000); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("export of no account: %v", err)
	}
}

// TestChangeEmailByLinkMovesTheAccountOnceAndOnlyToAFreeAddress.
func TestChangeEmailByLinkMovesTheAccountOnceAndOnlyToAFreeAddress(t *testing.T) {
	ctx := context.Background()
	s := New(pgtest.DB(t))
	a := mustAccount(t, s, "old@example.org")
	link := func(token, to string) {
		l := accounts.Link{Token: token, AccountID: a.ID, Purpose: accounts.PurposeChangeEmail, Email: to, CreatedAt: now, ExpiresAt: now.Add(accounts.ChangeEmailLinkTTL)}
		if err := s.CreateLink(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	link("first", "first@example.org")
	link("second", "new@example.org")
	if _, err := s.ChangeEmail(ctx, "first", now.Add(time.Minute)); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("an older change link: %v, want it superseded", err)
	}
	if _, err := s.ChangeEmail(ctx, "second", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Account(ctx, a.ID)
	if got.Email != "new@example.org" || got.EmailVerifiedAt == nil {
		t.Fatalf("after the change: %s verified %v", got.Email, got.EmailVerifiedAt)
	}
	if _, err := s.ChangeEmail(ctx, "second", now.Add(time.Minute)); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("the link again: %v", err)
	}
	link("third", "taken@example.org")
	mustAccount(t, s, "Taken@example.org")
	if _, err := s.ChangeEmail(ctx, "third", now.Add(time.Minute)); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("to a taken address: %v", err)
	}
}

// TestChangePasswordEndsEveryOtherSession: the kept family's token still
// rotates, the other's is revoked, the hash is the new one.
func TestChangePasswordEndsEveryOtherSession(t *testing.T) {
	ctx := context.Background()
	s := New(pgtest.DB(t))
	a := mustAccount(t, s, "pw@example.org")
	kept := mustRefresh(t, s, a.ID, "kept")
	mustRefresh(t, s, a.ID, "other")
	if err := s.ChangePassword(ctx, a.ID, "new-hash", kept.Family, now); err != nil {
		t.Fatal(err)
	}
	if _, hash, _ := s.Credentials(ctx, a.Email); hash != "new-hash" {
		t.Fatalf("hash %q", hash)
	}
	next := accounts.RefreshToken{Token: "kept-2", IssuedAt: now.Add(time.Minute), ExpiresAt: now.Add(time.Hour)}
	if _, err := s.RotateRefresh(ctx, "kept", &next); err != nil {
		t.Fatalf("the kept session: %v", err)
	}
	next = accounts.RefreshToken{Token: "other-2", IssuedAt: now.Add(time.Minute), ExpiresAt: now.Add(time.Hour)}
	if _, err := s.RotateRefresh(ctx, "other", &next); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("the other session: %v", err)
	}
	if err := s.ChangePassword(ctx, a.ID+1000, "h", uuid.Nil, now); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("no account: %v", err)
	}
}

// waysIn plants, for account id, a passkey, a calendar feed and a
// provider's identity (what an attacker who prepared the account, or
// borrowed a session, could leave behind).
func waysIn(t *testing.T, db *pgdb.DB, id int64) {
	t.Helper()
	pgtest.Exec(t, db, `INSERT INTO passkeys (credential_id, account_id, credential) VALUES ($2, $1, '{}')`, id, []byte("planted-"+jsonID(id)))
	pgtest.Exec(t, db, `INSERT INTO calendar_tokens (account_id, token_hash) VALUES ($1, sha256($2))`, id, []byte("feed-"+jsonID(id)))
	pgtest.Exec(t, db, `INSERT INTO account_identities (provider, subject, account_id) VALUES ('idp', $2, $1)`, id, "subject-"+jsonID(id))
}

// count is how many rows of what (passkeys, calendar_tokens,
// account_identities) account id still has.
func count(t *testing.T, db *pgdb.DB, what string, id int64) int64 {
	t.Helper()
	return pgtest.ID(t, db, `SELECT count(*) FROM `+what+` WHERE account_id = $1`, id)
}

// A password reset ends every way in but the new password: the account's
// passkeys and calendar feed go with its sessions.
func TestAResetLeavesNoPasskeyNorCalendarFeed(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	s := New(db)
	a := mustAccount(t, s, "reset@example.org")
	waysIn(t, db, a.ID)
	l := accounts.Link{Token: "reset", AccountID: a.ID, Purpose: accounts.PurposeResetPassword, Email: a.Email, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := s.CreateLink(ctx, l); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ResetPassword(ctx, "reset", "new-hash", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	for _, what := range []string{"passkeys", "calendar_tokens"} {
		if n := count(t, db, what, a.ID); n != 0 {
			t.Errorf("%d %s left after a reset", n, what)
		}
	}
}

// A reset link mailed to the address the account has since given up sets
// no password: whoever holds the old mailbox takes nothing over.
func TestAResetLinkToAnAddressGivenUpIsVoid(t *testing.T) {
	ctx := context.Background()
	s := New(pgtest.DB(t))
	a := mustAccount(t, s, "was@example.org")
	for _, l := range []accounts.Link{
		{Token: "reset", AccountID: a.ID, Purpose: accounts.PurposeResetPassword, Email: "was@example.org", CreatedAt: now, ExpiresAt: now.Add(time.Hour)},
		{Token: "move", AccountID: a.ID, Purpose: accounts.PurposeChangeEmail, Email: "now@example.org", CreatedAt: now, ExpiresAt: now.Add(time.Hour)},
	} {
		if err := s.CreateLink(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ChangeEmail(ctx, "move", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ResetPassword(ctx, "reset", "takeover-hash", now.Add(2*time.Minute)); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("a reset link to the old address: %v, want it void", err)
	}
	if _, hash, err := s.Credentials(ctx, "now@example.org"); err != nil || hash == "takeover-hash" {
		t.Fatalf("the password after the old link: %q, %v", hash, err)
	}
}

// A deleted account keeps no way in: its passkeys and its provider's
// identity are erased with the rest, and it is no account to sign in to.
func TestADeletedAccountKeepsNoWayIn(t *testing.T) {
	ctx := context.Background()
	db, s, p := contributor(t, "Nadia Rahman", "nadia-refresh")
	waysIn(t, db, p.ID)
	if err := s.DeleteAccount(ctx, p.ID, now); err != nil {
		t.Fatal(err)
	}
	for _, what := range []string{"passkeys", "calendar_tokens", "account_identities"} {
		if n := count(t, db, what, p.ID); n != 0 {
			t.Errorf("%d %s left after the deletion", n, what)
		}
	}
	if _, err := s.AccountByIdentity(ctx, "idp", "subject-"+jsonID(p.ID)); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("the provider's identity still signs in: %v", err)
	}
	if _, err := s.Account(ctx, p.ID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("the deleted account is still an account: %v", err)
	}
}

// A provider's sign-in that proves an address nobody had confirmed takes
// the account from whoever prepared it: their passkey and feed go too.
func TestAProvidersProofOfAnUnconfirmedAddressLeavesNoPlantedPasskey(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	s := New(db)
	a := mustAccount(t, s, "prepared@example.org")
	pgtest.Exec(t, db, `UPDATE accounts SET email_verified_at = NULL WHERE id = $1`, a.ID)
	pgtest.Exec(t, db, `INSERT INTO passkeys (credential_id, account_id, credential) VALUES ('planted', $1, '{}')`, a.ID)
	pgtest.Exec(t, db, `INSERT INTO calendar_tokens (account_id, token_hash) VALUES ($1, sha256('feed'))`, a.ID)
	if err := s.LinkIdentity(ctx, a.ID, "idp", "owner", a.Email, now); err != nil {
		t.Fatal(err)
	}
	for _, what := range []string{"passkeys", "calendar_tokens"} {
		if n := count(t, db, what, a.ID); n != 0 {
			t.Errorf("%d %s left after the owner proved the address", n, what)
		}
	}
}
