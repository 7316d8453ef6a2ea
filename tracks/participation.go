package tracks

import (
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Verification is what the secretariat has verified someone to be
// (accounts.verified_as); the empty Verification is nobody verified.
type Verification string

// The verifications that open the high-level, ministerial and
// parliamentary tracks.
const (
	GovernmentDelegate        Verification = "government_delegate"
	IntergovernmentalDelegate Verification = "intergovernmental_delegate"
	MemberOfParliament        Verification = "member_of_parliament"
)

// Verifications lists every verification one can ask for.
var Verifications = []Verification{GovernmentDelegate, IntergovernmentalDelegate, MemberOfParliament}

// Valid reports whether v is a verification one can hold.
func (v Verification) Valid() bool { return slices.Contains(Verifications, v) }

// Participant is what the participation rules look at in a person.
type Participant struct {
	// Registered: the account holds the participant role.
	Registered bool
	VerifiedAs Verification
	// Youth: the person declared a youth age band (accounts.IsYouthBand,
	// decided by the caller because accounts depends on this package).
	Youth bool
}

// Participation is what a person may do in a track's sessions and polls.
type Participation string

// The two participations: taking part (speaking and voting) or following.
const (
	SpeakAndVote Participation = "speak_and_vote"
	Observe      Participation = "observe"
)

// Rule is who takes part in a track of some kind, besides being a
// registered participant. It is the one source of the rule: sessions
// enforce it on every action and polls fix their electorate with it.
type Rule struct {
	// VerifiedAs, when not empty, admits only people verified as one of
	// these.
	VerifiedAs []Verification
	// Youth admits only people who declared a youth age band.
	Youth bool
}

// RuleOf is the participation rule of a track kind: verified government and
// intergovernmental delegates in the high-level segment and ministerial
// track, verified members of parliament in the parliamentary track, youth in
// the youth track, and every registered participant elsewhere (thematic,
// NRI, intersessional).
func RuleOf(k Kind) Rule {
	switch k {
	case HighLevel, Ministerial:
		return Rule{VerifiedAs: []Verification{GovernmentDelegate, IntergovernmentalDelegate}}
	case Parliamentary:
		return Rule{VerifiedAs: []Verification{MemberOfParliament}}
	case Youth:
		return Rule{Youth: true}
	}
	return Rule{}
}

// Admits reports whether p takes part under the rule.
func (r Rule) Admits(p Participant) bool {
	if !p.Registered {
		return false
	}
	if len(r.VerifiedAs) > 0 && !slices.Contains(r.VerifiedAs, p.VerifiedAs) {
		return false
	}
	return !r.Youth || p.Youth
}

// MayTakePart decides whether p speaks and votes in a track of kind k, or
// only follows it as an observer.
func MayTakePart(k Kind, p Participant) Participation {
	if RuleOf(k).Admits(p) {
		return SpeakAndVote
	}
	return Observe
}

// ObserverReason is the message told to someone who may only observe a
// track of kind k: it names the rule.
func ObserverReason(k Kind) igfplus.Text {
	switch k {
	case HighLevel:
		return "In the high-level segment only verified government and intergovernmental delegates speak and vote; others follow as observers. Ask the secretariat to verify you."
	case Ministerial:
		return "In the ministerial track only verified government and intergovernmental delegates speak and vote; others follow as observers. Ask the secretariat to verify you."
	case Parliamentary:
		return "In the parliamentary track only verified members of parliament speak and vote; others follow as observers. Ask the secretariat to verify you."
	case Youth:
		return "In the youth track only participants who declared a youth age band (under 35) speak and vote; others follow as observers."
	}
	return "Only registered participants speak and vote in this track; others follow as observers."
}
