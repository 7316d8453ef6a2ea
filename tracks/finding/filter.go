package finding

import (
	"slices"
	"time"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Filter narrows the public programme. A zero field does not filter.
type Filter struct {
	Day           time.Time // a date (midnight UTC) in the edition's time zone
	PolicyIssueID int64
	TrackID       int64
	Format        sessions.Format
	Language      string
	// Stakeholder keeps sessions with at least one speaker or moderator of
	// that stakeholder group.
	Stakeholder igfplus.StakeholderGroup
}

// Empty reports whether f filters nothing.
func (f Filter) Empty() bool { return f == Filter{} }

// Fact is what the filters read of a session beyond the session itself:
// its language and the stakeholder groups of those who speak or moderate
// in it.
type Fact struct {
	Language string
	Groups   []igfplus.StakeholderGroup
}

// Facts are the sessions' facts by session id.
type Facts map[int64]Fact

// Apply keeps the sessions of list that f lets through, in order. loc is
// the edition's time zone, in which a day is counted.
func (f Filter) Apply(list []sessions.Session, facts Facts, loc *time.Location) []sessions.Session {
	if f.Empty() {
		return list
	}
	var out []sessions.Session
	for _, s := range list {
		if f.keeps(s, facts[s.ID], loc) {
			out = append(out, s)
		}
	}
	return out
}

func (f Filter) keeps(s sessions.Session, fact Fact, loc *time.Location) bool {
	switch {
	case !f.Day.IsZero() && !sameDay(s.StartsAt.In(loc), f.Day):
		return false
	case f.PolicyIssueID != 0 && s.PolicyIssueID != f.PolicyIssueID:
		return false
	case f.TrackID != 0 && s.TrackID != f.TrackID:
		return false
	case f.Format != "" && s.Format != f.Format:
		return false
	case f.Language != "" && fact.Language != f.Language:
		return false
	case f.Stakeholder != "" && !slices.Contains(fact.Groups, f.Stakeholder):
		return false
	}
	return true
}

func sameDay(t, day time.Time) bool {
	y, m, d := t.Date()
	y2, m2, d2 := day.Date()
	return y == y2 && m == m2 && d == d2
}

// Days lists the dates from start to end, inclusive (an edition's days).
func Days(start, end time.Time) []time.Time {
	var out []time.Time
	for d := start; !d.After(end) && len(out) < 60; d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}
