package recommendations

import (
	"strconv"
	"strings"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// A recommendation has a live room, "recommendation:{id}", on the same hub
// and resume protocol as the session rooms: its store appends an event to
// the room's log in the transaction of each change and announces it after
// commit, so that an open page follows comments, amendments, support, new
// versions and the record as they happen (docs/PROTOCOL.md).

// RoomName is the hub room of recommendation id.
func RoomName(id int64) string { return "recommendation:" + strconv.FormatInt(id, 10) }

// IDOfRoom returns the recommendation a hub room belongs to.
func IDOfRoom(room string) (int64, bool) {
	rest, ok := strings.CutPrefix(room, "recommendation:")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0
}

// The kinds of a recommendation room's events.
const (
	// EventCommentAdded carries the Comment (a reply has reply_to).
	EventCommentAdded = "comment.added"
	// EventAmendmentProposed and EventAmendmentChanged (supported,
	// accepted, rejected, put to a vote) carry an AmendmentEvent.
	EventAmendmentProposed = "amendment.proposed"
	EventAmendmentChanged  = "amendment.changed"
	// EventRevised carries a Revision: a new version, or a new title or
	// summary.
	EventRevised = "recommendation.revised"
	// EventRecordChanged carries the Record.
	EventRecordChanged = "record.changed"
	// EventStateChanged carries a StateEvent: a poll put the
	// recommendation to a vote or decided it.
	EventStateChanged = "recommendation.state"
)

// StateEvent is a recommendation's new state.
type StateEvent struct {
	RecommendationID int64 `json:"recommendation_id"`
	State            State `json:"state"`
}

// AmendmentEvent is an amendment as its room announces it: with the word
// diff of the paragraph it replaces, so that a page can show it without a
// diff of its own.
type AmendmentEvent struct {
	Amendment
	Diff []DiffPart `json:"diff"`
}

// Revision is what EventRevised announces.
type Revision struct {
	RecommendationID int64       `json:"recommendation_id"`
	Title            string      `json:"title"`
	Summary          string      `json:"summary"`
	Version          Version     `json:"version"`
	Paragraphs       []Paragraph `json:"paragraphs"`
}

// Position is a point in a room's event log: a page renders what it read
// after the room stood there, and its client resumes from it.
type Position struct {
	Epoch  int64 `json:"epoch"`
	Offset int64 `json:"offset"`
}

// AmendmentDiff is the word diff from the paragraph of base that a
// replaces (nothing, for a new last paragraph) to a's text.
func AmendmentDiff(a Amendment, base Version) []DiffPart {
	was := ""
	if ps := base.Paragraphs(); a.Paragraph >= 1 && a.Paragraph <= len(ps) {
		was = ps[a.Paragraph-1].Text
	}
	return WordDiff(was, a.Text)
}

// Errors the pages tell apart, to say them in the reader's language.
var (
	// ErrPastEdition refuses a comment, amendment or support on a
	// recommendation of an edition other than the current one.
	ErrPastEdition = igfplus.Errorf(igfplus.EConflict,
		"The recommendation belongs to an earlier edition of the Forum: it is closed to comments, amendments and support.")
	// ErrSupportedAlready refuses a second support by one person.
	ErrSupportedAlready = igfplus.Errorf(igfplus.EConflict, "You already support this amendment.")
	// ErrOwnAmendment refuses support from an amendment's proposer.
	ErrOwnAmendment = igfplus.Errorf(igfplus.EConflict, "You proposed this amendment: it has your support already.")
	// ErrNotProposed refuses support for an amendment already decided or
	// under vote.
	ErrNotProposed = igfplus.Errorf(igfplus.EConflict, "Only an amendment still proposed can be supported.")
	// ErrNothingChanged refuses an edit that changes nothing.
	ErrNothingChanged = igfplus.Errorf(igfplus.EInvalid, "Nothing has changed.")
)
