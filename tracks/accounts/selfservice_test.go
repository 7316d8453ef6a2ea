package accounts_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/frontend/mailtext"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/mail"
	mailstore "github.com/igfplus/igfplus/tracks/mail/pgstore"
	"github.com/igfplus/igfplus/tracks/mail/smtpsend"
	"github.com/igfplus/igfplus/tracks/mail/smtptest"
)

// mailFixture is the accounts service with its real mail: letters
// rendered, queued in Postgres, sent by a worker through a real SMTP
// server, read back from what the server received.
type mailFixture struct {
	fixture
	worker *mail.Worker
	smtp   *smtptest.Server
	seen   int
}

func newMailFixture(tb testing.TB) *mailFixture {
	tb.Helper()
	clock := time.Now()
	db := pgtest.DB(tb)
	r, err := mailtext.New("https://igf.example")
	if err != nil {
		tb.Fatal(err)
	}
	outbox := mailstore.New(db, "igf.example")
	srv := smtptest.Start(tb, false)
	sender, err := smtpsend.New(srv.URL, "noreply@igf.example", srv.ClientTLS)
	if err != nil {
		tb.Fatal(err)
	}
	h := &plainHasher{}
	svc, err := accounts.NewService(accounts.Config{
		Store: pgstore.New(db), Tokens: fakeTokens{}, Hasher: h, Now: func() time.Time { return clock },
		Mailer: &mailtext.Queue{Renderer: r, Outbox: outbox},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return &mailFixture{fixture: fixture{svc: svc, hasher: h, clock: &clock}, smtp: srv,
		worker: &mail.Worker{Outbox: outbox, Sender: sender, Name: "test", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}}
}

// next sends what is queued and returns the next mail received, failing
// when there is none.
func (f *mailFixture) next(tb testing.TB) (to, subject, text string) {
	tb.Helper()
	if _, err := f.worker.SendDue(context.Background()); err != nil {
		tb.Fatal(err)
	}
	got := f.smtp.Messages()
	if len(got) <= f.seen {
		tb.Fatalf("no new mail (after %d)", f.seen)
	}
	m := got[f.seen]
	f.seen++
	l := m.Letter(tb)
	return m.To[0], l.Subject, l.Text
}

// none fails when a mail was sent since the last one read.
func (f *mailFixture) none(tb testing.TB) {
	tb.Helper()
	f.worker.SendDue(context.Background())
	if got := f.smtp.Messages(); len(got) != f.seen {
		tb.Fatalf("%d unexpected mails: %s", len(got)-f.seen, got[f.seen].Raw)
	}
}

var tokenIn = regexp.MustCompile(`https://igf\.example(/[a-z/-]+)\?token=([A-Za-z0-9_-]+)`)

func linkIn(tb testing.TB, text, path string) string {
	tb.Helper()
	m := tokenIn.FindStringSubmatch(text)
	if m == nil || m[1] != path {
		tb.Fatalf("no %s link in:\n%s", path, text)
	}
	tok, _ := url.QueryUnescape(m[2])
	return tok
}

func register(tb testing.TB, f *mailFixture, email, password, locale string) error {
	tb.Helper()
	return f.svc.Register(context.Background(), accounts.RegisterInput{
		Email: email, Password: password, DisplayName: "Amina", Locale: locale,
		StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African,
	})
}

// registered registers email, takes its verification mail (which the
// test does not follow) and signs in, as mustRegister does without mail.
func (f *mailFixture) registered(tb testing.TB, email, password, locale string) *accounts.Session {
	tb.Helper()
	if err := register(tb, f, email, password, locale); err != nil {
		tb.Fatal(err)
	}
	f.next(tb)
	s, err := f.svc.SignIn(context.Background(), email, password)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestRegistrationMailsAVerificationLinkAndATakenAddressItsHolder: a new
// account gets a link (in its language) that verifies the address once;
// registering the address again answers the same, changes nothing, and
// mails the holder instead.
func TestRegistrationMailsAVerificationLinkAndATakenAddressItsHolder(t *testing.T) {
	ctx := context.Background()
	f := newMailFixture(t)
	if err := register(t, f, "amina@example.org", "first passphrase", "fr"); err != nil {
		t.Fatal(err)
	}
	to, subject, text := f.next(t)
	if to != "amina@example.org" || subject != "Confirmez votre adresse électronique pour IGF Plus" {
		t.Fatalf("first mail to %s: %q", to, subject)
	}
	token := linkIn(t, text, "/verify-email")
	s, err := f.svc.SignIn(ctx, "amina@example.org", "first passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if s.Account.EmailVerifiedAt != nil {
		t.Fatal("verified before the link was followed")
	}
	if err := f.svc.VerifyEmail(ctx, token); err != nil {
		t.Fatal(err)
	}
	if a, _ := f.svc.Get(ctx, s.Account.ID); a.EmailVerifiedAt == nil {
		t.Fatal("the link did not verify the address")
	}
	if err := f.svc.VerifyEmail(ctx, token); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("the link worked twice: %v", err)
	}

	if err := register(t, f, "AMINA@example.org", "someone else's passphrase", "en"); err != nil {
		t.Fatalf("second registration: %v, want the same answer as the first", err)
	}
	to, subject, text = f.next(t)
	if to != "amina@example.org" || subject != "Votre compte IGF Plus existe déjà" || !regexp.MustCompile(`https://igf\.example/password-reset\r?\n`).MatchString(text) {
		t.Fatalf("the holder was told %q (to %s):\n%s", subject, to, text)
	}
	if _, err := f.svc.SignIn(ctx, "amina@example.org", "someone else's passphrase"); err == nil {
		t.Fatal("the second registration's password signs in")
	}
}

// TestPasswordResetBySingleUseExpiringLinkEndsEverySession: asking for an
// unknown address mails nothing and answers the same; the mailed link
// sets a new password once, before it expires, and signs the account out
// everywhere; an older link stops working when a newer one is asked.
func TestPasswordResetBySingleUseExpiringLinkEndsEverySession(t *testing.T) {
	ctx := context.Background()
	f := newMailFixture(t)
	old := f.registered(t, "ravi@example.org", "old passphrase", "ar")
	if err := f.svc.RequestPasswordReset(ctx, "nobody@example.org"); err != nil {
		t.Fatalf("unknown address: %v, want the same answer", err)
	}
	f.none(t)
	if err := f.svc.RequestPasswordReset(ctx, "not an address"); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("a malformed address: %v", err)
	}

	if err := f.svc.RequestPasswordReset(ctx, "Ravi@example.org"); err != nil {
		t.Fatal(err)
	}
	_, subject, text := f.next(t)
	first := linkIn(t, text, "/password-reset/confirm")
	if subject != "عيّن كلمة مرور جديدة في IGF Plus" {
		t.Fatalf("subject %q, want the holder's language", subject)
	}
	if err := f.svc.RequestPasswordReset(ctx, "ravi@example.org"); err != nil {
		t.Fatal(err)
	}
	_, _, text = f.next(t)
	second := linkIn(t, text, "/password-reset/confirm")
	if err := f.svc.ResetPassword(ctx, first, "new passphrase!"); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("a superseded link: %v", err)
	}
	if err := f.svc.ResetPassword(ctx, second, "short"); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("a short password: %v", err)
	}
	*f.clock = f.clock.Add(accounts.ResetLinkTTL + time.Second)
	if err := f.svc.ResetPassword(ctx, second, "new passphrase!"); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("an expired link: %v", err)
	}
	*f.clock = f.clock.Add(-accounts.ResetLinkTTL)
	if err := f.svc.ResetPassword(ctx, second, "new passphrase!"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ResetPassword(ctx, second, "third passphrase"); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("the link worked twice: %v", err)
	}
	if _, err := f.svc.Refresh(ctx, old.RefreshToken); err == nil {
		t.Fatal("a session from before the reset goes on")
	}
	if v, _ := f.svc.TokenVersion(ctx, old.Account.ID); v == old.Identity.TokenVersion {
		t.Fatal("access tokens from before the reset still work")
	}
	if _, err := f.svc.SignIn(ctx, "ravi@example.org", "old passphrase"); err == nil {
		t.Fatal("the old password still signs in")
	}
	s, err := f.svc.SignIn(ctx, "ravi@example.org", "new passphrase!")
	if err != nil {
		t.Fatal(err)
	}
	if s.Account.EmailVerifiedAt == nil {
		t.Error("following a mailed link did not verify the address")
	}
}

