// Package ical writes the programme's iCalendar feeds (RFC 5545) with
// github.com/arran4/golang-ical: the whole public programme, a person's
// followed sessions, one session. Times are written in UTC (valid for
// every client, with nothing to get wrong across a change of offset); the
// edition's time zone goes along as X-WR-TIMEZONE, which calendar
// applications use to show the sessions in the Forum's local time.
package ical

import (
	"io"
	"strconv"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/igfplus/igfplus/sessions"
)

// Feed is one calendar to write.
type Feed struct {
	Name string
	// TimeZone is the edition's IANA time zone ("" for none).
	TimeZone string
	// Origin is the site's scheme and host (https://forum.example), which
	// makes the sessions' links and unique ids.
	Origin   string
	Sessions []sessions.Session
	// Now stamps the events (DTSTAMP).
	Now time.Time
}

// Write writes f as an iCalendar stream.
func Write(w io.Writer, f Feed) error {
	cal := ics.NewCalendarFor("IGF Plus")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(f.Name)
	cal.SetXWRCalName(f.Name)
	if f.TimeZone != "" {
		cal.SetXWRTimezone(f.TimeZone)
	}
	for _, s := range f.Sessions {
		id := strconv.FormatInt(s.ID, 10)
		ev := cal.AddEvent("session-" + id + "@" + host(f.Origin))
		ev.SetDtStampTime(f.Now.UTC())
		ev.SetStartAt(s.StartsAt.UTC())
		ev.SetEndAt(s.EndsAt.UTC())
		ev.SetSummary(s.Title)
		if s.Description != "" {
			ev.SetDescription(s.Description)
		}
		if s.Venue != "" {
			ev.SetLocation(s.Venue)
		}
		ev.SetURL(f.Origin + "/sessions/" + id)
		if s.State == sessions.Ended || s.State == sessions.Reported {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
	}
	return cal.SerializeTo(w)
}

// host is the origin without its scheme: the events' ids are unique to
// the installation.
func host(origin string) string {
	for i := 0; i+2 < len(origin); i++ {
		if origin[i:i+3] == "://" {
			return origin[i+3:]
		}
	}
	return origin
}
