package sessions

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Format is a session's format.
type Format string

// The session formats.
const (
	MainSession             Format = "main_session"
	Workshop                Format = "workshop"
	OpenForum               Format = "open_forum"
	TownHall                Format = "town_hall"
	LightningTalk           Format = "lightning_talk"
	NRICollaborative        Format = "nri_collaborative"
	HighLevelLeaders        Format = "high_level_leaders"
	MinisterialRoundtable   Format = "ministerial_roundtable"
	ParliamentaryRoundtable Format = "parliamentary_roundtable"
	YouthSession            Format = "youth_session"
)

// Formats lists every format.
var Formats = []Format{MainSession, Workshop, OpenForum, TownHall, LightningTalk, NRICollaborative, HighLevelLeaders, MinisterialRoundtable, ParliamentaryRoundtable, YouthSession}

// Valid reports whether f is a known format.
func (f Format) Valid() bool { return slices.Contains(Formats, f) }

// State is where a session is in its lifecycle:
// (unscheduled ->) scheduled -> live -> ended -> reported.
type State string

// The session states. An unscheduled session (an accepted proposal) waits
// for the scheduler to place it: it is in no public list and cannot start.
const (
	Unscheduled State = "unscheduled"
	Scheduled   State = "scheduled"
	Live        State = "live"
	Ended       State = "ended"
	Reported    State = "reported"
)

// Session is one session of the programme.
type Session struct {
	ID            int64
	TrackID       int64
	PolicyIssueID int64
	Slug          string
	Title         string
	Description   string
	Format        Format
	State         State
	StartsAt      time.Time
	EndsAt        time.Time
	Venue         string // the physical room, for onsite participants
	// Language is the language the session is held in, and its title,
	// description and agenda written in: their translations' source.
	Language string
	// CurrentItemID is the agenda item under way (zero when none), started
	// at ItemStartedAt.
	CurrentItemID int64
	ItemStartedAt time.Time
	Settings      Settings
}

// RoomName is the name of the session's real-time room in the hub.
func (s Session) RoomName() string { return RoomName(s.ID) }

// RoomName is the hub room of session id.
func RoomName(id int64) string { return "session:" + strconv.FormatInt(id, 10) }

// SessionIDOfRoom returns the session a hub room belongs to.
func SessionIDOfRoom(room string) (int64, bool) {
	rest, ok := strings.CutPrefix(room, "session:")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0
}

// WaitingRoomName is the hub room of one person held in session id's
// waiting room: it carries only their own admission (admission.admitted),
// so that the waiting page is let in at once without seeing the session's
// room. Only that person may join it (live.Adapter.CanJoin), and it takes
// no messages (it is no session's room).
func WaitingRoomName(id, accountID int64) string {
	return RoomName(id) + ":waiting:" + strconv.FormatInt(accountID, 10)
}

// WaitingRoomOf returns the session and the person a waiting room is for.
func WaitingRoomOf(room string) (id, accountID int64, ok bool) {
	rest, ok := strings.CutPrefix(room, "session:")
	if !ok {
		return 0, 0, false
	}
	sid, aid, ok := strings.Cut(rest, ":waiting:")
	if !ok {
		return 0, 0, false
	}
	id, err1 := strconv.ParseInt(sid, 10, 64)
	accountID, err2 := strconv.ParseInt(aid, 10, 64)
	return id, accountID, err1 == nil && err2 == nil && id > 0 && accountID >= 0
}

// AgendaItem is one item of a session's agenda, with its time box.
type AgendaItem struct {
	ID        int64
	SessionID int64
	Position  int
	Title     string
	Minutes   int
	// Started: the item has been under way; it keeps its place.
	Started bool
}
