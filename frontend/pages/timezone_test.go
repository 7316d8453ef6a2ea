package pages

import (
	"testing"
	"time"
)

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

// A chat message's time is in the edition's time zone too, as the
// session's own (09:05 UTC is 12:05 in Nairobi), and the page names the
// zone for the scripts that add messages.
func TestChatTimesAreInTheEditionsTimeZone(t *testing.T) {
	f := newFixture(t)
	f.prog.edition.TimeZone = "Africa/Nairobi"
	mustContain(t, f.get("/sessions/1?lang=en", "Amina").Body.String(), `<time datetime="2025-06-23T09:05:00Z">12:05</time>`, `<body data-zone="Africa/Nairobi">`)
}
