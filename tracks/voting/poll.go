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
	// Choose picks from 1 to ChooseMax of several options: alternative
	// texts, or candidates in an election.
	Choose Kind = "choose"
	// Ranked ranks candidates (or options) in order of preference; one is
	// elected by instant-runoff counting (InstantRunoff).
	Ranked Kind = "ranked"
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
	// InstantRunoff elects one of a ranked poll's options by rounds of
	// counting (irv.go).
	InstantRunoff Rule = "instant_runoff"
)

// State is where a poll is: draft -> open -> closed.
type State string

// The poll states.
const (
	Draft  State = "draft"
	Open   State = "open"
	Closed State = "closed"
)

// Candidate is one person standing in an election: a participant's
// account (their name then defaults to the account's) or a name alone.
type Candidate struct {
	Name      string `json:"name"`
	AccountID int64  `json:"account_id,omitempty"`
}

// Settings are what a poll asks and how it decides. They are locked once
// the poll opens (the database refuses a change too). A poll is on a
// recommendation (or one of its amendments), or, with no recommendation,
// a question put to its session's room; an election is a choice or
// ranked poll whose options are its Candidates' names.
type Settings struct {
	RecommendationID int64       `json:"recommendation_id,omitempty"`
	AmendmentID      int64       `json:"amendment_id,omitempty"`
	SessionID        int64       `json:"session_id,omitempty"`
	TrackID          int64       `json:"track_id"`
	Question         string      `json:"question"`
	Kind             Kind        `json:"kind"`
	Options          []string    `json:"options"`
	Candidates       []Candidate `json:"candidates,omitempty"`
	ChooseMax        int         `json:"choose_max"`
	Secret           bool        `json:"secret"`
	Rule             Rule        `json:"rule"`
	QuorumPercent    int         `json:"quorum_percent,omitempty"`
	HideResults      bool        `json:"hide_results"`
	// Electorate narrows who may vote beyond the track's rule and a
	// verified address: "" or ScopeAll for everyone, ScopeRegistered or
	// ScopeAttending for those registered for, or present at, the poll's
	// session (or any session of its track when it has none).
	Electorate ElectorateScope `json:"electorate_scope,omitempty"`
	OpensAt    *time.Time      `json:"opens_at,omitempty"`
	ClosesAt   *time.Time      `json:"closes_at,omitempty"`
}

// LiveTally reports whether the running count is shown while the poll is
// open: never for a secret poll (its turnout is a coarse total), and for a
// named one unless it hides its results until the close.
func (s Settings) LiveTally() bool { return !s.Secret && !s.HideResults }

// Election reports whether the poll elects people among candidates.
func (s Settings) Election() bool { return len(s.Candidates) > 0 }

// Poll is a vote on a recommendation or an amendment, a question put to a
// session's room, or an election.
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
	var bad igfplus.Texts
	switch {
	case s.RecommendationID < 0 || s.SessionID < 0:
		bad.Note("recommendation_id and session_id must be positive")
	case s.RecommendationID == 0 && s.SessionID == 0:
		bad.Note("a poll needs a recommendation_id, or a session_id to put a question to its room")
	case s.RecommendationID == 0 && s.AmendmentID != 0:
		bad.Note("an amendment's poll needs its recommendation_id")
	}
	if s.Question == "" || utf8.RuneCountInString(s.Question) > maxQuestion {
		bad.Note("the question needs 1 to 1000 characters")
	}
	bad = append(bad, s.validateCandidates()...)
	switch s.Kind {
	case YesNoAbstain:
		if s.Election() {
			bad.Note("an election is a choose or ranked poll")
		}
		if len(s.Options) > 0 {
			bad.Note("a yes/no/abstain poll has no options")
		}
		s.Options = []string{}
		s.ChooseMax = 1
		if !slices.Contains([]Rule{Majority, TwoThirds, Consensus, Multistakeholder}, s.Rule) {
			bad.Note("rule must be majority, two_thirds, consensus or multistakeholder")
		}
	case Choose:
		bad = append(bad, s.validateChoices()...)
	case Ranked:
		bad = append(bad, s.validateRanked()...)
	default:
		bad.Note("kind must be yes_no_abstain, choose or ranked")
	}
	if !slices.Contains(ElectorateScopes, s.Electorate) {
		bad.Note("electorate_scope must be all, registered or attending")
	}
	if s.Electorate == "" {
		s.Electorate = ScopeAll
	}
	if s.QuorumPercent < 0 || s.QuorumPercent > 100 {
		bad.Note("quorum_percent must be from 1 to 100, or left out")
	}
	if s.OpensAt != nil && s.ClosesAt != nil && !s.ClosesAt.After(*s.OpensAt) {
		bad.Note("closes_at must be after opens_at")
	}
	if len(bad) > 0 {
		return igfplus.Errorf(igfplus.EInvalid, "The poll cannot be set up: %s.", bad)
	}
	return nil
}

