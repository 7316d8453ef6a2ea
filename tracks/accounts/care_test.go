package accounts_test

import (
	"context"
	"errors"
	"testing"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestEmailChangeIsConfirmedAtTheNewAddressAndAnnouncedAtTheOld: a wrong
// password changes nothing and mails nothing; the right one mails the
// new address a link and the old one a notice; the address changes only
// when the link is used, and counts as verified. Asking for an address
// that has an account answers alike and mails its holder instead.
func TestEmailChangeIsConfirmedAtTheNewAddressAndAnnouncedAtTheOld(t *testing.T) {
	ctx := context.Background()
	f := newMailFixture(t)
	if err := register(t, f, "old@example.org", "old passphrase", "en"); err != nil {
		t.Fatal(err)
	}
	f.next(t)
	s, err := f.svc.SignIn(ctx, "old@example.org", "old passphrase")
	if err != nil {
		t.Fatal(err)
	}
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

	if err := register(t, f, "other@example.org", "other passphrase", "fr"); err != nil {
		t.Fatal(err)
	}
	f.next(t)
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
