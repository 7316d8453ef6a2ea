package voting

import "github.com/igfplus/igfplus/tracks"

// Verification is what the secretariat has verified someone to be.
type Verification string

// The verifications that open the ministerial, high-level and parliamentary
// electorates.
const (
	GovernmentDelegate        Verification = "government_delegate"
	IntergovernmentalDelegate Verification = "intergovernmental_delegate"
	MemberOfParliament        Verification = "member_of_parliament"
)

// Electorate is who may vote in a track's polls, besides being a registered
// participant not removed from the poll's session.
type Electorate struct {
	// VerifiedAs, when not empty, admits only people verified as one of
	// these.
	VerifiedAs []Verification
	// Youth admits only people who declared a youth age band.
	Youth bool
}

// ElectorateOf is the electorate rule of a track kind: verified government
// and intergovernmental delegates in the high-level segment and ministerial
// track, verified members of parliament in the parliamentary track, youth in
// the youth track, and every registered participant elsewhere.
func ElectorateOf(k tracks.Kind) Electorate {
	switch k {
	case tracks.HighLevel, tracks.Ministerial:
		return Electorate{VerifiedAs: []Verification{GovernmentDelegate, IntergovernmentalDelegate}}
	case tracks.Parliamentary:
		return Electorate{VerifiedAs: []Verification{MemberOfParliament}}
	case tracks.Youth:
		return Electorate{Youth: true}
	}
	return Electorate{}
}
