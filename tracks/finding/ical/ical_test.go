package ical_test

import (
	"bytes"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/finding/ical"
)

// A feed written here is read back by the iCalendar library with each
// session's times (in UTC), title, place, link and the edition's time
// zone.
func TestAFeedParsesBackWithItsSessionsAndTimeZone(t *testing.T) {
	start := time.Date(2026, 12, 8, 9, 30, 0, 0, time.FixedZone("EAT", 3*3600))
	s := sessions.Session{ID: 42, Title: "Community networks, last mile", Description: "Line one\nline two; with, commas",
		StartsAt: start, EndsAt: start.Add(90 * time.Minute), Venue: "Room 3"}
	var buf bytes.Buffer
	if err := ical.Write(&buf, ical.Feed{Name: "Forum", TimeZone: "Africa/Nairobi", Origin: "https://forum.example", Sessions: []sessions.Session{s}, Now: start}); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(&buf)
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, buf.String())
	}
	if tz := cal.CalendarProperties; len(tz) == 0 {
		t.Fatal("no calendar properties")
	}
	var zone string
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyXWRTimezone) {
			zone = p.Value
		}
	}
	if zone != "Africa/Nairobi" {
		t.Errorf("X-WR-TIMEZONE %q", zone)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	ev := evs[0]
	got, err := ev.GetStartAt()
	if err != nil || !got.Equal(start) {
		t.Errorf("start %v (%v), want %v", got, err, start)
	}
	end, err := ev.GetEndAt()
	if err != nil || !end.Equal(s.EndsAt) {
		t.Errorf("end %v (%v)", end, err)
	}
	for prop, want := range map[ics.ComponentProperty]string{
		ics.ComponentPropertySummary: s.Title, ics.ComponentPropertyDescription: s.Description,
		ics.ComponentPropertyLocation: "Room 3", ics.ComponentPropertyUrl: "https://forum.example/sessions/42",
		ics.ComponentPropertyUniqueId: "session-42@forum.example",
	} {
		if p := ev.GetProperty(prop); p == nil || p.Value != want {
			t.Errorf("%s: %+v, want %q", prop, p, want)
		}
	}
}
