package pages

import (
	"github.com/igfplus/igfplus/frontend/i18n"
	"testing"
	"time"
)

func TestUTCOffsetNamesTheZonesDistance(t *testing.T) {
	at := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	for zone, want := range map[string]string{"UTC": "UTC", "Africa/Nairobi": "UTC+3", "Asia/Kolkata": "UTC+5:30", "America/St_Johns": "UTC-3:30", "America/Bogota": "UTC-5"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		if got := i18n.UTCOffset(at.In(loc)); got != want {
			t.Errorf("%s: %q, want %q", zone, got, want)
		}
	}
}

// A session's time is shown in the edition's time zone, its day too: a
// session at 22:30 UTC is on the next day in Nairobi.
func TestSessionTimesAreInTheEditionsTimeZone(t *testing.T) {
	f := newFixture(t)
	f.prog.edition.TimeZone = "Africa/Nairobi"
	for i := range f.sessions.sessions {
		if f.sessions.sessions[i].ID == 1 {
			f.sessions.sessions[i].StartsAt, f.sessions.sessions[i].EndsAt = day.Add(22*time.Hour+30*time.Minute), day.Add(24*time.Hour)
		}
	}
	mustContain(t, f.get("/?lang=en", "").Body.String(), "24 June 2025, 01:30–03:00 UTC&#43;3", `datetime="2025-06-23T22:30:00Z"`)
}
