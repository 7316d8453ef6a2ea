package schedule_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/schedule"
)

var nairobi, _ = time.LoadLocation("Africa/Nairobi")

// days: 23 to 25 June 2025 in Nairobi (UTC+3).
var days = schedule.Days{First: time.Date(2025, 6, 23, 0, 0, 0, 0, time.UTC), Last: time.Date(2025, 6, 25, 0, 0, 0, 0, time.UTC), Zone: nairobi}

func at(day, hour int) time.Time { return time.Date(2025, 6, day, hour, 0, 0, 0, nairobi) }

var (
	ana   = schedule.Person{AccountID: 1, Name: "Ana", Role: schedule.Moderator}
	bo    = schedule.Person{AccountID: 2, Name: "Bo", Role: schedule.Captioner}
	other = schedule.Booking{ID: 7, Title: "Data flows", PolicyIssueID: 1, State: "scheduled", Room: "Hall A",
		StartsAt: at(24, 10), EndsAt: at(24, 12), People: []schedule.Person{ana}}
)

func kinds(cs []schedule.Clash) []schedule.ClashKind {
	var out []schedule.ClashKind
	for _, c := range cs {
		out = append(out, c.Kind)
	}
	return out
}

func TestClashesFindEachKind(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    schedule.Booking
		want []schedule.ClashKind
	}{
		{"apart", schedule.Booking{ID: 1, PolicyIssueID: 1, Room: "Hall A", StartsAt: at(24, 12), EndsAt: at(24, 13), People: []schedule.Person{ana}}, nil},
		{"room booked twice, case and spaces aside", schedule.Booking{ID: 1, PolicyIssueID: 2, Room: " hall a ", StartsAt: at(24, 11), EndsAt: at(24, 13)}, []schedule.ClashKind{schedule.RoomTwice}},
		{"no room books none", schedule.Booking{ID: 1, PolicyIssueID: 2, Room: "", StartsAt: at(24, 11), EndsAt: at(24, 13)}, nil},
		{"same policy issue", schedule.Booking{ID: 1, PolicyIssueID: 1, Room: "Hall B", StartsAt: at(24, 9), EndsAt: at(24, 11)}, []schedule.ClashKind{schedule.IssueTwice}},
		{"one person in two places, whatever their role", schedule.Booking{ID: 1, PolicyIssueID: 2, Room: "Hall B", StartsAt: at(24, 11), EndsAt: at(24, 13),
			People: []schedule.Person{bo, {AccountID: 1, Name: "Ana", Role: schedule.Speaker}}}, []schedule.ClashKind{schedule.PersonTwice}},
		{"before the first day", schedule.Booking{ID: 1, PolicyIssueID: 2, StartsAt: at(22, 23), EndsAt: at(23, 1)}, []schedule.ClashKind{schedule.OutsideDays}},
		{"after the last day", schedule.Booking{ID: 1, PolicyIssueID: 2, StartsAt: at(25, 23), EndsAt: at(26, 1)}, []schedule.ClashKind{schedule.OutsideDays}},
		{"the last day's last hour", schedule.Booking{ID: 1, PolicyIssueID: 2, StartsAt: at(25, 23), EndsAt: at(26, 0)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := kinds(schedule.Clashes(days, []schedule.Booking{other}, tc.b))
			if !slices.Equal(got, tc.want) {
				t.Fatalf("clashes %v, want %v", got, tc.want)
			}
		})
	}
}

func TestClashesSkipTheSessionItselfAndTheUnscheduled(t *testing.T) {
	moved := other
	moved.StartsAt, moved.EndsAt = at(24, 11), at(24, 13)
	waiting := other
	waiting.ID, waiting.State = 8, "unscheduled"
	if cs := schedule.Clashes(days, []schedule.Booking{other, waiting}, moved); len(cs) != 0 {
		t.Fatalf("clashes %v with itself or an unscheduled session", cs)
	}
}

