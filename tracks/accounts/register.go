package accounts

import (
	"net/mail"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Limits on registration input.
const (
	MinPasswordLen    = 10  // characters; length matters more than composition rules
	MaxPasswordLen    = 256 // characters; bounds the work of hashing
	MaxDisplayNameLen = 100 // characters
	MaxEmailLen       = 254 // bytes, the longest address SMTP can carry
	MaxGenderLen      = 50  // characters
)

// RegisterInput is what a person gives to create an account.
type RegisterInput struct {
	Email            string
	Password         string
	DisplayName      string
	StakeholderGroup igfplus.StakeholderGroup
	Region           igfplus.Region
	Country          string  // optional ISO 3166-1 alpha-2, any letter case
	Gender           string  // optional, self-described
	AgeBand          AgeBand // optional
	FirstTime        *bool   // optional
	// ShowNameInPresence defaults to true when nil.
	ShowNameInPresence *bool
	// Locale defaults to DefaultLocale when empty.
	Locale string
}

// normalize trims what people commonly mistype around the edges. The
// password is left exactly as typed.
func (in *RegisterInput) normalize() {
	in.Email = normalizeEmail(in.Email)
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	in.Gender = strings.TrimSpace(in.Gender)
	in.Locale = strings.ToLower(strings.TrimSpace(in.Locale))
	if in.Locale == "" {
		in.Locale = DefaultLocale
	}
}

// Validate normalises in and reports every problem with it at once, as one
// EInvalid error, so that a form can be corrected in a single round trip.
func (in *RegisterInput) Validate() error {
	in.normalize()
	var problems []string
	if !validEmail(in.Email) {
		problems = append(problems, "Enter a valid email address, like name@example.org.")
	}
	if n := utf8.RuneCountInString(in.Password); n < MinPasswordLen || n > MaxPasswordLen {
		problems = append(problems, "The password must be 10 to 256 characters long.")
	}
	problems = append(problems, detailProblems(in.account())...)
	if len(problems) > 0 {
		return igfplus.Errorf(igfplus.EInvalid, "%s", strings.Join(problems, " "))
	}
	return nil
}

// detailProblems lists what is wrong with the details a person gives of
// themselves (at registration and when editing their profile).
func detailProblems(in *Account) []string {
	var problems []string
	if n := utf8.RuneCountInString(in.DisplayName); n < 1 || n > MaxDisplayNameLen || hasControl(in.DisplayName) {
		problems = append(problems, "The display name must be 1 to 100 characters long, without control characters.")
	}
	if !in.StakeholderGroup.Valid() {
		problems = append(problems, "Choose a stakeholder group.")
	}
	if !in.Region.Valid() {
		problems = append(problems, "Choose a region.")
	}
	if in.Country != "" && !igfplus.IsCountryCode(in.Country) {
		problems = append(problems, "The country must be a two-letter ISO 3166 code, like KE or BR.")
	}
	if utf8.RuneCountInString(in.Gender) > MaxGenderLen || hasControl(in.Gender) {
		problems = append(problems, "The gender description must be at most 50 characters long.")
	}
	if !in.AgeBand.Valid() {
		problems = append(problems, "Choose an age band from the list, or leave it empty.")
	}
	if !slices.Contains(Locales, in.Locale) {
		problems = append(problems, "The language must be one of ar, zh, en, fr, ru, es.")
	}
	return problems
}

// account builds the account that in describes, before it has an id.
func (in *RegisterInput) account() *Account {
	show := true
	if in.ShowNameInPresence != nil {
		show = *in.ShowNameInPresence
	}
	return &Account{
		Email:              in.Email,
		DisplayName:        in.DisplayName,
		StakeholderGroup:   in.StakeholderGroup,
		Region:             in.Region,
		Country:            in.Country,
		Gender:             in.Gender,
		AgeBand:            in.AgeBand,
		FirstTime:          in.FirstTime,
		ShowNameInPresence: show,
		Locale:             in.Locale,
		Roles:              []igfplus.Role{igfplus.RoleParticipant},
	}
}

// validEmail accepts a bare address (no display name, no comments) with a
// dotted domain. Deliverability is a matter for a confirmation mail, not
// for a pattern.
func validEmail(s string) bool {
	if len(s) > MaxEmailLen || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || addr.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// normalizeEmail only trims: letter case is kept as typed, and ignored when
// comparing (the store matches emails case-insensitively).
func normalizeEmail(email string) string { return strings.TrimSpace(email) }

func hasControl(s string) bool {
	return strings.ContainsFunc(s, unicode.IsControl)
}
