package sessions

import (
	"slices"
	"strconv"
	"strings"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// SmallGroup is the size below which a group's count is not shown: fewer
// than five people could be recognised.
const SmallGroup = 5

// Membership is one account connected to one room, as a node reports it.
type Membership struct {
	Room      string
	AccountID int64
}

// Present is one person connected to a session's room.
type Present struct {
	AccountID        int64
	Name             string
	ShowName         bool // the person allows their name in presence lists
	StakeholderGroup igfplus.StakeholderGroup
	Region           igfplus.Region
}

// Presence is what everyone in a room may see of who else is there: the
// names of those who allow it, and counts by stakeholder group and region
// that never contradict the names (#17). Those listed by name are counted
// exactly (Listed*); only those not listed are counted with small groups
// shown as "<5" (By*), so that a group of four listed names is not also
// "fewer than 5".
type Presence struct {
	Total string   `json:"total"`
	Names []string `json:"names"`
	// ByGroup and ByRegion count the people not listed by name ("<5" for
	// one to four); a group whose people are all listed is absent.
	ByGroup  map[string]string `json:"by_group"`
	ByRegion map[string]string `json:"by_region"`
	// ListedByGroup and ListedByRegion count the people in Names, exactly;
	// a group with nobody listed is absent.
	ListedByGroup  map[string]int `json:"listed_by_group"`
	ListedByRegion map[string]int `json:"listed_by_region"`
}

// ListedNames caps the names a presence summary lists: a room of thousands
// would otherwise send every client every name at every change, and nobody
// reads past the first screenful. Total still counts everyone; those past
// the cap are counted as not listed.
const ListedNames = 100

// SummarisePresence builds the room's Presence from the people connected:
// at most ListedNames names, the first in alphabetical order.
func SummarisePresence(people []Present) Presence {
	p := Presence{Names: []string{}, ByGroup: map[string]string{}, ByRegion: map[string]string{},
		ListedByGroup: map[string]int{}, ListedByRegion: map[string]int{}}
	visible := slices.DeleteFunc(slices.Clone(people), func(who Present) bool { return !who.ShowName })
	slices.SortStableFunc(visible, func(a, b Present) int { return strings.Compare(a.Name, b.Name) })
	listed := map[int64]bool{}
	for _, who := range visible[:min(len(visible), ListedNames)] {
		p.Names = append(p.Names, who.Name)
		listed[who.AccountID] = true
		p.ListedByGroup[string(who.StakeholderGroup)]++
		p.ListedByRegion[string(who.Region)]++
	}
	groups, regions := map[string]int{}, map[string]int{}
	for _, who := range people {
		if !listed[who.AccountID] {
			groups[string(who.StakeholderGroup)]++
			regions[string(who.Region)]++
		}
	}
	for g, n := range groups {
		p.ByGroup[g] = Count(n)
	}
	for r, n := range regions {
		p.ByRegion[r] = Count(n)
	}
	p.Total = strconv.Itoa(len(people))
	return p
}

// Count shows a group's size: "<5" for one to four people, so that nobody in
// a small group can be picked out.
func Count(n int) string {
	if n > 0 && n < SmallGroup {
		return "<" + strconv.Itoa(SmallGroup)
	}
	return strconv.Itoa(n)
}