// TestEmailChangeIsConfirmedAtTheNewAddressAndAnnouncedAtTheOld: a wrong
// password changes nothing and mails nothing; the right one mails the
// new address a link and the old one a notice; the address changes only
// when the link is used, and counts as verified. Asking for an address
// that has an account answers alike and mails its holder instead.
func TestEmailChangeIsConfirmedAtTheNewAddressAndAnnouncedAtTheOld(t *testing.T) {
	ctx := context.Background()
	f := newMailFixture(t)
	s := f.registered(t, "old@example.org", "old passphrase", "en")
	id := s.Account.ID
	if err := f.svc.RequestEmailChange(ctx, id, "wrong passphrase", "new@example.org"); !errors.Is(err, accounts.ErrWrongPassword) {
		t.Fatalf("a wrong password: %v", err)
	}
	f.none(t)
	if err := f.svc.RequestEmailChange(ctx, id, "old passphrase", "new@example.org"); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{} // subject by address, and the new one's text
	var text string
	for range 2 {
		to, subject, body := f.next(t)
		got[to] = subject
		if to == "new@example.org" {
			text = body
		}
	}
	if got["new@example.org"] != "Confirm your new e-mail address for IGF Plus" || got["old@example.org"] != "A change of your IGF Plus e-mail address was asked" {
		t.Fatalf("mails: %v", got)
	}
	token := linkIn(t, text, "/email-change")
	if a, _ := f.svc.Get(ctx, id); a.Email != "old@example.org" {
		t.Fatalf("the address changed to %s before the link was used", a.Email)
	}
	if err := f.svc.ChangeEmail(ctx, token); err != nil {
		t.Fatal(err)
	}
	if a, _ := f.svc.Get(ctx, id); a.Email != "new@example.org" || a.EmailVerifiedAt == nil {
		t.Fatalf("after the link: %s verified %v", a.Email, a.EmailVerifiedAt)
	}
	if _, err := f.svc.SignIn(ctx, "new@example.org", "old passphrase"); err != nil {
		t.Fatalf("sign in at the new address: %v", err)
	}

	f.registered(t, "other@example.org", "other passphrase", "fr")
	if err := f.svc.RequestEmailChange(ctx, id, "old passphrase", "other@example.org"); err != nil {
		t.Fatalf("a taken address: %v, want the same answer", err)
	}
	if to, subject, _ := f.next(t); to != "other@example.org" || subject != "Quelqu’un a essayé d’utiliser votre adresse électronique sur IGF Plus" {
		t.Fatalf("the taken address's holder was told %q (to %s)", subject, to)
	}
	f.none(t)
}

