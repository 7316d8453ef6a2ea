package e2e

import (
	"slices"
	"testing"

	"github.com/gorilla/websocket"
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
func waitPresence(t *testing.T, conn *websocket.Conn, ok func(presenceFrame) bool) presenceFrame {
	t.Helper()
	return readUntil(t, conn, func(f presenceFrame) bool { return f.Type == "presence" && ok(f) })
}

func TestPresenceSpansNodesAndHidesSmallGroups(t *testing.T) {
	c := newCluster(t)
	a := startNode(t, c)
	b := startNode(t, c, "--demo", "never")
	session := liveSessionID(t, a)
	amina := dialRoom(t, a, session, signIn(t, a, "youth@demo.igf.example", "igfplus-demo"))
	rajesh := dialRoom(t, b, session, signIn(t, b, "academic@demo.igf.example", "igfplus-demo"))

	both := func(f presenceFrame) bool { return f.Presence.Total == "2" }
	for _, conn := range []*websocket.Conn{amina, rajesh} {
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
