package sessions

import (
	"context"
	"sort"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Attendee is one person who attended a session, with what balance
// statistics count (never shown per person).
type Attendee struct {
	AccountID        int64
	StakeholderGroup igfplus.StakeholderGroup
	Region           igfplus.Region
	Gender           string // self-described, optional
	Seconds          int64  // time present, over all their stretches
}

// Balance is the anonymised make-up of a session's attendance: counts by
// stakeholder group, region and self-described gender, with groups under 5
// shown as "<5" and unstated genders counted together.
type Balance struct {
	Total    int               `json:"total"`
	ByGroup  map[string]string `json:"by_group"`
	ByRegion map[string]string `json:"by_region"`
	ByGender map[string]string `json:"by_gender"`
}

// NotStated labels the people who did not describe their gender.
const NotStated = "not_stated"

// SummariseAttendance builds a session's Balance.
func SummariseAttendance(people []Attendee) Balance {
	b := Balance{Total: len(people), ByGroup: map[string]string{}, ByRegion: map[string]string{}, ByGender: map[string]string{}}
	groups, regions, genders := map[string]int{}, map[string]int{}, map[string]int{}
	for _, p := range people {
		groups[string(p.StakeholderGroup)]++
		regions[string(p.Region)]++
		g := p.Gender
		if g == "" {
			g = NotStated
		}
		genders[g]++
	}
	fill(b.ByGroup, groups)
	fill(b.ByRegion, regions)
	fill(b.ByGender, genders)
	return b
}

func fill(out map[string]string, counts map[string]int) {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out[k] = Count(counts[k])
	}
}

// AttendanceStore reads attendance.
type AttendanceStore interface {
	Attendees(ctx context.Context, sessionID int64) ([]Attendee, error)
}

// Attendance returns a session's balance statistics: for its moderators,
// live during the session.
func (s *Service) Attendance(ctx context.Context, who igfplus.Identity, sessionID int64) (Balance, error) {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return Balance{}, err
	}
	people, err := s.attendance.Attendees(ctx, sessionID)
	if err != nil {
		return Balance{}, err
	}
	return SummariseAttendance(people), nil
}
