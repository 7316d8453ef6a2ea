package live_test

import (
	"context"
	"testing"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations/live"
)

// sessionsOnly stands for the sessions' policy: it admits session rooms.
type sessionsOnly struct{}

func (sessionsOnly) CanJoin(_ context.Context, _ hub.Credentials, room string) error {
	if room == "session:7" {
		return nil
	}
	return igfplus.Errorf(igfplus.EForbidden, "Not this room.")
}

func TestOrSendsRecommendationRoomsToThePolicyAndTheRestToTheOthers(t *testing.T) {
	p := live.NewPolicy(oneRecommendation{}).Or(sessionsOnly{})
	who := igfplus.Identity{AccountID: 3, Name: "Amina"}
	for room, want := range map[string]igfplus.Code{
		"recommendation:7": "", "recommendation:8": igfplus.ENotFound, "session:7": "", "session:8": igfplus.EForbidden,
	} {
		if got := igfplus.ErrorCode(p.CanJoin(context.Background(), hub.Credentials{AccountID: who.AccountID, Principal: who}, room)); got != want {
			t.Errorf("CanJoin(%q) = %q, want %q", room, got, want)
		}
	}
}
