package schedule

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Placement is where and when a session goes: a room (empty for an online
// session) and its times, kept in UTC.
type Placement struct {
	Room     string    `json:"room"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
}

// MaxLength is the longest a session may last.
const MaxLength = 12 * time.Hour

func (p *Placement) validate() error {
	p.Room = strings.TrimSpace(p.Room)
	if utf8.RuneCountInString(p.Room) > 100 {
		return igfplus.Errorf(igfplus.EInvalid, "room is at most 100 characters.")
	}
	if p.StartsAt.IsZero() || !p.EndsAt.After(p.StartsAt) {
		return igfplus.Errorf(igfplus.EInvalid, "ends_at comes after starts_at.")
	}
	if p.EndsAt.Sub(p.StartsAt) > MaxLength {
		return igfplus.Errorf(igfplus.EInvalid, "A session lasts at most 12 hours.")
	}
	p.StartsAt, p.EndsAt = p.StartsAt.UTC(), p.EndsAt.UTC()
	return nil
}

// LocalTime reads a day (YYYY-MM-DD) and a clock time (HH:MM) in zone,
// as the edition's pages and CSV files give them; EInvalid names field.
func LocalTime(zone *time.Location, day, clock, field string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(day)+" "+strings.TrimSpace(clock), zone)
	if err != nil {
		return time.Time{}, igfplus.Errorf(igfplus.EInvalid, "%s is a day (YYYY-MM-DD) and a time (HH:MM).", field)
	}
	return t, nil
}

// Plan is what placing a session is checked against: the edition's days
// and every other session of the edition with its people.
type Plan struct {
	EditionID int64
	Days      Days
	Session   Booking
	Others    []Booking
}

// Check lists the clashes of putting the plan's session at p.
func (pl Plan) Check(p Placement) []Clash {
	b := pl.Session
	b.Room, b.StartsAt, b.EndsAt = p.Room, p.StartsAt, p.EndsAt
	return Clashes(pl.Days, pl.Others, b)
}
