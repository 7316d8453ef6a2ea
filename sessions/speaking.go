package sessions

import (
	"context"
	"sort"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Turn is one finished turn at the floor, with what the speaking-time
// statistics count.
type Turn struct {
	AccountID        int64
	Name             string
	StakeholderGroup igfplus.StakeholderGroup
	Region           igfplus.Region
	Gender           string // self-described; "" when not stated
	Seconds          int
}

// SpeakerTime is one speaker's time at the floor in a session.
type SpeakerTime struct {
	AccountID        int64                    `json:"account_id"`
	Name             string                   `json:"name"`
	StakeholderGroup igfplus.StakeholderGroup `json:"stakeholder_group"`
	Region           igfplus.Region           `json:"region"`
	Turns            int                      `json:"turns"`
	Seconds          int                      `json:"seconds"`
}

// Share is the speaking time of everyone in one stakeholder group or
// region: who spoke is public (the queue shows names and groups).
type Share struct {
	Speakers int `json:"speakers"`
	Seconds  int `json:"seconds"`
}

// GenderShare is the speaking time of one self-described gender. Gender is
// private: a category with fewer than five speakers shows "<5" and no
// seconds, which could otherwise be matched to a named speaker's time.
type GenderShare struct {
	Speakers string `json:"speakers"`
	Seconds  *int   `json:"seconds"`
}

// SpeakingTime is a session's speaking time per speaker (most first) and
// summed per stakeholder group, region and self-described gender.
type SpeakingTime struct {
	TotalSeconds int                    `json:"total_seconds"`
	Speakers     []SpeakerTime          `json:"speakers"`
	ByGroup      map[string]Share       `json:"by_group"`
	ByRegion     map[string]Share       `json:"by_region"`
	ByGender     map[string]GenderShare `json:"by_gender"`
}

// SummariseSpeaking sums turns per speaker, group, region and gender.
func SummariseSpeaking(turns []Turn) SpeakingTime {
	st := SpeakingTime{Speakers: []SpeakerTime{}, ByGroup: map[string]Share{}, ByRegion: map[string]Share{}, ByGender: map[string]GenderShare{}}
	speakers := map[int64]*SpeakerTime{}
	genderOf := map[int64]string{}
	for _, t := range turns {
		sp := speakers[t.AccountID]
		if sp == nil {
			sp = &SpeakerTime{AccountID: t.AccountID, Name: t.Name, StakeholderGroup: t.StakeholderGroup, Region: t.Region}
			speakers[t.AccountID] = sp
			genderOf[t.AccountID] = t.Gender
		}
		sp.Turns++
		sp.Seconds += t.Seconds
		st.TotalSeconds += t.Seconds
	}
	genderSpeakers, genderSeconds := map[string]int{}, map[string]int{}
	for id, sp := range speakers {
		st.Speakers = append(st.Speakers, *sp)
		add(st.ByGroup, string(sp.StakeholderGroup), sp.Seconds)
		add(st.ByRegion, string(sp.Region), sp.Seconds)
		g := genderOf[id]
		if g == "" {
			g = NotStated
		}
		genderSpeakers[g]++
		genderSeconds[g] += sp.Seconds
	}
	for g, n := range genderSpeakers {
		share := GenderShare{Speakers: Count(n)}
		if n >= SmallGroup {
			secs := genderSeconds[g]
			share.Seconds = &secs
		}
		st.ByGender[g] = share
	}
	sort.Slice(st.Speakers, func(i, j int) bool {
		a, b := st.Speakers[i], st.Speakers[j]
		if a.Seconds != b.Seconds {
			return a.Seconds > b.Seconds
		}
		return a.AccountID < b.AccountID
	})
	return st
}

func add(m map[string]Share, key string, seconds int) {
	s := m[key]
	s.Speakers++
	s.Seconds += seconds
	m[key] = s
}

// SpeakingStore reads finished turns.
type SpeakingStore interface {
	// Turns lists the session's finished turns (requests that spoke).
	Turns(ctx context.Context, sessionID int64) ([]Turn, error)
}

// SpeakingTimeOf returns a session's speaking time so far, to anyone who
// may follow it.
func (s *Service) SpeakingTimeOf(ctx context.Context, who igfplus.Identity, sessionID int64) (SpeakingTime, error) {
	if err := s.CanFollow(ctx, who, sessionID); err != nil {
		return SpeakingTime{}, err
	}
	turns, err := s.reports.Turns(ctx, sessionID)
	if err != nil {
		return SpeakingTime{}, err
	}
	return SummariseSpeaking(turns), nil
}
