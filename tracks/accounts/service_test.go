package accounts_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// plainHasher stands in for argon2id; it counts verifications so that tests
// can see the work done for unknown emails.
type plainHasher struct{ hashes, verifies atomic.Int64 }

func (h *plainHasher) Hash(pw string) (string, error) {
	h.hashes.Add(1)
	return "plain:" + pw, nil
}
func (h *plainHasher) Verify(pw, enc string) (bool, error) {
	h.verifies.Add(1)
	if !strings.HasPrefix(enc, "plain:") {
		return false, errors.New("malformed")
	}
	return enc == "plain:"+pw, nil
}

// fakeTokens writes the identity into the token, readable by tests.
type fakeTokens struct{}

func (fakeTokens) Issue(id igfplus.Identity, now time.Time) (string, time.Time, error) {
	return fmt.Sprintf("access:%d:v%d:%v", id.AccountID, id.TokenVersion, id.Roles), now.Add(15 * time.Minute), nil
}

type fixture struct {
	svc    *accounts.Service
	hasher *plainHasher
	clock  *time.Time
	db     *pgdb.DB
}

func newFixture(tb testing.TB) fixture {
	tb.Helper()
	clock := time.Date(2025, 6, 23, 9, 0, 0, 0, time.UTC)
	h := &plainHasher{}
	db := pgtest.DB(tb)
	store := pgstore.New(db)
	svc, err := accounts.NewService(accounts.Config{
		Store: store, Tokens: fakeTokens{}, Hasher: h, External: store,
		Now: func() time.Time { return clock },
	})
	if err != nil {
		tb.Fatal(err)
	}
	return fixture{svc: svc, hasher: h, clock: &clock, db: db}
}

// mustRegister registers email and signs in with it: registration itself
// starts no session.
func (f fixture) mustRegister(tb testing.TB, email string) *accounts.Session {
	tb.Helper()
	err := f.svc.Register(context.Background(), accounts.RegisterInput{
		Email: email, Password: "a long passphrase", DisplayName: "Amina",
		StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African, AgeBand: accounts.Age18To24,
	})
	if err != nil {
		tb.Fatal(err)
	}
	s, err := f.svc.SignIn(context.Background(), email, "a long passphrase")
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// twoDevices registers amina@example.org, signed in on a laptop, and signs
// in again on a phone: two sessions of one account.
func (f fixture) twoDevices(tb testing.TB) (laptop, phone *accounts.Session) {
	tb.Helper()
	laptop = f.mustRegister(tb, "amina@example.org")
	phone, err := f.svc.SignIn(context.Background(), "amina@example.org", "a long passphrase")
	if err != nil {
		tb.Fatal(err)
	}
	return laptop, phone
}

func TestRegisterCreatesTheAccountThatThenSignsIn(t *testing.T) {
	f := newFixture(t)
	s := f.mustRegister(t, "Amina@Example.org")
	if s.Identity.AccountID == 0 || s.Identity.TokenVersion != 1 || !s.Identity.Has(igfplus.RoleParticipant) ||
		s.AccessToken == "" || s.RefreshToken == "" || !s.RefreshExpires.Equal(f.clock.Add(accounts.DefaultRefreshTTL)) {
		t.Fatalf("session: %+v", s)
	}
	if !s.Account.Youth() || !s.Account.ShowNameInPresence {
		t.Fatalf("account: %+v", s.Account)
	}
	if err := f.svc.Register(context.Background(), accounts.RegisterInput{Email: "x"}); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("invalid input: %v", err)
	}
}

// Registering an e-mail address that has an account answers as for a new
// one, after the same work (one hash), and changes nothing: the account
// keeps its name, its password and its sessions.
func TestRegisterAnswersAlikeAndLeavesAnExistingAccountAlone(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	s := f.mustRegister(t, "amina@example.org")
	before := f.hasher.hashes.Load()
	err := f.svc.Register(ctx, accounts.RegisterInput{
		Email: "AMINA@example.org", Password: "an imposter's passphrase", DisplayName: "Imposter",
		StakeholderGroup: igfplus.Government, Region: igfplus.AsiaPacific,
	})
	if err != nil {
		t.Fatalf("registering a taken e-mail answered %v: that tells who has an account", err)
	}
	if f.hasher.hashes.Load() != before+1 {
		t.Fatal("a taken e-mail was answered without hashing: its timing gives it away")
	}
	if _, err := f.svc.SignIn(ctx, "amina@example.org", "an imposter's passphrase"); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("the imposter's password signs in: %v", err)
	}
	again, err := f.svc.SignIn(ctx, "amina@example.org", "a long passphrase")
	if err != nil || again.Account.DisplayName != "Amina" || again.Account.StakeholderGroup != igfplus.CivilSociety {
		t.Fatalf("the account changed: %+v, %v", again, err)
	}
	if _, err := f.svc.Refresh(ctx, s.RefreshToken); err != nil {
		t.Fatalf("the account's session ended: %v", err)
	}
}

