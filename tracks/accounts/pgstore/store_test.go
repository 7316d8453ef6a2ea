package pgstore

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var now = time.Date(2025, 6, 23, 9, 0, 0, 0, time.UTC)

func mustAccount(tb testing.TB, s *Store, email string) *accounts.Account {
	tb.Helper()
	yes := true
	a := &accounts.Account{
		Email: email, DisplayName: "Amina", StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African,
		Country: "KE", AgeBand: accounts.Age25To34, FirstTime: &yes, ShowNameInPresence: true, Locale: "en",
		Roles: []igfplus.Role{igfplus.RoleParticipant},
	}
	if err := s.CreateAccount(context.Background(), a, "hash-of-"+email); err != nil {
		tb.Fatal(err)
	}
	return a
}

func mustRefresh(tb testing.TB, s *Store, accountID int64, token string) accounts.RefreshToken {
	tb.Helper()
	r := accounts.RefreshToken{Token: token, AccountID: accountID, Family: uuid.New(), IssuedAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := s.IssueRefresh(context.Background(), r); err != nil {
		tb.Fatal(err)
	}
	return r
}

func TestAccountsRoundTripAndEmailsAreCaseInsensitive(t *testing.T) {
	ctx := context.Background()
	s := New(pgtest.DB(t))
	a := mustAccount(t, s, "Amina@Example.org")
	if a.ID == 0 || a.TokenVersion != 1 || a.CreatedAt.IsZero() {
		t.Fatalf("not filled in: %+v", a)
	}
	got, err := s.Account(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Email != "Amina@Example.org" || got.Country != "KE" || got.AgeBand != accounts.Age25To34 ||
		got.FirstTime == nil || !*got.FirstTime || len(got.Roles) != 1 || got.Roles[0] != igfplus.RoleParticipant {
		t.Fatalf("got %+v", got)
	}
	byEmail, hash, err := s.Credentials(ctx, "amina@example.ORG")
	if err != nil || byEmail.ID != a.ID || hash != "hash-of-Amina@Example.org" {
		t.Fatalf("credentials: %+v %q %v", byEmail, hash, err)
	}
	dup := *a
	if err := s.CreateAccount(ctx, &dup, "x"); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("same email again: %v", err)
	}
	if _, _, err := s.Credentials(ctx, "nobody@example.org"); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("unknown email: %v", err)
	}
	if _, err := s.Account(ctx, a.ID+1000); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("unknown id: %v", err)
	}
}

func TestRolesBumpTokenVersion(t *testing.T) {
	ctx := context.Background()
	s := New(pgtest.DB(t))
	a := mustAccount(t, s, "a@example.org")
	if err := s.GrantRole(ctx, a.ID, igfplus.RoleModerator); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Account(ctx, a.ID)
	if got.TokenVersion != 2 || len(got.Roles) != 2 || got.Roles[0] != igfplus.RoleModerator {
		t.Fatalf("after grant: %+v", got)
	}
	if err := s.RevokeRole(ctx, a.ID, igfplus.RoleModerator); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.TokenVersion(ctx, a.ID); v != 3 {
		t.Fatalf("version after revoke: %d", v)
	}
	if err := s.GrantRole(ctx, 999999, igfplus.RoleModerator); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("grant to nobody: %v", err)
	}
}

func TestRefreshTokensAreStoredHashed(t *testing.T) {
	db := pgtest.DB(t)
	s := New(db)
	a := mustAccount(t, s, "a@example.org")
	mustRefresh(t, s, a.ID, "the-secret-token")
	var n int
	db.Pool.QueryRow(context.Background(),
		`SELECT count(*) FROM refresh_tokens WHERE token_hash = sha256($1::bytea) AND position($1::bytea in token_hash) = 0`,
		[]byte("the-secret-token")).Scan(&n)
	if n != 1 {
		t.Fatal("the token is not stored as its SHA-256 hash")
	}
}

func TestRotateRefresh(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	s := New(db)
	a := mustAccount(t, s, "a@example.org")
	first := mustRefresh(t, s, a.ID, "first")

	next := accounts.RefreshToken{Token: "second", IssuedAt: now.Add(time.Minute), ExpiresAt: now.Add(2 * time.Hour)}
	id, err := s.RotateRefresh(ctx, "first", &next)
	if err != nil || id != a.ID || next.Family != first.Family || next.AccountID != a.ID {
		t.Fatalf("rotate: id %d, %+v, %v", id, next, err)
	}
	third := accounts.RefreshToken{Token: "third", IssuedAt: now.Add(2 * time.Minute), ExpiresAt: now.Add(3 * time.Hour)}
	if _, err := s.RotateRefresh(ctx, "second", &third); err != nil {
		t.Fatalf("rotate the rotated: %v", err)
	}

	// Presenting "first" again means two parties hold the family.
	again := accounts.RefreshToken{Token: "stolen-next", IssuedAt: now.Add(3 * time.Minute), ExpiresAt: now.Add(4 * time.Hour)}
	if _, err := s.RotateRefresh(ctx, "first", &again); !errors.Is(err, accounts.ErrRefreshReused) {
		t.Fatalf("reuse: %v", err)
	}
	var live int
	db.Pool.QueryRow(ctx, `SELECT count(*) FROM refresh_tokens WHERE family = $1 AND revoked_at IS NULL`, first.Family).Scan(&live)
	if live != 0 {
		t.Fatalf("%d tokens of the family still live after reuse", live)
	}
	if v, _ := s.TokenVersion(ctx, a.ID); v != 2 {
		t.Fatalf("token version after reuse: %d", v)
	}
	// The legitimate holder's newest token is dead too.
	fourth := accounts.RefreshToken{Token: "fourth", IssuedAt: now.Add(4 * time.Minute), ExpiresAt: now.Add(5 * time.Hour)}
	if _, err := s.RotateRefresh(ctx, "third", &fourth); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("newest token after reuse: %v", err)
	}
}