// TestChangePasswordAndDeleteNeedTheCurrentPassword: a wrong current
// password is ErrWrongPassword (EForbidden) and changes nothing; the
// right one sets the new password; deletion with it ends the account.
func TestChangePasswordAndDeleteNeedTheCurrentPassword(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	const password = "a long passphrase"
	s := f.mustRegister(t, "pw@example.org")
	if err := f.svc.ChangePassword(ctx, s.Identity, "not it at all", "a new passphrase"); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("wrong current password: %v", err)
	}
	if err := f.svc.ChangePassword(ctx, s.Identity, password, "short"); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("short new password: %v", err)
	}
	if err := f.svc.ChangePassword(ctx, s.Identity, password, "a new passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SignIn(ctx, "pw@example.org", password); err == nil {
		t.Fatal("the old password still signs in")
	}
	if _, err := f.svc.Refresh(ctx, s.RefreshToken); err != nil {
		t.Fatalf("the session that changed the password: %v", err)
	}
	if err := f.svc.Delete(ctx, s.Account.ID, password); !errors.Is(err, accounts.ErrWrongPassword) {
		t.Fatalf("delete with the old password: %v", err)
	}
	if err := f.svc.Delete(ctx, s.Account.ID, "a new passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SignIn(ctx, "pw@example.org", "a new passphrase"); err == nil {
		t.Fatal("a deleted account signs in")
	}
}

// An account made through an OpenID provider has no password to prove: a
// change that asks for it says how to set one (a reset link), not that
// something went wrong on the server.
func TestAnAccountWithoutAPasswordIsToldHowToSetOne(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	s := f.mustRegister(t, "sso@example.org")
	pgtest.Exec(t, f.db, `UPDATE accounts SET password_hash = '' WHERE id = $1`, s.Account.ID)
	if err := f.svc.ChangePassword(ctx, s.Identity, "", "a new passphrase"); !errors.Is(err, accounts.ErrNoPassword) {
		t.Errorf("changing the password of an account without one: %v", err)
	}
	if err := f.svc.Delete(ctx, s.Account.ID, "anything"); !errors.Is(err, accounts.ErrNoPassword) {
		t.Errorf("deleting an account without a password: %v", err)
	}
}