func (s *Settings) validateChoices() igfplus.Texts {
	bad := s.validateOptions()
	if s.ChooseMax < 1 || s.ChooseMax >= max(2, len(s.Options)) {
		bad.Note("choose_max must be at least 1 and fewer than the options")
	}
	return append(bad, s.decidedOnlyBy(Plurality, "a choice poll is decided by plurality")...)
}

// decidedOnlyBy gives a kind of poll that is decided one way only its
// rule when none was asked for, and notes note when another was.
func (s *Settings) decidedOnlyBy(rule Rule, note igfplus.Text) igfplus.Texts {
	if s.Rule == "" {
		s.Rule = rule
	}
	if s.Rule != rule {
		return igfplus.Texts{note}
	}
	return nil
}

// validateOptions checks a choice or ranked poll's options (an election's
// are its candidates' names).
func (s *Settings) validateOptions() igfplus.Texts {
	var bad igfplus.Texts
	if len(s.Options) < 2 || len(s.Options) > maxOptions {
		bad.Note("a choice or ranked poll needs 2 to 20 options or candidates")
	}
	for i, o := range s.Options {
		s.Options[i] = strings.TrimSpace(o)
		if s.Options[i] == "" || utf8.RuneCountInString(s.Options[i]) > maxOption {
			bad.Note("every option needs 1 to 2000 characters")
			break
		}
	}
	for i, o := range s.Options {
		if slices.Contains(s.Options[:i], o) {
			bad.Note("no two options or candidates may be the same")
			break
		}
	}
	return bad
}

// validateRanked checks a ranked poll: it elects one option by instant
// runoff.
func (s *Settings) validateRanked() igfplus.Texts {
	bad := s.validateOptions()
	if s.ChooseMax > 1 {
		bad.Note("a ranked poll elects one: choose_max must be 1 or left out")
	}
	s.ChooseMax = 1
	return append(bad, s.decidedOnlyBy(InstantRunoff, "a ranked poll is decided by instant_runoff")...)
}

// validateCandidates checks an election's candidates and makes their names
// the poll's options. Candidates named by account alone have had their
// names filled in from the account before (Service.nameCandidates).
func (s *Settings) validateCandidates() igfplus.Texts {
	if !s.Election() {
		return nil
	}
	var bad igfplus.Texts
	for i, c := range s.Candidates {
		s.Candidates[i].Name = strings.TrimSpace(c.Name)
		if c.AccountID < 0 || s.Candidates[i].Name == "" {
			bad.Note("every candidate needs a name or the account_id of a participant")
			break
		}
	}
	if len(s.Options) > 0 && !slices.Equal(s.Options, s.CandidateNames()) {
		bad.Note("an election's options are its candidates' names: give candidates or options, not both")
	}
	s.Options = s.CandidateNames()
	return bad
}

// CandidateNames are the candidates' names, in their order.
func (s Settings) CandidateNames() []string {
	names := make([]string, len(s.Candidates))
	for i, c := range s.Candidates {
		names[i] = c.Name
	}
	return names
}
