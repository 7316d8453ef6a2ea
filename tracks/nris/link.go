package nris

import (
	"encoding/json"
	"time"

	"github.com/igfplus/igfplus/tracks"
)

// LinkState is where a link request is.
type LinkState string

// A request waits, then is accepted or declined once.
const (
	LinkPending  LinkState = "pending"
	LinkAccepted LinkState = "accepted"
	LinkDeclined LinkState = "declined"
)

// Link is an NRI track's request to feed a global track, and once decided
// the record of the decision.
type Link struct {
	ID               int64          `json:"id"`
	NRITrackID       int64          `json:"nri_track_id"`
	NRITrackTitle    string         `json:"nri_track_title"`
	NRIID            int64          `json:"nri_id"`
	NRIName          string         `json:"nri_name"`
	GlobalTrackID    int64          `json:"global_track_id"`
	GlobalTrackTitle string         `json:"global_track_title"`
	State            LinkState      `json:"state"`
	Note             string         `json:"note,omitempty"`
	AskedBy          tracks.Person  `json:"asked_by"`
	AskedAt          time.Time      `json:"asked_at"`
	DecidedBy        *tracks.Person `json:"decided_by,omitempty"`
	DecidedAt        time.Time      `json:"decided_at,omitzero"`
	Reason           string         `json:"reason,omitempty"`
}

// IntakeState is what the global side made of an intake item.
type IntakeState string

// An item waits, then is merged into a global recommendation or answered.
const (
	IntakePending  IntakeState = "pending"
	IntakeMerged   IntakeState = "merged"
	IntakeAnswered IntakeState = "answered"
)

// Origin is where an intake item came from, copied when it arrived: the
// installation (empty for this one), the NRI, its track, the recommendation
// and the result of the poll that adopted it.
type Origin struct {
	Installation     string          `json:"installation,omitempty"`
	NRI              string          `json:"nri"`
	Track            string          `json:"track"`
	RecommendationID int64           `json:"recommendation_id"`
	Title            string          `json:"title"`
	Body             string          `json:"body"`
	PollResult       json.RawMessage `json:"poll_result,omitempty"`
	AdoptedAt        time.Time       `json:"adopted_at,omitzero"`
}

// IntakeItem is one adopted recommendation in a global track's intake.
type IntakeItem struct {
	ID            int64       `json:"id"`
	GlobalTrackID int64       `json:"global_track_id"`
	LinkID        int64       `json:"link_id,omitempty"`
	Origin        Origin      `json:"origin"`
	ReceivedAt    time.Time   `json:"received_at"`
	State         IntakeState `json:"state"`
	// MergedInto is the global recommendation the item was merged into:
	// the item stays as its provenance.
	MergedInto int64          `json:"merged_into,omitempty"`
	Answer     string         `json:"answer,omitempty"`
	DecidedBy  *tracks.Person `json:"decided_by,omitempty"`
	DecidedAt  time.Time      `json:"decided_at,omitzero"`
}
