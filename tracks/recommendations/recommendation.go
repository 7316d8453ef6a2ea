package recommendations

import (
	"slices"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// State is where a recommendation is in its life. Polls (tracks/voting)
// move it from draft to under_vote and on to adopted or not_adopted.
type State string

// The recommendation states.
const (
	Draft      State = "draft"
	UnderVote  State = "under_vote"
	Adopted    State = "adopted"
	NotAdopted State = "not_adopted"
	Withdrawn  State = "withdrawn"
)

// Person is someone as a recommendation shows them: named, with their
// stakeholder group, because a multistakeholder text is read knowing which
// group said what.
type Person struct {
	AccountID        int64                    `json:"account_id"`
	Name             string                   `json:"name"`
	StakeholderGroup igfplus.StakeholderGroup `json:"stakeholder_group"`
}

// Recommendation is a policy recommendation being drafted or decided.
type Recommendation struct {
	ID            int64
	PolicyIssueID int64
	TrackID       int64
	SessionID     int64 // zero when not tied to a session
	Title         string
	// Summary is a short statement of what the recommendation asks, shown
	// above its text; it may be empty.
	Summary string
	// SourceLang is the language its texts are written in: its session's
	// when it has one, else English (translations are into the others).
	SourceLang string
	State      State
	// EditionID is the edition of its track. PastEdition says that a newer
	// edition has begun since: a draft of a past edition is closed to
	// comments, amendments and support.
	EditionID   int64
	PastEdition bool
	CreatedBy   Person
	CreatedAt   time.Time
	AdoptedAt   time.Time // zero unless adopted
	// Version is the number of the current (newest) version.
	Version  int
	Drafters []Person
}

// IsDrafter reports whether accountID is one of the drafters: the creator
// or a listed co-drafter.
func (r Recommendation) IsDrafter(accountID int64) bool {
	return accountID != 0 && slices.ContainsFunc(r.Drafters, func(p Person) bool { return p.AccountID == accountID })
}

// Version is one version of a recommendation's text. Versions are never
// changed: a revision or an accepted amendment adds the next one.
type Version struct {
	// ID names the version among all recommendations' (its translations'
	// entity, tracks/translations).
	ID               int64     `json:"id"`
	RecommendationID int64     `json:"recommendation_id"`
	Version          int       `json:"version"`
	Body             string    `json:"body"`
	Note             string    `json:"note"`
	CreatedBy        Person    `json:"created_by"`
	CreatedAt        time.Time `json:"created_at"`
}

// Paragraphs returns the version's numbered paragraphs.
func (v Version) Paragraphs() []Paragraph { return Paragraphs(v.Body) }

// NewRecommendation is what a new recommendation starts from.
type NewRecommendation struct {
	PolicyIssueID int64
	TrackID       int64
	SessionID     int64 // optional
	Title         string
	Summary       string
	Body          string
	Note          string
	CoDrafters    []int64 // accounts drafting with the creator
}

// Filter selects recommendations; zero fields do not filter.
type Filter struct {
	EditionID     int64
	PolicyIssueID int64
	TrackID       int64
}

// Placement is where a new recommendation would sit in the programme, read
// so that the Service can check it hangs together.
type Placement struct {
	IssueEdition int64
	TrackEdition int64
	TrackIssue   int64 // zero when the track spans issues
	SessionTrack int64 // zero without a session
	SessionIssue int64
}

// check refuses a policy issue, track and session that do not belong
// together.
func (p Placement) check(d NewRecommendation) error {
	switch {
	case p.IssueEdition != p.TrackEdition:
		return igfplus.Errorf(igfplus.EInvalid, "The track and the policy issue belong to different editions.")
	case p.TrackIssue != 0 && p.TrackIssue != d.PolicyIssueID:
		return igfplus.Errorf(igfplus.EInvalid, "The track belongs to another policy issue.")
	case d.SessionID != 0 && p.SessionTrack != d.TrackID:
		return igfplus.Errorf(igfplus.EInvalid, "The session belongs to another track.")
	case d.SessionID != 0 && p.SessionIssue != d.PolicyIssueID:
		return igfplus.Errorf(igfplus.EInvalid, "The session belongs to another policy issue.")
	}
	return nil
}

// TextChangeable refuses a change to the text of a recommendation in state
// s, or while one of its amendments is being voted on: a vote must be on
// the text people see. Stores call it under the recommendation's row lock.
func TextChangeable(s State, amendmentUnderVote bool) error {
	switch {
	case s == UnderVote:
		return igfplus.Errorf(igfplus.EConflict, "The recommendation is being voted on: its text can no longer change.")
	case s != Draft:
		return igfplus.Errorf(igfplus.EConflict, "The recommendation is %s: its text can no longer change.", stateWords[s])
	case amendmentUnderVote:
		return igfplus.Errorf(igfplus.EConflict, "An amendment to this recommendation is being voted on: its text cannot change until the vote closes.")
	}
	return nil
}

// stateWords names states in messages.
var stateWords = map[State]igfplus.Text{
	Draft: "a draft", UnderVote: "under vote", Adopted: "adopted", NotAdopted: "not adopted", Withdrawn: "withdrawn",
}
