package live_test

import (
	"context"
	"testing"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/recommendations/live"
)

type oneRecommendation struct{}

func (oneRecommendation) Recommendation(_ context.Context, id int64) (recommendations.Recommendation, error) {
	if id != 7 {
		return recommendations.Recommendation{}, igfplus.Errorf(igfplus.ENotFound, "The recommendation was not found.")
	}
	return recommendations.Recommendation{ID: 7}, nil
}

func TestTheRoomOfARecommendationThatExistsIsOpenToReaders(t *testing.T) {
	p := live.NewPolicy(oneRecommendation{})
	who := igfplus.Identity{AccountID: 3, Name: "Amina"}
	for room, want := range map[string]igfplus.Code{
		"recommendation:7": "", "recommendation:8": igfplus.ENotFound, "recommendation:x": igfplus.ENotFound,
		"session:7": igfplus.ENotFound, "recommendation:-7": igfplus.ENotFound,
	} {
		if got := igfplus.ErrorCode(p.CanJoin(context.Background(), hub.Credentials{AccountID: who.AccountID, Principal: who}, room)); got != want {
			t.Errorf("CanJoin(%q) = %q, want %q", room, got, want)
		}
		if live.Handles(room) != (room == "recommendation:7" || room == "recommendation:8") {
			t.Errorf("Handles(%q) = %v", room, live.Handles(room))
		}
	}
}
