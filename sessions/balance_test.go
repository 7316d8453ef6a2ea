package sessions_test

import (
	"slices"
	"testing"
	"time"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// req is a waiting request: id, group, new voice, point of order, asked at
// minute min.
func req(id int64, g igfplus.StakeholderGroup, newVoice, poo bool, min int) sessions.FloorRequest {
	return sessions.FloorRequest{ID: id, StakeholderGroup: g, NewVoice: newVoice, PointOfOrder: poo,
		RequestedAt: time.Date(2026, 11, 23, 10, min, 0, 0, time.UTC)}
}

func TestBalanceQueueAlternatesGroupsAndCallsNewVoicesFirst(t *testing.T) {
	gov, cs, ac := igfplus.Government, igfplus.CivilSociety, igfplus.Academia
	for name, tc := range map[string]struct {
		waiting []sessions.FloorRequest
		last    igfplus.StakeholderGroup
		want    []int64
	}{
		"empty": {nil, "", []int64{}},
		"one group keeps the time order": {
			[]sessions.FloorRequest{req(1, gov, false, false, 3), req(2, gov, false, false, 1)}, "", []int64{2, 1}},
		"groups alternate": {
			[]sessions.FloorRequest{req(1, gov, false, false, 1), req(2, gov, false, false, 2), req(3, cs, false, false, 3), req(4, cs, false, false, 4)},
			"", []int64{1, 3, 2, 4}},
		"the previous speaker's group waits a turn": {
			[]sessions.FloorRequest{req(1, gov, false, false, 1), req(2, cs, false, false, 2)}, gov, []int64{2, 1}},
		"new voices first within the other groups": {
			[]sessions.FloorRequest{req(1, cs, false, false, 1), req(2, ac, true, false, 2), req(3, gov, false, false, 3)},
			gov, []int64{2, 1, 3}},
		"alternation before new voices": {
			[]sessions.FloorRequest{req(1, gov, true, false, 1), req(2, cs, false, false, 2)}, gov, []int64{2, 1}},
		"points of order first, in time order": {
			[]sessions.FloorRequest{req(1, cs, true, false, 1), req(2, gov, false, true, 5), req(3, gov, false, true, 2)},
			cs, []int64{3, 2, 1}},
	} {
		t.Run(name, func(t *testing.T) {
			got := []int64{}
			for _, r := range sessions.BalanceQueue(tc.waiting, tc.last) {
				got = append(got, r.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("order %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSpeakingTimeHidesSmallGenderGroups(t *testing.T) {
	turns := []sessions.Turn{
		{AccountID: 1, Name: "A", StakeholderGroup: igfplus.Government, Region: igfplus.African, Gender: "woman", Seconds: 60},
		{AccountID: 2, Name: "B", StakeholderGroup: igfplus.Academia, Region: igfplus.African, Seconds: 30},
		{AccountID: 1, Name: "A", StakeholderGroup: igfplus.Government, Region: igfplus.African, Gender: "woman", Seconds: 15},
	}
	for i := int64(3); i <= 7; i++ {
		turns = append(turns, sessions.Turn{AccountID: i, StakeholderGroup: igfplus.CivilSociety, Region: igfplus.AsiaPacific, Gender: "man", Seconds: 10})
	}
	st := sessions.SummariseSpeaking(turns)
	if st.TotalSeconds != 155 || len(st.Speakers) != 7 || st.Speakers[0].AccountID != 1 || st.Speakers[0].Seconds != 75 || st.Speakers[0].Turns != 2 {
		t.Fatalf("per speaker: %+v", st)
	}
	if g := st.ByGroup["civil_society"]; g.Speakers != 5 || g.Seconds != 50 {
		t.Errorf("civil society: %+v", g)
	}
	if r := st.ByRegion["african"]; r.Speakers != 2 || r.Seconds != 105 {
		t.Errorf("african: %+v", r)
	}
	if g := st.ByGender["man"]; g.Speakers != "5" || g.Seconds == nil || *g.Seconds != 50 {
		t.Errorf("men: %+v", g)
	}
	for _, small := range []string{"woman", sessions.NotStated} {
		if g := st.ByGender[small]; g.Speakers != "<5" || g.Seconds != nil {
			t.Errorf("%s: %+v, want <5 speakers and no seconds", small, g)
		}
	}
}

func TestSettingsChangesAreChecked(t *testing.T) {
	i := func(n int) *int { return &n }
	for name, tc := range map[string]struct {
		c  sessions.SettingsChange
		ok bool
	}{
		"limit":               {sessions.SettingsChange{SpeakingLimitS: i(120), WarnAtS: i(90)}, true},
		"warning at the end":  {sessions.SettingsChange{WarnAtS: i(180)}, false},
		"limit below warning": {sessions.SettingsChange{SpeakingLimitS: i(100)}, false},
		"too short":           {sessions.SettingsChange{SpeakingLimitS: i(5), WarnAtS: i(1)}, false},
		"slow mode":           {sessions.SettingsChange{SlowModeS: i(601)}, false},
	} {
		_, err := tc.c.Apply(sessions.DefaultSettings)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", name, err)
		}
	}
}