func TestSignInAnswersAlikeForUnknownEmailAndWrongPassword(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	reg := f.mustRegister(t, "amina@example.org")

	s, err := f.svc.SignIn(ctx, " AMINA@example.org ", "a long passphrase")
	if err != nil || s.Identity.AccountID != reg.Identity.AccountID {
		t.Fatalf("right password: %v", err)
	}
	_, wrong := f.svc.SignIn(ctx, "amina@example.org", "a wrong passphrase")
	before := f.hasher.verifies.Load()
	_, unknown := f.svc.SignIn(ctx, "nobody@example.org", "a long passphrase")
	if igfplus.ErrorCode(wrong) != igfplus.EUnauthorized || igfplus.ErrorCode(unknown) != igfplus.EUnauthorized {
		t.Fatalf("wrong: %v; unknown: %v", wrong, unknown)
	}
	if igfplus.ErrorMessage(wrong) != igfplus.ErrorMessage(unknown) {
		t.Fatalf("messages differ: %q vs %q", igfplus.ErrorMessage(wrong), igfplus.ErrorMessage(unknown))
	}
	if f.hasher.verifies.Load() == before {
		t.Fatal("an unknown email was answered without hashing: its timing gives it away")
	}
}

func TestRefreshRotatesAndReuseEndsTheFamily(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	first, other := f.twoDevices(t)

	*f.clock = f.clock.Add(10 * time.Minute)
	second, err := f.svc.Refresh(ctx, first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if second.RefreshToken == first.RefreshToken || second.Identity.AccountID != first.Identity.AccountID ||
		!second.AccessExpires.Equal(f.clock.Add(15*time.Minute)) {
		t.Fatalf("second: %+v", second)
	}
	third, err := f.svc.Refresh(ctx, second.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}

	// At once, it is another tab of the same browser: refused, nothing else.
	if _, err := f.svc.Refresh(ctx, second.RefreshToken); !errors.Is(err, accounts.ErrRefreshRaced) || igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("a second tab renewing at once: %v", err)
	}
	*f.clock = f.clock.Add(accounts.RefreshReuseGrace)
	if _, err := f.svc.Refresh(ctx, first.RefreshToken); !errors.Is(err, accounts.ErrRefreshReused) || igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("reusing a rotated token: %v", err)
	}
	if _, err := f.svc.Refresh(ctx, third.RefreshToken); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("the family's newest token after reuse: %v", err)
	}
	// The reuse bumped the token version; the other device refreshes into it.
	again, err := f.svc.Refresh(ctx, other.RefreshToken)
	if err != nil || again.Identity.TokenVersion != 2 {
		t.Fatalf("other device: %+v %v", again, err)
	}
	for _, bad := range []string{"", "never-issued", strings.Repeat("x", 10_000)} {
		if _, err := f.svc.Refresh(ctx, bad); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
			t.Errorf("refresh %.20q: %v", bad, err)
		}
	}
}

func TestRefreshTokensExpire(t *testing.T) {
	f := newFixture(t)
	s := f.mustRegister(t, "amina@example.org")
	*f.clock = f.clock.Add(accounts.DefaultRefreshTTL)
	if _, err := f.svc.Refresh(context.Background(), s.RefreshToken); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("expired: %v", err)
	}
}

// An access token names its session, which EndSession ends (a sign-out
// with the access token alone); the account's other sessions go on.
func TestEndSessionEndsTheSessionAnAccessTokenNames(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	laptop, phone := f.twoDevices(t)
	if laptop.Identity.Session == "" || laptop.Identity.Session == phone.Identity.Session {
		t.Fatalf("sessions %q and %q", laptop.Identity.Session, phone.Identity.Session)
	}
	if err := f.svc.EndSession(ctx, laptop.Identity); err != nil {
		t.Fatal(err)
	}
	if v, _ := f.svc.TokenVersion(ctx, laptop.Identity.AccountID); v != 2 {
		t.Fatalf("token version %d, want 2: the access token still works", v)
	}
	if _, err := f.svc.Refresh(ctx, laptop.RefreshToken); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("the ended session refreshes: %v", err)
	}
	if _, err := f.svc.Refresh(ctx, phone.RefreshToken); err != nil {
		t.Fatalf("the phone's session must survive: %v", err)
	}
}

