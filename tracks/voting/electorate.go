package voting

import "github.com/igfplus/igfplus/tracks"

// Verification is what the secretariat has verified someone to be.
type Verification = tracks.Verification

// The verifications that open the ministerial, high-level and parliamentary
// electorates.
const (
	GovernmentDelegate        = tracks.GovernmentDelegate
	IntergovernmentalDelegate = tracks.IntergovernmentalDelegate
	MemberOfParliament        = tracks.MemberOfParliament
)

// Electorate is who may vote in a track's polls, besides being a registered
// participant not removed from the poll's session: the track's
// participation rule, so that who votes and who speaks never differ.
type Electorate = tracks.Rule

// ElectorateOf is the electorate rule of a track kind: tracks.RuleOf, the
// one source of the participation rules.
func ElectorateOf(k tracks.Kind) Electorate { return tracks.RuleOf(k) }

// ElectorateScope narrows a poll's electorate to the people of its
// session or track (Settings.Electorate).
type ElectorateScope string

// The scopes. Every scope counts only accounts whose e-mail address is
// verified (docs/BALLOT-SECRECY.md, "Who may vote").
const (
	ScopeAll        ElectorateScope = "all"
	ScopeRegistered ElectorateScope = "registered"
	ScopeAttending  ElectorateScope = "attending"
)

// ElectorateScopes lists the scopes; "" stands for ScopeAll.
var ElectorateScopes = []ElectorateScope{"", ScopeAll, ScopeRegistered, ScopeAttending}
