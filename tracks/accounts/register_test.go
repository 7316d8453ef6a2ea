package accounts

import (
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func validInput() RegisterInput {
	return RegisterInput{
		Email: "amina@example.org", Password: "long enough pass", DisplayName: "Amina",
		StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African,
	}
}

func TestValidateAcceptsAndNormalises(t *testing.T) {
	in := validInput()
	in.Email = "  amina@example.org "
	in.Country = " ke"
	in.Locale = "FR"
	in.DisplayName = " Amina "
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	if in.Email != "amina@example.org" || in.Country != "KE" || in.Locale != "fr" || in.DisplayName != "Amina" {
		t.Fatalf("not normalised: %+v", in)
	}
	a := in.account()
	if !a.ShowNameInPresence || len(a.Roles) != 1 || a.Roles[0] != igfplus.RoleParticipant {
		t.Fatalf("defaults: %+v", a)
	}
	none := RegisterInput{Email: "x@y.org", Password: "0123456789", DisplayName: "X", StakeholderGroup: igfplus.Academia, Region: igfplus.AsiaPacific}
	if err := none.Validate(); err != nil || none.Locale != DefaultLocale {
		t.Fatalf("minimal input: %v, locale %q", err, none.Locale)
	}
}

func TestValidateRefuses(t *testing.T) {
	for name, c := range map[string]struct {
		change func(*RegisterInput)
		says   string
	}{
		"no email":             {func(in *RegisterInput) { in.Email = "" }, "email"},
		"no at":                {func(in *RegisterInput) { in.Email = "amina.example.org" }, "email"},
		"display name form":    {func(in *RegisterInput) { in.Email = "Amina <amina@example.org>" }, "email"},
		"undotted domain":      {func(in *RegisterInput) { in.Email = "amina@localhost" }, "email"},
		"space inside":         {func(in *RegisterInput) { in.Email = "am ina@example.org" }, "email"},
		"too long email":       {func(in *RegisterInput) { in.Email = strings.Repeat("a", 250) + "@x.org" }, "email"},
		"short password":       {func(in *RegisterInput) { in.Password = "123456789" }, "password"},
		"long password":        {func(in *RegisterInput) { in.Password = strings.Repeat("p", 257) }, "password"},
		"no name":              {func(in *RegisterInput) { in.DisplayName = "   " }, "display name"},
		"long name":            {func(in *RegisterInput) { in.DisplayName = strings.Repeat("n", 101) }, "display name"},
		"control in name":      {func(in *RegisterInput) { in.DisplayName = "Am\u0000ina" }, "display name"},
		"unknown group":        {func(in *RegisterInput) { in.StakeholderGroup = "media" }, "stakeholder group"},
		"unknown region":       {func(in *RegisterInput) { in.Region = "europe" }, "region"},
		"three-letter country": {func(in *RegisterInput) { in.Country = "KEN" }, "country"},
		"long gender":          {func(in *RegisterInput) { in.Gender = strings.Repeat("g", 51) }, "gender"},
		"unknown age band":     {func(in *RegisterInput) { in.AgeBand = "35_44" }, "age band"},
		"unknown locale":       {func(in *RegisterInput) { in.Locale = "de" }, "language"},
	} {
		t.Run(name, func(t *testing.T) {
			in := validInput()
			c.change(&in)
			err := in.Validate()
			if igfplus.ErrorCode(err) != igfplus.EInvalid || !strings.Contains(igfplus.ErrorMessage(err), c.says) {
				t.Fatalf("got %v; want EInvalid about %s", err, c.says)
			}
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	in := RegisterInput{}
	msg := igfplus.ErrorMessage(in.Validate())
	for _, want := range []string{"email", "password", "display name", "stakeholder group", "region"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %s: %s", want, msg)
		}
	}
}

func TestPasswordLengthCountsCharactersNotBytes(t *testing.T) {
	in := validInput()
	in.Password = strings.Repeat("é", 200) // 400 bytes, 200 characters
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestIsYouthBand(t *testing.T) {
	for b, want := range map[AgeBand]bool{AgeUnder18: true, Age18To24: true, Age25To34: true, Age35Plus: false, "": false, "nonsense": false} {
		if IsYouthBand(b) != want {
			t.Errorf("IsYouthBand(%q) = %v", b, !want)
		}
	}
}