func TestRotateRefreshRefusesUnknownAndExpired(t *testing.T) {
	ctx := context.Background()
	s := New(pgtest.DB(t))
	a := mustAccount(t, s, "a@example.org")
	mustRefresh(t, s, a.ID, "old") // expires at now+1h
	late := accounts.RefreshToken{Token: "late", IssuedAt: now.Add(time.Hour), ExpiresAt: now.Add(2 * time.Hour)}
	if _, err := s.RotateRefresh(ctx, "old", &late); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("expired: %v", err)
	}
	if _, err := s.RotateRefresh(ctx, "never-issued", &late); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("unknown: %v", err)
	}
	if v, _ := s.TokenVersion(ctx, a.ID); v != 1 {
		t.Fatalf("a refused refresh changed the token version to %d", v)
	}
}

// Refreshes racing with one token: exactly one wins; the others are told
// it was renewed a moment ago, and the family is not ended.
func TestConcurrentRotationsOfOneTokenLetOneWin(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	s := New(db)
	a := mustAccount(t, s, "a@example.org")
	mustRefresh(t, s, a.ID, "shared")
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			next := accounts.RefreshToken{Token: uuid.NewString(), IssuedAt: now.Add(time.Minute), ExpiresAt: now.Add(2 * time.Hour)}
			_, errs[i] = s.RotateRefresh(ctx, "shared", &next)
		})
	}
	close(start)
	wg.Wait()
	won, raced := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case errors.Is(err, accounts.ErrRefreshRaced):
			raced++
		default:
			t.Errorf("unexpected: %v", err)
		}
	}
	if won != 1 || raced != n-1 {
		t.Fatalf("%d won, %d raced", won, raced)
	}
	// Renewing at once is two tabs of one browser, not theft: the family
	// lives on in the winner's token, and nobody is signed out.
	var live int
	db.Pool.QueryRow(ctx, `SELECT count(*) FROM refresh_tokens WHERE account_id = $1 AND revoked_at IS NULL AND used_at IS NULL`, a.ID).Scan(&live)
	if v, _ := s.TokenVersion(ctx, a.ID); live != 1 || v != 1 {
		t.Fatalf("after the race: %d live tokens, token version %d", live, v)
	}
}

func TestRevokeFamilyAndRevokeAll(t *testing.T) {
	ctx := context.Background()
	s := New(pgtest.DB(t))
	a := mustAccount(t, s, "a@example.org")
	mustRefresh(t, s, a.ID, "laptop")
	mustRefresh(t, s, a.ID, "phone")
	id, err := s.RevokeFamily(ctx, "laptop", now)
	if err != nil || id != a.ID {
		t.Fatalf("revoke family: %d %v", id, err)
	}
	next := accounts.RefreshToken{Token: "n1", IssuedAt: now, ExpiresAt: now.Add(time.Hour)}
	if _, err := s.RotateRefresh(ctx, "laptop", &next); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("signed-out token: %v", err)
	}
	if _, err := s.RotateRefresh(ctx, "phone", &next); err != nil {
		t.Fatalf("the other device's session must survive: %v", err)
	}
	if _, err := s.RevokeFamily(ctx, "never-issued", now); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("unknown token: %v", err)
	}
	if err := s.RevokeAll(ctx, a.ID, now); err != nil {
		t.Fatal(err)
	}
	after := accounts.RefreshToken{Token: "n2", IssuedAt: now, ExpiresAt: now.Add(time.Hour)}
	if _, err := s.RotateRefresh(ctx, "n1", &after); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("after sign-out everywhere: %v", err)
	}
	if v, _ := s.TokenVersion(ctx, a.ID); v != 3 {
		t.Fatalf("token version: %d, want 3 (two sign-outs)", v)
	}
	if err := s.RevokeAll(ctx, 999999, now); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("revoke all of nobody: %v", err)
	}
}

func TestPurgeExpiredKeepsLiveTokens(t *testing.T) {
	ctx := context.Background()
	s := New(pgtest.DB(t))
	a := mustAccount(t, s, "a@example.org")
	mustRefresh(t, s, a.ID, "expires-at-now+1h")
	if n, err := s.PurgeExpired(ctx, now); err != nil || n != 0 {
		t.Fatalf("purged %d live tokens: %v", n, err)
	}
	if n, err := s.PurgeExpired(ctx, now.Add(2*time.Hour)); err != nil || n != 1 {
		t.Fatalf("purged %d expired tokens, want 1: %v", n, err)
	}
}

func TestTokenVersionsLeavesOutMissingAccounts(t *testing.T) {
	ctx := context.Background()
	s := New(pgtest.DB(t))
	a := mustAccount(t, s, "a@example.org")
	b := mustAccount(t, s, "b@example.org")
	if err := s.RevokeAll(ctx, b.ID, now); err != nil {
		t.Fatal(err)
	}
	got, err := s.TokenVersions(ctx, []int64{a.ID, b.ID, 999999})
	if err != nil || len(got) != 2 || got[a.ID] != 1 || got[b.ID] != 2 {
		t.Fatalf("got %v, %v", got, err)
	}
	if got, err := s.TokenVersions(ctx, nil); err != nil || len(got) != 0 {
		t.Fatalf("no ids: %v, %v", got, err)
	}
}
