package igfplus

import "slices"

// StakeholderGroup is one of the Forum's stakeholder groups. Every
// participant has one.
type StakeholderGroup string

// The stakeholder groups.
const (
	Government         StakeholderGroup = "government"
	Intergovernmental  StakeholderGroup = "intergovernmental"
	PrivateSector      StakeholderGroup = "private_sector"
	CivilSociety       StakeholderGroup = "civil_society"
	TechnicalCommunity StakeholderGroup = "technical_community"
	Academia           StakeholderGroup = "academia"
)

// StakeholderGroups lists every group in display order.
var StakeholderGroups = []StakeholderGroup{Government, Intergovernmental, PrivateSector, CivilSociety, TechnicalCommunity, Academia}

// Valid reports whether g is a known group.
func (g StakeholderGroup) Valid() bool { return slices.Contains(StakeholderGroups, g) }

// Region is a UN regional group, or Intergovernmental.
type Region string

// The regions.
const (
	African                 Region = "african"
	AsiaPacific             Region = "asia_pacific"
	EasternEuropean         Region = "eastern_european"
	LatinAmericanCaribbean  Region = "latin_american_caribbean"
	WesternEuropeanOthers   Region = "western_european_others"
	IntergovernmentalRegion Region = "intergovernmental"
)

// Regions lists every region in display order.
var Regions = []Region{African, AsiaPacific, EasternEuropean, LatinAmericanCaribbean, WesternEuropeanOthers, IntergovernmentalRegion}

// Valid reports whether r is a known region.
func (r Region) Valid() bool { return slices.Contains(Regions, r) }

// Role is a platform-wide role of an account. Session roles (moderator of one
// session, rapporteur...) live with the session.
type Role string

// The platform roles.
const (
	RoleParticipant    Role = "participant"
	RoleModerator      Role = "moderator"
	RoleSecretariat    Role = "secretariat"
	RoleHLBMember      Role = "hlb_member"
	RoleNRICoordinator Role = "nri_coordinator"
	// RoleMAGMember is a member of the Multistakeholder Advisory Group,
	// who reviews the session proposals assigned to them.
	RoleMAGMember Role = "mag_member"
)

// Roles lists every platform role.
var Roles = []Role{RoleParticipant, RoleModerator, RoleSecretariat, RoleHLBMember, RoleNRICoordinator, RoleMAGMember}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Identity is who is making a request, as established by a verified access
// token. The zero Identity is anonymous.
type Identity struct {
	AccountID        int64
	Name             string
	StakeholderGroup StakeholderGroup
	Region           Region
	Roles            []Role
	// TokenVersion is the account's token version when the token was issued;
	// a newer version in the database means the token was revoked.
	TokenVersion int
	// Session names the sign-in session (the refresh token family) the
	// token was issued in, so that signing out with the token alone ends
	// that session; "" for tokens minted outside one (tools, tests).
	Session string
}

// Anonymous reports whether nobody is signed in.
func (id Identity) Anonymous() bool { return id.AccountID == 0 }

// Has reports whether the identity holds role r.
func (id Identity) Has(r Role) bool { return slices.Contains(id.Roles, r) }

// HasAny reports whether the identity holds at least one of roles.
func (id Identity) HasAny(roles ...Role) bool {
	for _, r := range roles {
		if id.Has(r) {
			return true
		}
	}
	return false
}

// IsCountryCode reports whether code has the form of an ISO 3166-1 alpha-2
// code, upper case ("KE"): how people's, initiatives' and editions'
// countries are kept; their names come from CLDR where they are shown.
func IsCountryCode(code string) bool {
	return len(code) == 2 && 'A' <= code[0] && code[0] <= 'Z' && 'A' <= code[1] && code[1] <= 'Z'
}
