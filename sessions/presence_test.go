package sessions

import (
	"fmt"
	"reflect"
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
		Total:    "8",
		Names:    []string{"Academic", "civilA", "civilC", "civilE"},
		ByGroup:  map[string]string{"civil_society": "6", "government": "<5", "academia": "<5"},
		ByRegion: map[string]string{"african": "6", "asia_pacific": "<5"},
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
	if len(p.Names) != ListedNames || p.Names[0] != "p0000" || p.Total != strconv.Itoa(len(people)) || p.ByGroup["academia"] != strconv.Itoa(len(people)) {
		t.Fatalf("got %d names from %q, total %s, academia %s", len(p.Names), p.Names[0], p.Total, p.ByGroup["academia"])
	}
}
