package accounts

import (
	"slices"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Account is a registered participant.
type Account struct {
	ID               int64
	Email            string
	DisplayName      string
	StakeholderGroup igfplus.StakeholderGroup
	Region           igfplus.Region
	// Country is an ISO 3166-1 alpha-2 code, or "" when not given.
	Country string

	// The optional, self-described details below are never required and are
	// used only for anonymised balance statistics.

	// Gender is free text as the participant describes it, or "".
	Gender string
	// AgeBand is one of AgeBands, or "".
	AgeBand AgeBand
	// FirstTime is nil when the participant did not say.
	FirstTime *bool

	// ShowNameInPresence lets others see the name in a room's presence list;
	// when false the participant is counted but not named.
	ShowNameInPresence bool
	// Locale is the interface language, one of Locales.
	Locale string
	// Roles are the platform roles, sorted.
	Roles []igfplus.Role
	// TokenVersion is bumped whenever the access tokens already issued must
	// stop working (sign-out, role change).
	TokenVersion int
	CreatedAt    time.Time
	// EmailVerifiedAt is when the holder last proved the address theirs
	// (a mailed link), or nil.
	EmailVerifiedAt *time.Time
}

// Identity is who the account is when it makes a request.
func (a *Account) Identity() igfplus.Identity {
	return igfplus.Identity{
		AccountID:        a.ID,
		Name:             a.DisplayName,
		StakeholderGroup: a.StakeholderGroup,
		Region:           a.Region,
		Roles:            slices.Clone(a.Roles),
		TokenVersion:     a.TokenVersion,
	}
}

// Youth reports whether the participant said they are under 35.
func (a *Account) Youth() bool { return IsYouthBand(a.AgeBand) }

// AgeBand is a self-described age range.
type AgeBand string

// The age bands. The Forum's youth track counts everyone under 35 as youth,
// which is why the bands break at 35 rather than at decades.
const (
	AgeUnder18 AgeBand = "under_18"
	Age18To24  AgeBand = "18_24"
	Age25To34  AgeBand = "25_34"
	Age35Plus  AgeBand = "35_plus"
)

// AgeBands lists every age band in display order.
var AgeBands = []AgeBand{AgeUnder18, Age18To24, Age25To34, Age35Plus}

// Valid reports whether b is a known band. The empty band (not said) is
// valid too: the detail is optional.
func (b AgeBand) Valid() bool { return b == "" || slices.Contains(AgeBands, b) }

// IsYouthBand reports whether b counts as youth (under 35). An unknown or
// unsaid band is not youth: youth eligibility needs a positive statement.
func IsYouthBand(b AgeBand) bool {
	return b == AgeUnder18 || b == Age18To24 || b == Age25To34
}

// Locales are the interface languages: the six UN languages.
var Locales = igfplus.Languages

// DefaultLocale is used when a registration does not name one.
const DefaultLocale = "en"
