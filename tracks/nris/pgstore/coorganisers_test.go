package pgstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/pgstore/programmetest"
)

// TestCoOrganisersOfManySessionsAreReadAtOnce: one read returns each
// session's co-organisers by name with their slugs, leaves out sessions
// without any and sessions that do not exist, and follows a change.
func TestCoOrganisersOfManySessionsAreReadAtOnce(t *testing.T) {
	ctx := context.Background()
	w := programmetest.New(t)
	kenya := w.Initiative(t, "kenya-igf", "Kenya IGF")
	ghana := w.Initiative(t, "ghana-igf", "Ghana IGF")
	youth := w.Initiative(t, "youth-igf", "Youth IGF")
	both := w.Session(t, "both", kenya.ID, ghana.ID)
	one := w.Session(t, "one", youth.ID)
	none := w.Session(t, "none")

	if got, err := w.NRIs.CoOrganisersOf(ctx, nil); err != nil || len(got) != 0 {
		t.Fatalf("no sessions: %v, %v", got, err)
	}
	got, err := w.NRIs.CoOrganisersOf(ctx, []int64{both, one, none, 1 << 40})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{
		both: fmt.Sprint([]nris.CoOrganiser{{ID: ghana.ID, Slug: "ghana-igf", Name: "Ghana IGF"}, {ID: kenya.ID, Slug: "kenya-igf", Name: "Kenya IGF"}}),
		one:  fmt.Sprint([]nris.CoOrganiser{{ID: youth.ID, Slug: "youth-igf", Name: "Youth IGF"}}),
	}
	if len(got) != len(want) {
		t.Errorf("sessions with co-organisers: %v, want %d", got, len(want))
	}
	for id, list := range want {
		if fmt.Sprint(got[id]) != list {
			t.Errorf("session %d: %v, want %s", id, got[id], list)
		}
	}

	if _, err := w.NRIs.SetCoOrganisers(ctx, w.Stranger, none, []int64{kenya.ID}); code(err) != igfplus.EForbidden {
		t.Errorf("a participant setting co-organisers: %v, want forbidden", err)
	}
	if _, err := w.NRIs.SetCoOrganisers(ctx, w.Sec, none, []int64{kenya.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.NRIs.SetCoOrganisers(ctx, w.Sec, both, nil); err != nil {
		t.Fatal(err)
	}
	got, err = w.NRIs.CoOrganisersOf(ctx, []int64{both, none})
	if err != nil || len(got) != 1 || len(got[none]) != 1 || got[none][0].Slug != "kenya-igf" {
		t.Errorf("after the changes: %v, %v; want only Kenya IGF on %d", got, err, none)
	}
	if list, err := w.NRIs.CoOrganisers(ctx, none); err != nil || len(list) != 1 || list[0].Name != "Kenya IGF" {
		t.Errorf("one session's: %v, %v", list, err)
	}
}
