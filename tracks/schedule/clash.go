package schedule

import (
	"slices"
	"strings"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Role is a person's part in a session, as session_roles names it.
type Role string

// The session roles the scheduler assigns.
const (
	Moderator   Role = "moderator"
	CoModerator Role = "co_moderator"
	Speaker     Role = "speaker"
	Rapporteur  Role = "rapporteur"
	Captioner   Role = "captioner"
)

// Roles lists the roles in the order the page shows them.
var Roles = []Role{Moderator, CoModerator, Rapporteur, Captioner, Speaker}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Person is someone with a part in a session.
type Person struct {
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
	Role      Role   `json:"role"`
}

// Booking is a session as scheduling sees it: where and when it is, what
// policy issue it serves and who takes part.
type Booking struct {
	ID            int64     `json:"id"`
	Title         string    `json:"title"`
	TrackID       int64     `json:"track_id"`
	PolicyIssueID int64     `json:"policy_issue_id"`
	Format        string    `json:"format"`
	State         string    `json:"state"`
	Room          string    `json:"room"`
	StartsAt      time.Time `json:"starts_at"`
	EndsAt        time.Time `json:"ends_at"`
	People        []Person  `json:"people"`
}

// Placed reports whether b holds a real slot: every state but
// unscheduled, whose times are placeholders.
func (b Booking) Placed() bool { return b.State != "unscheduled" }

// overlaps reports whether b and o share a moment (a session ending when
// the other starts does not).
func (b Booking) overlaps(o Booking) bool {
	return b.StartsAt.Before(o.EndsAt) && o.StartsAt.Before(b.EndsAt)
}

// Days are an edition's days in its time zone: a session must start on or
// after the first day's midnight and end by the midnight after the last.
type Days struct {
	First, Last time.Time // dates (their clock is ignored)
	Zone        *time.Location
}

// Contains reports whether [start, end) lies within the days.
func (d Days) Contains(start, end time.Time) bool {
	from := time.Date(d.First.Year(), d.First.Month(), d.First.Day(), 0, 0, 0, 0, d.Zone)
	until := time.Date(d.Last.Year(), d.Last.Month(), d.Last.Day()+1, 0, 0, 0, 0, d.Zone)
	return !start.Before(from) && !end.After(until)
}

// ClashKind is what a clash is about.
type ClashKind string

// The kinds of clash.
const (
	// PersonTwice: one person takes part in both sessions at once.
	PersonTwice ClashKind = "person"
	// IssueTwice: both sessions serve the same policy issue at once.
	IssueTwice ClashKind = "policy_issue"
	// RoomTwice: both sessions are in the same room at once.
	RoomTwice ClashKind = "room"
	// OutsideDays: the session is not within the edition's days.
	OutsideDays ClashKind = "outside_days"
)

// Clash is one reason a placement is doubtful.
type Clash struct {
	Kind ClashKind `json:"kind"`
	// SessionID and SessionTitle name the other session (none for
	// OutsideDays).
	SessionID    int64  `json:"session_id,omitempty"`
	SessionTitle string `json:"session_title,omitempty"`
	// Person names who would be in two places (PersonTwice).
	Person string `json:"person,omitempty"`
	// Room is the room booked twice (RoomTwice).
	Room     string `json:"room,omitempty"`
	Blocking bool   `json:"blocking"`
	Message  string `json:"message"`
}

// blocking kinds are refused whatever the Secretariat says.
func (k ClashKind) blocking() bool { return k == RoomTwice || k == OutsideDays }

// Clashes lists what is wrong with booking b among the edition's others
// (b itself among them is skipped, as are sessions not yet placed): each
// person in both of two overlapping sessions, each overlapping session on
// b's policy issue, each overlapping session in b's room (rooms compared
// without case or surrounding space; no room, an online session, books
// none), and b outside days.
func Clashes(days Days, others []Booking, b Booking) []Clash {
	var out []Clash
	if !days.Contains(b.StartsAt, b.EndsAt) {
		out = append(out, newClash(Clash{Kind: OutsideDays}))
	}
	for _, o := range others {
		if o.ID == b.ID || !o.Placed() || !b.overlaps(o) {
			continue
		}
		if room := roomKey(b.Room); room != "" && room == roomKey(o.Room) {
			out = append(out, newClash(Clash{Kind: RoomTwice, SessionID: o.ID, SessionTitle: o.Title, Room: o.Room}))
		}
		if b.PolicyIssueID != 0 && b.PolicyIssueID == o.PolicyIssueID {
			out = append(out, newClash(Clash{Kind: IssueTwice, SessionID: o.ID, SessionTitle: o.Title}))
		}
		for _, name := range shared(b.People, o.People) {
			out = append(out, newClash(Clash{Kind: PersonTwice, SessionID: o.ID, SessionTitle: o.Title, Person: name}))
		}
	}
	return out
}

// AnyBlocking reports whether a clash among cs is refused outright.
func AnyBlocking(cs []Clash) bool {
	return slices.ContainsFunc(cs, func(c Clash) bool { return c.Blocking })
}

func newClash(c Clash) Clash {
	c.Blocking = c.Kind.blocking()
	c.Message = c.refusal().Message
	return c
}

// refusal is the clash as a refusal's words, which the pages and the API
// show in their reader's language.
func (c Clash) refusal() *igfplus.Error {
	switch c.Kind {
	case RoomTwice:
		return igfplus.Errorf(igfplus.EConflict, "%s is booked for %q at the same time.", c.Room, c.SessionTitle)
	case IssueTwice:
		return igfplus.Errorf(igfplus.EConflict, "%q is on the same policy issue at the same time.", c.SessionTitle)
	case PersonTwice:
		return igfplus.Errorf(igfplus.EConflict, "%s is in %q at the same time.", c.Person, c.SessionTitle)
	}
	return igfplus.Errorf(igfplus.EConflict, "The session is outside the edition's days.")
}

func roomKey(room string) string { return strings.ToLower(strings.TrimSpace(room)) }

// shared names the people of a who are in b too, each once, in a's order.
func shared(a, b []Person) []string {
	in := map[int64]bool{}
	for _, p := range b {
		in[p.AccountID] = true
	}
	var out []string
	seen := map[int64]bool{}
	for _, p := range a {
		if in[p.AccountID] && !seen[p.AccountID] {
			seen[p.AccountID] = true
			out = append(out, p.Name)
		}
	}
	return out
}
