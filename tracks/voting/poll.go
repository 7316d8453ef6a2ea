package voting

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Kind is what a ballot answers.
type Kind string

// The poll kinds.
const (
	// YesNoAbstain asks one question about a recommendation or amendment.
	YesNoAbstain Kind = "yes_no_abstain"
	// Choose picks up to ChooseMax of several alternative texts.
	Choose Kind = "choose"
)

// Rule is how a poll's result is decided.
type Rule string

// The decision rules.
const (
	// Majority passes with more yes than no; abstentions do not count.
	Majority Rule = "majority"
	// TwoThirds passes with at least two thirds of yes and no being yes.
	TwoThirds Rule = "two_thirds"
	// Consensus passes when nobody objects and someone agrees.
	Consensus Rule = "consensus"
	// Multistakeholder passes only with a majority within every stakeholder
	// group that cast a yes or a no.
	Multistakeholder Rule = "multistakeholder"
	// Plurality elects the ChooseMax most chosen alternatives.
	Plurality Rule = "plurality"
)

// State is where a poll is: draft -> open -> closed.
type State string

// The poll states.
const (
	Draft  State = "draft"
	Open   State = "open"
	Closed State = "closed"
)

// Settings are what a poll asks and how it decides. They are locked once
// the poll opens (the database refuses a change too).
type Settings struct {
	RecommendationID int64      `json:"recommendation_id"`
	AmendmentID      int64      `json:"amendment_id,omitempty"`
	SessionID        int64      `json:"session_id,omitempty"`
	TrackID          int64      `json:"track_id"`
	Question         string     `json:"question"`
	Kind             Kind       `json:"kind"`
	Options          []string   `json:"options"`
	ChooseMax        int        `json:"choose_max"`
	Secret           bool       `json:"secret"`
	Rule             Rule       `json:"rule"`
	QuorumPercent    int        `json:"quorum_percent,omitempty"`
	HideResults      bool       `json:"hide_results"`
	OpensAt          *time.Time `json:"opens_at,omitempty"`
	ClosesAt         *time.Time `json:"closes_at,omitempty"`
}

// LiveTally reports whether the running count is shown while the poll is
// open: never for a secret poll (its turnout is a coarse total), and for a
// named one unless it hides its results until the close.
func (s Settings) LiveTally() bool { return !s.Secret && !s.HideResults }

// Poll is a vote on a recommendation or an amendment.
type Poll struct {
	ID int64 `json:"id"`
	Settings
	State          State     `json:"state"`
	CreatedBy      int64     `json:"created_by"`
	OpenedAt       time.Time `json:"opened_at,omitzero"`
	ClosedAt       time.Time `json:"closed_at,omitzero"`
	ElectorateSize int       `json:"electorate"`
	// Result and ChainHead are set when the poll closes.
	Result    *Result `json:"result,omitempty"`
	ChainHead string  `json:"chain_head,omitempty"`
	// KeySalt and KeyID make the poll's key (Keys.Poll) while it is open;
	// they are erased when it closes, and never published.
	KeySalt []byte `json:"-"`
	KeyID   []byte `json:"-"`
	// LogVersion is the version of the closed poll's log (PublicLog).
	LogVersion int `json:"-"`
}

// Room is the hub room a poll's events go to: its session's, or none.
func (p Poll) Room() string {
	if p.SessionID == 0 {
		return ""
	}
	return sessions.RoomName(p.SessionID)
}

// Limits on a poll's text, to keep pages and ballots small.
const (
	maxQuestion = 1000
	maxOption   = 2000
	maxOptions  = 20
)

// Validate checks the settings, naming every problem a person can fix.
func (s *Settings) Validate() error {
	s.Question = strings.TrimSpace(s.Question)
	var bad []string
	if s.RecommendationID <= 0 {
		bad = append(bad, "recommendation_id is required")
	}
	if s.Question == "" || utf8.RuneCountInString(s.Question) > maxQuestion {
		bad = append(bad, "the question needs 1 to 1000 characters")
	}
	switch s.Kind {
	case YesNoAbstain:
		if len(s.Options) > 0 {
			bad = append(bad, "a yes/no/abstain poll has no options")
		}
		s.Options = []string{}
		s.ChooseMax = 1
		if !slices.Contains([]Rule{Majority, TwoThirds, Consensus, Multistakeholder}, s.Rule) {
			bad = append(bad, "rule must be majority, two_thirds, consensus or multistakeholder")
		}
	case Choose:
		bad = append(bad, s.validateChoices()...)
	default:
		bad = append(bad, "kind must be yes_no_abstain or choose")
	}
	if s.QuorumPercent < 0 || s.QuorumPercent > 100 {
		bad = append(bad, "quorum_percent must be from 1 to 100, or left out")
	}
	if s.OpensAt != nil && s.ClosesAt != nil && !s.ClosesAt.After(*s.OpensAt) {
		bad = append(bad, "closes_at must be after opens_at")
	}
	if len(bad) > 0 {
		return igfplus.Errorf(igfplus.EInvalid, "The poll cannot be set up: %s.", strings.Join(bad, "; "))
	}
	return nil
}

func (s *Settings) validateChoices() []string {
	var bad []string
	if len(s.Options) < 2 || len(s.Options) > maxOptions {
		bad = append(bad, "a choice poll needs 2 to 20 options")
	}
	for i, o := range s.Options {
		s.Options[i] = strings.TrimSpace(o)
		if s.Options[i] == "" || utf8.RuneCountInString(s.Options[i]) > maxOption {
			bad = append(bad, "every option needs 1 to 2000 characters")
			break
		}
	}
	if s.ChooseMax < 1 || s.ChooseMax >= max(2, len(s.Options)) {
		bad = append(bad, "choose_max must be at least 1 and fewer than the options")
	}
	if s.Rule == "" {
		s.Rule = Plurality
	}
	if s.Rule != Plurality {
		bad = append(bad, "a choice poll is decided by plurality")
	}
	return bad
}