func TestClashesSayWhichAndWhetherBlocking(t *testing.T) {
	b := schedule.Booking{ID: 1, PolicyIssueID: 1, Room: "Hall A", StartsAt: at(24, 11), EndsAt: at(24, 13), People: []schedule.Person{ana}}
	cs := schedule.Clashes(days, []schedule.Booking{other}, b)
	if len(cs) != 3 || !schedule.AnyBlocking(cs) {
		t.Fatalf("clashes %+v", cs)
	}
	for _, c := range cs {
		if c.SessionID != 7 || !strings.Contains(c.Message, "Data flows") || c.Blocking != (c.Kind == schedule.RoomTwice) {
			t.Errorf("clash %+v", c)
		}
	}
	if !strings.Contains(cs[2].Message, "Ana") {
		t.Errorf("the person's clash does not name them: %q", cs[2].Message)
	}
	if schedule.AnyBlocking(cs[1:]) {
		t.Error("a person's or an issue's clash blocks")
	}
}

func catalogue() schedule.Catalogue {
	return schedule.Catalogue{Days: days,
		Tracks: map[string]tracks.Track{"open": {ID: 3}, "data": {ID: 4, PolicyIssueID: 1}},
		Issues: map[string]int64{"data": 1, "ai": 2},
		Slugs:  map[string]bool{"taken": true},
		Booked: []schedule.Booking{other}}
}

const header = "track,policy_issue,format,title,day,start,end,room,slug\n"

func TestValidateRefusesEachBadRowByLine(t *testing.T) {
	file := header +
		"open,ai,workshop,Good one,2025-06-23,10:00,11:00,Hall A,\n" + // line 2: fine
		"nope,ai,workshop,Bad track,2025-06-23,10:00,11:00,Hall B,\n" + // 3
		"data,ai,workshop,Wrong issue,2025-06-23,12:00,13:00,,\n" + // 4
		"open,ai,dance,Bad format,2025-06-23,12:00,13:00,,\n" + // 5
		"open,ai,workshop,Late,2025-06-26,10:00,11:00,,\n" + // 6
		"open,ai,workshop,Clock,2025-06-23,25:00,11:00,,\n" + // 7
		"open,ai,workshop,Room twice in the file,2025-06-23,10:30,11:30,hall a,\n" + // 8
		"open,ai,workshop,Room twice in the programme,2025-06-24,11:00,11:30,Hall A,\n" + // 9
		"open,ai,workshop,Slug,2025-06-23,14:00,15:00,,taken\n" + // 10
		"open,,workshop,,2025-06-23,16:00,15:00,,\n" // 11: three problems
	rows, err := schedule.ReadCSV(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	got, refused := catalogue().Validate(rows)
	if got != nil {
		t.Fatalf("imported %v with bad rows", got)
	}
	want := map[int][]string{3: {"unknown_track"}, 4: {"issue_of_track"}, 5: {"unknown_format"}, 6: {"outside_days"}, 7: {"time"},
		8: {"room_twice"}, 9: {"room_twice"}, 10: {"slug_taken"}, 11: {"unknown_issue", "title", "times"}}
	if len(refused) != len(want) {
		t.Fatalf("refused %+v", refused)
	}
	for _, r := range refused {
		var codes []string
		for _, p := range r.Problems {
			codes = append(codes, p.Code)
		}
		if !slices.Equal(codes, want[r.Row]) {
			t.Errorf("row %d: %v, want %v", r.Row, codes, want[r.Row])
		}
	}
}

func TestValidateTakesAGoodFileInTheEditionsZone(t *testing.T) {
	rows, err := schedule.ReadCSV(strings.NewReader("\ufefftitle,track,policy_issue,format,day,start,end,room\n" +
		"\"Opening, with quotes\",open,ai,main_session,2025-06-23,09:00,10:30,Plenary\n" +
		"Data,data,data,workshop,2025-06-23,09:00,10:00,Hall B\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, refused := catalogue().Validate(rows)
	if refused != nil || len(got) != 2 {
		t.Fatalf("got %+v, refused %+v", got, refused)
	}
	s := got[0].Session
	if !s.StartsAt.Equal(time.Date(2025, 6, 23, 6, 0, 0, 0, time.UTC)) || s.StartsAt.Location() != time.UTC || s.Slug != "opening-with-quotes-2" || got[0].TrackID != 3 {
		t.Fatalf("session %+v", got[0])
	}
}

func TestReadCSVNamesAMissingColumn(t *testing.T) {
	_, err := schedule.ReadCSV(strings.NewReader("track,title\nx,y\n"))
	if err == nil || !strings.Contains(err.Error(), "policy_issue is missing") {
		t.Fatalf("err %v", err)
	}
}
