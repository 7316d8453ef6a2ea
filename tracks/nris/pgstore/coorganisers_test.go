package pgstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks"
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

// TestCoOrganisersAreNamedOnlyByTheirOwnConsent: Kenya's coordinator lists
// three other initiatives as co-organisers of their session (one when
// adding it); none is named until its coordinator accepts. Someone who does
// not coordinate an initiative cannot answer for it, and a decline removes
// the request. The requests wait in the session's and each initiative's
// lists, each seen only by those who plan or answer.
func TestCoOrganisersAreNamedOnlyByTheirOwnConsent(t *testing.T) {
	ctx := context.Background()
	w := programmetest.New(t)
	person := func(name string) igfplus.Identity { return w.Person(t, name, igfplus.RoleNRICoordinator) }
	ama, kofi, zawadi := person("ama"), person("kofi"), person("zawadi")
	kenya := w.Initiative(t, "kenya-igf", "Kenya IGF", w.Coord.AccountID)
	ghana := w.Initiative(t, "ghana-igf", "Ghana IGF", ama.AccountID)
	togo := w.Initiative(t, "togo-igf", "Togo IGF", kofi.AccountID)
	tanzania := w.Initiative(t, "tanzania-igf", "Tanzania IGF", zawadi.AccountID)
	track, err := w.Programme.AddTrack(ctx, w.Coord, tracks.NewTrack{EditionID: w.Edition, NRIID: kenya.ID, Kind: tracks.NRI, Slug: "kenya", Title: "Kenya IGF track"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(time.Hour)
	session, err := w.Programme.AddSession(ctx, w.Coord, track.ID, tracks.NewSession{PolicyIssueID: w.Issue, Slug: "together", Title: "Together",
		Format: "nri_collaborative", StartsAt: start, EndsAt: start.Add(time.Hour), CoOrganisers: []int64{ghana.ID}})
	if err != nil {
		t.Fatal(err)
	}
	named := func() []string {
		t.Helper()
		list, err := w.NRIs.CoOrganisers(ctx, session)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range list {
			out = append(out, n.Slug)
		}
		return out
	}
	if got := named(); !slices.Equal(got, []string{"kenya-igf"}) {
		t.Fatalf("after adding the session with Ghana: %v, want only Kenya until Ghana accepts", got)
	}
	list, err := w.NRIs.SetCoOrganisers(ctx, w.Coord, session, []int64{ghana.ID, togo.ID, tanzania.ID})
	if err != nil || len(list) != 1 || list[0].ID != kenya.ID {
		t.Fatalf("listing three others: %v, %v; want only Kenya named", list, err)
	}
	asked, err := w.NRIs.RequestsOfSession(ctx, w.Coord, session)
	if err != nil || len(asked) != 3 {
		t.Fatalf("the session's requests: %+v, %v; want three", asked, err)
	}
	if _, err := w.NRIs.RequestsOfSession(ctx, ama, session); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("another initiative's coordinator reading the session's requests: %v, want forbidden", err)
	}
	toGhana, err := w.NRIs.RequestsTo(ctx, ama, ghana.ID)
	if err != nil || len(toGhana) != 1 || toGhana[0].SessionID != session || toGhana[0].From == nil || toGhana[0].From.ID != kenya.ID || toGhana[0].AskedBy.ID != w.Coord.AccountID {
		t.Fatalf("Ghana's requests: %+v, %v", toGhana, err)
	}
	for _, who := range []igfplus.Identity{w.Coord, kofi, w.Stranger} {
		if _, err := w.NRIs.DecideCoOrganiser(ctx, who, session, ghana.ID, true); igfplus.ErrorCode(err) != igfplus.EForbidden {
			t.Errorf("%s accepting for Ghana: %v, want forbidden", who.Name, err)
		}
		if _, err := w.NRIs.RequestsTo(ctx, who, ghana.ID); igfplus.ErrorCode(err) != igfplus.EForbidden {
			t.Errorf("%s reading Ghana's requests: %v, want forbidden", who.Name, err)
		}
	}
	if _, err := w.NRIs.DecideCoOrganiser(ctx, ama, session, ghana.ID, true); err != nil {
		t.Fatal(err)
	}
	if got := named(); !slices.Equal(got, []string{"ghana-igf", "kenya-igf"}) {
		t.Errorf("after Ghana accepted: %v", got)
	}
	if _, err := w.NRIs.DecideCoOrganiser(ctx, ama, session, ghana.ID, true); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("accepting twice: %v, want conflict", err)
	}
	if _, err := w.NRIs.DecideCoOrganiser(ctx, kofi, session, togo.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := w.NRIs.DecideCoOrganiser(ctx, kofi, session, togo.ID, true); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("accepting a declined request: %v, want not found", err)
	}
	if left, _ := w.NRIs.RequestsOfSession(ctx, w.Coord, session); len(left) != 1 || left[0].NRI.ID != tanzania.ID {
		t.Errorf("after Ghana's acceptance and Togo's decline, the requests: %+v; want Tanzania's", left)
	}
	// Saving the list again keeps Ghana's consent and Tanzania's request
	// as they are; the secretariat naming one is its consent.
	if _, err := w.NRIs.SetCoOrganisers(ctx, w.Coord, session, []int64{ghana.ID, tanzania.ID}); err != nil {
		t.Fatal(err)
	}
	if got := named(); !slices.Equal(got, []string{"ghana-igf", "kenya-igf"}) {
		t.Errorf("after saving again: %v", got)
	}
	if _, err := w.NRIs.SetCoOrganisers(ctx, w.Sec, session, []int64{ghana.ID, tanzania.ID}); err != nil {
		t.Fatal(err)
	}
	if got := named(); !slices.Equal(got, []string{"ghana-igf", "kenya-igf", "tanzania-igf"}) {
		t.Errorf("after the secretariat named Tanzania: %v", got)
	}
	if _, err := w.NRIs.DecideCoOrganiser(ctx, w.Coord, session, kenya.ID, false); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("the track's own initiative declining: %v, want conflict", err)
	}
}
