package accounts_test

import (
	"context"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func ptr[T any](v T) *T { return &v }

// TestUpdateProfileChangesOnlyWhatIsGivenAndStalesTokensWhenIdentityChanges:
// the fields given change (normalised), the others stay; a bad value
// changes nothing and every problem is named; a new group ends the
// access tokens already issued, a new language alone does not.
func TestUpdateProfileChangesOnlyWhatIsGivenAndStalesTokensWhenIdentityChanges(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	s := f.mustRegister(t, "kofi@example.org")
	id := s.Account.ID
	a, err := f.svc.UpdateProfile(ctx, id, accounts.ProfileInput{Locale: ptr(" AR "), ShowNameInPresence: ptr(false)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Locale != "ar" || a.ShowNameInPresence || a.DisplayName != "Amina" || a.AgeBand != accounts.Age18To24 {
		t.Fatalf("after a language change: %+v", a)
	}
	if v, _ := f.svc.TokenVersion(ctx, id); v != s.Identity.TokenVersion {
		t.Fatal("a language change ended the access tokens")
	}
	_, err = f.svc.UpdateProfile(ctx, id, accounts.ProfileInput{DisplayName: ptr(""), Region: ptr(igfplus.Region("mars")), Locale: ptr("xx")})
	if igfplus.ErrorCode(err) != igfplus.EInvalid || !strings.Contains(err.Error(), "region") || !strings.Contains(err.Error(), "display name") {
		t.Fatalf("bad input: %v", err)
	}
	if got, _ := f.svc.Get(ctx, id); got.DisplayName != "Amina" || got.Locale != "ar" {
		t.Fatalf("refused input changed the account: %+v", got)
	}
	a, err = f.svc.UpdateProfile(ctx, id, accounts.ProfileInput{DisplayName: ptr(" Kofi "), StakeholderGroup: ptr(igfplus.Academia), Country: ptr("gh")})
	if err != nil || a.DisplayName != "Kofi" || a.StakeholderGroup != igfplus.Academia || a.Country != "GH" {
		t.Fatalf("%+v %v", a, err)
	}
	if v, _ := f.svc.TokenVersion(ctx, id); v == s.Identity.TokenVersion {
		t.Fatal("access tokens naming the old group still work")
	}
}
