package publishing

import (
	"net/url"
	"slices"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// AnswerState is what a body says it did with a recommendation.
type AnswerState string

// The answer states.
const (
	Received           AnswerState = "received"
	UnderConsideration AnswerState = "under_consideration"
	ActedUpon          AnswerState = "acted_upon"
	Declined           AnswerState = "declined"
)

// AnswerStates lists every answer state.
var AnswerStates = []AnswerState{Received, UnderConsideration, ActedUpon, Declined}

// Answer is a body's signed answer about a published recommendation.
type Answer struct {
	ID               int64       `json:"id"`
	BodyID           int64       `json:"body_id"`
	RecommendationID int64       `json:"recommendation_id"`
	State            AnswerState `json:"state"`
	Text             string      `json:"text"`
	Link             string      `json:"link,omitempty"`
	// MessageID is the webhook-id of the body's request: a retried answer
	// is recorded once.
	MessageID string    `json:"message_id"`
	At        time.Time `json:"at"`
}

// CheckAnswer validates an answer.
func CheckAnswer(a Answer) error {
	if !slices.Contains(AnswerStates, a.State) {
		return igfplus.Errorf(igfplus.EInvalid, "Unknown answer state %q.", a.State)
	}
	if a.RecommendationID <= 0 {
		return igfplus.Errorf(igfplus.EInvalid, "Name the recommendation answered.")
	}
	if len(a.Text) > 20000 {
		return igfplus.Errorf(igfplus.EInvalid, "The answer is too long.")
	}
	if a.Link != "" {
		if u, err := url.Parse(a.Link); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return igfplus.Errorf(igfplus.EInvalid, "The link must be an http or https URL.")
		}
	}
	return nil
}

// Step is one entry of a recommendation's public timeline.
type Step struct {
	Kind string    `json:"kind"` // adopted, published, relayed, answered
	At   time.Time `json:"at"`
	// Body names the body relayed to or answering.
	Body   string      `json:"body,omitempty"`
	BodyID int64       `json:"body_id,omitempty"`
	State  AnswerState `json:"state,omitempty"`
	Text   string      `json:"text,omitempty"`
	Link   string      `json:"link,omitempty"`
}

// The timeline step kinds.
const (
	StepAdopted   = "adopted"
	StepPublished = "published"
	StepRelayed   = "relayed"
	StepAnswered  = "answered"
)

// SortTimeline orders steps by time, keeping the order of equal times.
func SortTimeline(steps []Step) {
	slices.SortStableFunc(steps, func(a, b Step) int { return a.At.Compare(b.At) })
}
