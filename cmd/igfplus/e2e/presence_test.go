package e2e

import (
	"slices"
	"testing"

	"github.com/igfplus/igfplus/hub/roomclient"
)

type presenceFrame struct {
	Type     string `json:"type"`
	Presence struct {
		Total   string            `json:"total"`
		Names   []string          `json:"names"`
		ByGroup map[string]string `json:"by_group"`
	} `json:"presence"`
}

// waitPresence reads until a presence frame satisfies ok.
func waitPresence(t *testing.T, conn *roomclient.Conn, ok func(presenceFrame) bool) presenceFrame {
	t.Helper()
	return await(t, conn, func(f presenceFrame) bool { return f.Type == "presence" && ok(f) })
}

func TestPresenceSpansNodesAndHidesSmallGroups(t *testing.T) {
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
		if f.Presence.ByGroup["civil_society"] != "<5" || f.Presence.ByGroup["academia"] != "<5" {
			t.Errorf("small groups shown exactly: %v", f.Presence.ByGroup)
		}
	}
	rajesh.Close()
	waitPresence(t, amina, func(f presenceFrame) bool { return f.Presence.Total == "1" })
}
