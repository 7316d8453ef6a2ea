package recommendations

import (
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Record is what a recommendation's record keeps besides its text: the
// consensus reached and every dissent voiced, so that a text presented as
// agreed also says who did not agree and why.
type Record struct {
	Consensus string    `json:"consensus"`
	Dissent   []Dissent `json:"dissent"`
	UpdatedBy *Person   `json:"updated_by,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Dissent is one dissent: which stakeholder group, optionally who within it
// (a person, a delegation, an organisation), and the reason given.
type Dissent struct {
	StakeholderGroup igfplus.StakeholderGroup `json:"stakeholder_group"`
	Who              string                   `json:"who"`
	Reason           string                   `json:"reason"`
}

// clean checks and trims a record as submitted.
func (r Record) clean() (Record, error) {
	var err error
	out := Record{Dissent: make([]Dissent, 0, len(r.Dissent))}
	if out.Consensus, err = cleanText(r.Consensus, "consensus statement", MaxConsensusRunes, false); err != nil {
		return Record{}, err
	}
	if len(r.Dissent) > MaxDissentEntries {
		return Record{}, igfplus.Errorf(igfplus.EInvalid, "A record holds at most %d dissents.", MaxDissentEntries)
	}
	for i, d := range r.Dissent {
		if !d.StakeholderGroup.Valid() {
			return Record{}, igfplus.Errorf(igfplus.EInvalid, "Dissent %d: %q is not a stakeholder group.", i+1, d.StakeholderGroup)
		}
		if d.Who, err = cleanText(d.Who, "name of who dissents", MaxWhoRunes, false); err != nil {
			return Record{}, err
		}
		if d.Reason, err = cleanText(d.Reason, "reason for dissent", MaxDissentRunes, true); err != nil {
			return Record{}, err
		}
		out.Dissent = append(out.Dissent, d)
	}
	return out, nil
}

// RecordChangeable refuses a change to the record once the recommendation
// has been decided or withdrawn: the record stands with the outcome.
// Dissent can still be entered while the text is under vote.
func RecordChangeable(s State) error {
	if s == Draft || s == UnderVote {
		return nil
	}
	return igfplus.Errorf(igfplus.EConflict, "The recommendation is %s: its record is closed.", stateWords[s])
}
