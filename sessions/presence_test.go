package sessions

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestPresenceHidesSmallGroupsAndUnlistedNames(t *testing.T) {
	var people []Present
	for i := range 6 {
		people = append(people, Present{AccountID: int64(i + 1), Name: "civil" + string(rune('A'+i)), ShowName: i%2 == 0, StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African})
	}
	people = append(people,
		Present{AccountID: 10, Name: "Minister", ShowName: false, StakeholderGroup: igfplus.Government, Region: igfplus.AsiaPacific},
		Present{AccountID: 11, Name: "Academic", ShowName: true, StakeholderGroup: igfplus.Academia, Region: igfplus.AsiaPacific})
	got := SummarisePresence(people)
	want := Presence{
		Total:          "8",
		Names:          []string{"Academic", "civilA", "civilC", "civilE"},
		ByGroup:        map[string]string{"civil_society": "<5", "government": "<5"},
		ByRegion:       map[string]string{"african": "<5", "asia_pacific": "<5"},
		ListedByGroup:  map[string]int{"civil_society": 3, "academia": 1},
		ListedByRegion: map[string]int{"african": 3, "asia_pacific": 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	for n, want := range map[int]string{0: "0", 1: "<5", 4: "<5", 5: "5", 12: "12"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPresenceListsAtMostListedNamesButCountsEveryone(t *testing.T) {
	var people []Present
	for i := range ListedNames + 50 {
		people = append(people, Present{AccountID: int64(i), Name: fmt.Sprintf("p%04d", i), ShowName: true, StakeholderGroup: "academia", Region: "african"})
	}
	p := SummarisePresence(people)
	if len(p.Names) != ListedNames || p.Names[0] != "p0000" || p.Total != strconv.Itoa(len(people)) || p.ListedByGroup["academia"] != ListedNames || p.ByGroup["academia"] != "50" {
		t.Fatalf("got %d names from %q, total %s, academia %d listed and %s others", len(p.Names), p.Names[0], p.Total, p.ListedByGroup["academia"], p.ByGroup["academia"])
	}
}

// TestPresenceCountsListedNamesExactly: four people who all show their
// names are counted as four listed, not as "fewer than 5" beside their
// four names (#17); one who hides theirs among them stays rounded.
func TestPresenceCountsListedNamesExactly(t *testing.T) {
	people := []Present{
		{AccountID: 1, Name: "Amina", ShowName: true, StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African},
		{AccountID: 2, Name: "Kwame", ShowName: true, StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African},
		{AccountID: 3, Name: "Lucía", ShowName: true, StakeholderGroup: igfplus.CivilSociety, Region: igfplus.LatinAmericanCaribbean},
		{AccountID: 4, Name: "Rajesh", ShowName: true, StakeholderGroup: igfplus.Academia, Region: igfplus.AsiaPacific},
	}
	p := SummarisePresence(people)
	if len(p.ByGroup) != 0 || len(p.ByRegion) != 0 || p.ListedByGroup["civil_society"] != 3 || p.ListedByGroup["academia"] != 1 || p.ListedByRegion["african"] != 2 {
		t.Fatalf("everyone listed: %+v; want exact listed counts and nobody else", p)
	}
	p = SummarisePresence(append(people, Present{AccountID: 5, Name: "Hidden", StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African}))
	if p.ByGroup["civil_society"] != "<5" || p.ListedByGroup["civil_society"] != 3 || slices.Contains(p.Names, "Hidden") || p.Total != "5" {
		t.Fatalf("one hidden: %+v; want the hidden one rounded apart from the listed", p)
	}
}
