package accounts_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestSignInThroughAProviderLinksAVerifiedAddressThenTheSubjectAlone: a
// provider's person whose address it has not verified is refused; one
// whose verified address (in any letter case) has an account signs in to
// it, which is linked from then on by the provider's subject alone (a
// changed address at the provider no longer matters). The account's
// address had never been confirmed, so whoever registered it loses their
// way in: its password no longer signs in and its sessions are ended.
func TestSignInThroughAProviderLinksAVerifiedAddressThenTheSubjectAlone(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	earlier := f.mustRegister(t, "amina@example.org")
	x := accounts.ExternalIdentity{Provider: "unid", Subject: "sub-1", Email: "AMINA@example.org", Name: "Amina Y."}

	if _, err := f.svc.SignInExternal(ctx, x); !errors.Is(err, accounts.ErrEmailUnverified) {
		t.Fatalf("an unverified address: %v, want ErrEmailUnverified", err)
	}
	x.EmailVerified = true
	s, err := f.svc.SignInExternal(ctx, x)
	if err != nil {
		t.Fatal(err)
	}
	if s.Account.ID != earlier.Account.ID || s.Account.EmailVerifiedAt == nil {
		t.Fatalf("signed in to %+v, want account %d with its address now confirmed", s.Account, earlier.Account.ID)
	}
	if _, err := f.svc.Refresh(ctx, earlier.RefreshToken); !errors.Is(err, accounts.ErrSessionEnded) {
		t.Errorf("the unconfirmed account's earlier session still refreshes: %v", err)
	}
	if _, err := f.svc.SignIn(ctx, "amina@example.org", "a long passphrase"); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Errorf("the unconfirmed account's password still signs in: %v", err)
	}
	if _, err := f.svc.Refresh(ctx, s.RefreshToken); err != nil {
		t.Errorf("the provider's session does not refresh: %v", err)
	}

	moved := accounts.ExternalIdentity{Provider: "unid", Subject: "sub-1", Email: "amina@elsewhere.example"}
	again, err := f.svc.SignInExternal(ctx, moved)
	if err != nil || again.Account.ID != earlier.Account.ID {
		t.Fatalf("the linked subject with another address: %v, %+v", err, again)
	}
}

// TestANewcomerThroughAProviderGivesDetailsAndHasNoPassword: a verified
// address without an account is ErrNoAccountYet; the account is made only
// with valid details, confirmed, linked and without a password (an empty
// password signs nothing in).
func TestANewcomerThroughAProviderGivesDetailsAndHasNoPassword(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	x := accounts.ExternalIdentity{Provider: "unid", Subject: "sub-9", Email: "lena@example.org", EmailVerified: true, Name: "Lena"}
	if _, err := f.svc.SignInExternal(ctx, x); !errors.Is(err, accounts.ErrNoAccountYet) {
		t.Fatalf("a newcomer: %v, want ErrNoAccountYet", err)
	}
	if _, err := f.svc.RegisterExternal(ctx, x, accounts.RegisterInput{DisplayName: "Lena"}); igfplus.ErrorCode(err) != igfplus.EInvalid ||
		!strings.Contains(igfplus.ErrorMessage(err), "stakeholder group") {
		t.Fatalf("no group or region: %v, want EInvalid", err)
	}
	s, err := f.svc.RegisterExternal(ctx, x, accounts.RegisterInput{DisplayName: "Lena Novak",
		StakeholderGroup: igfplus.Academia, Region: igfplus.EasternEuropean, Password: "ignored password"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Account.Email != "lena@example.org" || s.Account.EmailVerifiedAt == nil || s.Account.DisplayName != "Lena Novak" {
		t.Fatalf("made %+v", s.Account)
	}
	for _, pw := range []string{"", "ignored password"} {
		if _, err := f.svc.SignIn(ctx, "lena@example.org", pw); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
			t.Errorf("password %q signs in to an account made through a provider: %v", pw, err)
		}
	}
	again, err := f.svc.SignInExternal(ctx, x)
	if err != nil || again.Account.ID != s.Account.ID {
		t.Fatalf("signing in again: %v, %+v", err, again)
	}
}
