package proposals

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// State is where a proposal is: submitted (editable until the deadline,
// under review), then decided once.
type State string

// The states of a proposal.
const (
	Submitted      State = "submitted"
	Accepted       State = "accepted"
	Rejected       State = "rejected"
	MergeSuggested State = "merge_suggested"
)

// States lists every state.
var States = []State{Submitted, Accepted, Rejected, MergeSuggested}

// Formats are the session formats a proposal may ask for: the rest
// (main sessions, the high-level, ministerial, parliamentary and youth
// formats) are the Secretariat's own programme.
var Formats = []string{"workshop", "open_forum", "town_hall", "lightning_talk", "nri_collaborative"}

// Gender is a speaker's gender as the proposers declare it, from a closed
// list so that it can be counted.
type Gender string

// The genders of speakers.
const (
	Woman       Gender = "woman"
	Man         Gender = "man"
	NonBinary   Gender = "non_binary"
	Undisclosed Gender = "undisclosed"
)

// Genders lists every gender in display order.
var Genders = []Gender{Woman, Man, NonBinary, Undisclosed}

// Valid reports whether g is a known gender.
func (g Gender) Valid() bool { return slices.Contains(Genders, g) }

// Speaker is a proposed speaker.
type Speaker struct {
	Name             string                   `json:"name"`
	StakeholderGroup igfplus.StakeholderGroup `json:"stakeholder_group"`
	Region           igfplus.Region           `json:"region"`
	Gender           Gender                   `json:"gender"`
}

// Limits of a proposal's lists.
const (
	MaxSpeakers   = 12
	MaxOrganisers = 10
)

// Draft is what proposers write: a new proposal or its next edit.
type Draft struct {
	PolicyIssueID int64     `json:"policy_issue_id"`
	TrackID       int64     `json:"track_id"`
	Format        string    `json:"format"`
	Title         string    `json:"title"`
	Description   string    `json:"description"`
	Organisers    []string  `json:"organisers"`
	NRIs          []int64   `json:"nri_ids"`
	Speakers      []Speaker `json:"speakers"`
}

// Proposal is a proposed session with where it stands.
type Proposal struct {
	ID           int64  `json:"id"`
	CallID       int64  `json:"call_id"`
	ProposerID   int64  `json:"proposer_id"`
	ProposerName string `json:"proposer_name"`
	Draft
	State     State     `json:"state"`
	MergeWith int64     `json:"merge_with,omitempty"`
	Note      string    `json:"decision_note,omitempty"`
	DecidedAt time.Time `json:"decided_at,omitzero"`
	SessionID int64     `json:"session_id,omitempty"`
	Submitted time.Time `json:"submitted_at"`
	Updated   time.Time `json:"updated_at"`
}

// Diversity is the speakers of a proposal counted by stakeholder group,
// region and gender.
func (p Proposal) Diversity() Balance { return Count(p.Speakers) }

// Validate trims d and checks it as the service and the forms do: the
// field that is wrong is named in the message.
func (d *Draft) Validate() error {
	if d.PolicyIssueID <= 0 {
		return igfplus.Errorf(igfplus.EInvalid, "A proposal names its policy issue (policy_issue_id).")
	}
	if d.TrackID <= 0 {
		return igfplus.Errorf(igfplus.EInvalid, "A proposal names its track (track_id).")
	}
	if !slices.Contains(Formats, d.Format) {
		return igfplus.Errorf(igfplus.EInvalid, "format is one of %s.", strings.Join(Formats, ", "))
	}
	d.Title, d.Description = strings.TrimSpace(d.Title), strings.TrimSpace(d.Description)
	if d.Title == "" || utf8.RuneCountInString(d.Title) > 300 {
		return igfplus.Errorf(igfplus.EInvalid, "The title is 1 to 300 characters.")
	}
	if d.Description == "" {
		return igfplus.Errorf(igfplus.EInvalid, "A proposal describes the session (description).")
	}
	if err := maxRunes(d.Description, 5000, "The description"); err != nil {
		return err
	}
	if err := d.cleanOrganisers(); err != nil {
		return err
	}
	d.NRIs = compactIDs(d.NRIs)
	return d.cleanSpeakers()
}

func (d *Draft) cleanOrganisers() error {
	var out []string
	for _, o := range d.Organisers {
		if o = strings.TrimSpace(o); o != "" && !slices.Contains(out, o) {
			if err := maxRunes(o, 200, "An organiser's name"); err != nil {
				return err
			}
			out = append(out, o)
		}
	}
	if len(out) == 0 || len(out) > MaxOrganisers {
		return igfplus.Errorf(igfplus.EInvalid, "A proposal names 1 to %d organisers.", MaxOrganisers)
	}
	d.Organisers = out
	return nil
}

func (d *Draft) cleanSpeakers() error {
	var out []Speaker
	for _, s := range d.Speakers {
		s.Name = strings.TrimSpace(s.Name)
		if s.Name == "" {
			continue // an empty row of the form
		}
		if err := maxRunes(s.Name, 200, "A speaker's name"); err != nil {
			return err
		}
		if !s.StakeholderGroup.Valid() || !s.Region.Valid() || !s.Gender.Valid() {
			return igfplus.Errorf(igfplus.EInvalid, "Each speaker has a stakeholder group, a region and a gender from the lists (%s).", s.Name)
		}
		out = append(out, s)
	}
	if len(out) == 0 || len(out) > MaxSpeakers {
		return igfplus.Errorf(igfplus.EInvalid, "A proposal names 1 to %d speakers.", MaxSpeakers)
	}
	d.Speakers = out
	return nil
}

func compactIDs(ids []int64) []int64 {
	out := []int64{}
	for _, id := range ids {
		if id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// Balance counts people by stakeholder group, region and gender, in the
// lists' display order with every value present (zero when none).
type Balance struct {
	Groups  []Tally `json:"stakeholder_groups"`
	Regions []Tally `json:"regions"`
	Genders []Tally `json:"genders"`
}

// Tally is how many of a value.
type Tally struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Count is the balance of speakers.
func Count(speakers []Speaker) Balance {
	var groups, regions, genders []string
	for _, s := range speakers {
		groups = append(groups, string(s.StakeholderGroup))
		regions = append(regions, string(s.Region))
		genders = append(genders, string(s.Gender))
	}
	return Balance{
		Groups:  tally(names(igfplus.StakeholderGroups), groups),
		Regions: tally(names(igfplus.Regions), regions),
		Genders: tally(names(Genders), genders),
	}
}

// tally counts values in the order of known.
func tally(known, values []string) []Tally {
	out := make([]Tally, len(known))
	for i, k := range known {
		out[i].Value = k
		for _, v := range values {
			if v == k {
				out[i].Count++
			}
		}
	}
	return out
}

func names[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}