func TestSignOutEndsTheSessionAndBumpsTheTokenVersion(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	laptop, phone := f.twoDevices(t)
	id := laptop.Identity.AccountID

	if err := f.svc.SignOut(ctx, laptop.RefreshToken); err != nil {
		t.Fatal(err)
	}
	if v, _ := f.svc.TokenVersion(ctx, id); v != 2 {
		t.Fatalf("token version %d after sign-out, want 2", v)
	}
	if _, err := f.svc.Refresh(ctx, laptop.RefreshToken); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Fatalf("signed-out token: %v", err)
	}
	if _, err := f.svc.Refresh(ctx, phone.RefreshToken); err != nil {
		t.Fatalf("the phone's session must survive: %v", err)
	}
	if err := f.svc.SignOut(ctx, "never-issued"); err != nil {
		t.Fatalf("signing out of nothing: %v", err)
	}

	if err := f.svc.SignOutEverywhere(ctx, id); err != nil {
		t.Fatal(err)
	}
	if v, _ := f.svc.TokenVersion(ctx, id); v != 3 {
		t.Fatalf("token version %d after sign-out everywhere, want 3", v)
	}
}

func TestOnlyTheSecretariatChangesRoles(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	s := f.mustRegister(t, "amina@example.org")
	id := s.Identity.AccountID
	participant := s.Identity
	secretariat := igfplus.Identity{AccountID: 999, Roles: []igfplus.Role{igfplus.RoleSecretariat}}

	if err := f.svc.GrantRole(ctx, igfplus.Identity{}, id, igfplus.RoleModerator); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("anonymous: %v", err)
	}
	if err := f.svc.GrantRole(ctx, participant, id, igfplus.RoleSecretariat); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("participant granting itself: %v", err)
	}
	if err := f.svc.GrantRole(ctx, secretariat, id, "emperor"); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("unknown role: %v", err)
	}
	if err := f.svc.GrantRole(ctx, secretariat, id, igfplus.RoleModerator); err != nil {
		t.Fatal(err)
	}
	next, err := f.svc.Refresh(ctx, s.RefreshToken)
	if err != nil || !next.Identity.Has(igfplus.RoleModerator) || next.Identity.TokenVersion != 2 {
		t.Fatalf("after grant: %+v %v", next, err)
	}
	if err := f.svc.RevokeRole(ctx, secretariat, id, igfplus.RoleModerator); err != nil {
		t.Fatal(err)
	}
	a, _ := f.svc.Get(ctx, id)
	if a.Identity().Has(igfplus.RoleModerator) || a.TokenVersion != 3 {
		t.Fatalf("after revoke: %+v", a)
	}
}

func TestNewServiceNeedsItsParts(t *testing.T) {
	if _, err := accounts.NewService(accounts.Config{Tokens: fakeTokens{}, Hasher: &plainHasher{}}); err == nil {
		t.Fatal("no store accepted")
	}
}

// blockingHasher holds every verification until release is closed.
type blockingHasher struct {
	plainHasher
	started chan struct{}
	release chan struct{}
}

func (h *blockingHasher) Verify(pw, enc string) (bool, error) {
	if !strings.HasPrefix(enc, "plain:not") { // the dummy hash is made, not checked
		h.started <- struct{}{}
		<-h.release
	}
	return h.plainHasher.Verify(pw, enc)
}

// With every hashing slot taken, a sign-in, for an unknown e-mail too, is
// refused with EUnavailable and a retry time rather than queued without
// bound: no more hashes (argon2id's memory each) run at once than slots.
func TestSignInsBeyondTheHashingSlotsAreRefusedWithARetryTime(t *testing.T) {
	h := &blockingHasher{started: make(chan struct{}, 1), release: make(chan struct{})}
	svc, err := accounts.NewService(accounts.Config{Store: pgstore.New(pgtest.DB(t)), Tokens: fakeTokens{}, Hasher: h,
		HashSlots: 1, HashWait: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := svc.Register(ctx, accounts.RegisterInput{Email: "first@example.org", Password: "a long passphrase", DisplayName: "First",
		StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		_, err := svc.SignIn(ctx, "first@example.org", "a long passphrase")
		done <- err
	}()
	<-h.started // the one slot is busy
	for _, email := range []string{"nobody@example.org", "first@example.org"} {
		_, err := svc.SignIn(ctx, email, "a long passphrase")
		if igfplus.ErrorCode(err) != igfplus.EUnavailable {
			t.Fatalf("%s with every slot busy: %v, want unavailable", email, err)
		}
		if after, ok := igfplus.RetryAfter(err); !ok || after <= 0 {
			t.Fatalf("no retry time on %v", err)
		}
	}
	close(h.release)
	if err := <-done; err != nil {
		t.Fatalf("the sign-in holding the slot: %v", err)
	}
}
