package pgstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog/pglogtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/voting"
	votingstore "github.com/igfplus/igfplus/tracks/voting/pgstore"
)

// chairRuns lets only the fixture's chair run polls.
type chairRuns struct{ chair int64 }

func (c chairRuns) MayModerate(_ context.Context, who igfplus.Identity, _ int64) error {
	if who.AccountID != c.chair {
		return igfplus.Errorf(igfplus.EForbidden, "Only the session's moderators can do that.")
	}
	return nil
}

func (chairRuns) CanFollow(context.Context, igfplus.Identity, int64) error { return nil }

// A poll on an amendment decides it in the poll's own transaction: the
// recommendation's room must hear of it when the poll's store announces,
// not at the room's next event.
func TestAPollOnAnAmendmentIsAnnouncedInTheRecommendationsRoom(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rec := pglogtest.NewRecorder(t, f.db.Pool)
	f.store.AnnounceThrough(rec)
	r := f.draft(t)
	a := f.amend(t, r, 3, "Everyone must.")
	keys, err := voting.NewKeys([]byte(strings.Repeat("test key ", 4)))
	if err != nil {
		t.Fatal(err)
	}
	store := votingstore.New(f.db, rec, f.store, keys)
	go store.Run(ctx)
	polls := voting.NewService(store, chairRuns{f.chair.AccountID}, keys)
	p, err := polls.CreatePoll(ctx, f.chair, voting.Settings{RecommendationID: r.ID, AmendmentID: a.ID, SessionID: f.session,
		Question: "Accept the amendment?", Kind: voting.YesNoAbstain, Rule: voting.Majority})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := polls.OpenPoll(ctx, f.chair, p.ID); err != nil {
		t.Fatal(err)
	}
	for _, who := range []igfplus.Identity{f.chair, f.codrafter} {
		if _, err := polls.Cast(ctx, who, p.ID, voting.Choice{Answer: "yes"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := polls.ClosePoll(ctx, f.chair, p.ID); err != nil {
		t.Fatal(err)
	}
	var inRoom []hub.Event
	for _, ev := range rec.Events() {
		if ev.Room == recommendations.RoomName(r.ID) {
			inRoom = append(inRoom, ev)
		}
	}
	want := []string{"amendment.proposed", "amendment.changed", "amendment.changed", "recommendation.revised"}
	if got := eventKinds(inRoom); !slices.Equal(got, want) {
		t.Errorf("the recommendation's room heard %v, want %v (put to the vote, accepted, the new version)", got, want)
	}
}
