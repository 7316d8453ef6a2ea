package e2e

import (
	"slices"
	"testing"

	"github.com/igfplus/igfplus/hub/roomclient"
)

type presenceFrame struct {
	Type     string `json:"type"`
	Presence struct {
		Total         string            `json:"total"`
		Names         []string          `json:"names"`
		ByGroup       map[string]string `json:"by_group"`
		ListedByGroup map[string]int    `json:"listed_by_group"`
	} `json:"presence"`
}

// waitPresence reads until a presence frame satisfies ok.
func waitPresence(t *testing.T, conn *roomclient.Conn, ok func(presenceFrame) bool) presenceFrame {
	t.Helper()
	return await(t, conn, func(f presenceFrame) bool { return f.Type == "presence" && ok(f) })
}

// TestPresenceSpansNodesAndCountsListedNamesExactly: presence gathers both
// nodes' people, and those listed by name are counted exactly beside their
// names (#17), not as the "<5" kept for people who hide theirs.
func TestPresenceSpansNodesAndCountsListedNamesExactly(t *testing.T) {
	c := newCluster(t)
	f := newForum(t, c)
	aminaP := f.Person(t, "Amina Yusuf", "civil_society", "african")
	rajeshP := f.Person(t, "Rajesh Iyer", "academia", "asia_pacific")
	a := startNode(t, c)
	b := startNode(t, c)
	amina := joinRoom(t, a, f.Session, signInAs(t, a, aminaP))
	rajesh := joinRoom(t, b, f.Session, signInAs(t, b, rajeshP))

	both := func(f presenceFrame) bool { return f.Presence.Total == "2" }
	for _, conn := range []*roomclient.Conn{amina, rajesh} {
		f := waitPresence(t, conn, both)
		if !slices.Equal(f.Presence.Names, []string{"Amina Yusuf", "Rajesh Iyer"}) {
			t.Errorf("names %v", f.Presence.Names)
		}
		if len(f.Presence.ByGroup) != 0 || f.Presence.ListedByGroup["civil_society"] != 1 || f.Presence.ListedByGroup["academia"] != 1 {
			t.Errorf("listed %v, others %v: want the two listed counted exactly and nobody else", f.Presence.ListedByGroup, f.Presence.ByGroup)
		}
	}
	rajesh.Close()
	waitPresence(t, amina, func(f presenceFrame) bool { return f.Presence.Total == "1" })
}
