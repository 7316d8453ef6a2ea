package pgstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
)

// initiative adds an initiative coordinated by coords, as the secretariat.
func (w *world) initiative(t *testing.T, slug, name string, coords ...int64) nris.NRI {
	t.Helper()
	level := nris.National
	n, err := w.svc.CreateNRI(context.Background(), w.sec, nris.NRIChange{Slug: &slug, Name: &name, Level: &level, Coordinators: &coords})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// session adds a session of the global track, as the secretariat.
func (w *world) session(t *testing.T, slug string, coorganisers ...int64) int64 {
	t.Helper()
	start := time.Date(2031, 6, 2, 9, 0, 0, 0, time.UTC)
	id, err := w.svc.AddSession(context.Background(), w.sec, w.global, nris.NewSession{PolicyIssueID: w.issue, Slug: slug, Title: slug,
		Format: "nri_collaborative", StartsAt: start, EndsAt: start.Add(time.Hour), CoOrganisers: coorganisers})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestATracksLeadIsChangedByThoseWhoPlanTheTrack: the secretariat changes
// a global track's lead, which persists and moves the deciding of links
// with it; an initiative's coordinators change their own track's lead but
// not a global track's; neither a participant nor the lead in place may;
// an unknown account or address is refused clearly, and only after the
// check, so that a stranger learns nothing about who is registered.
func TestATracksLeadIsChangedByThoseWhoPlanTheTrack(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	for _, who := range []igfplus.Identity{w.stranger, w.lead, w.coord} {
		if _, err := w.svc.SetLead(ctx, who, w.global, who.AccountID); code(err) != igfplus.EForbidden {
			t.Errorf("%s making themselves the global track's lead: %v, want forbidden", who.Name, err)
		}
	}
	if _, err := w.svc.SetLead(ctx, igfplus.Identity{}, w.global, w.stranger.AccountID); code(err) != igfplus.EUnauthorized {
		t.Errorf("anonymous: %v, want unauthorized", err)
	}
	if _, err := w.svc.SetLeadByEmail(ctx, w.stranger, w.global, "nobody@example.org"); code(err) != igfplus.EForbidden {
		t.Errorf("a stranger probing an address: %v, want forbidden (not a word about the address)", err)
	}
	if _, err := w.svc.SetLead(ctx, w.sec, w.global, 1<<40); code(err) != igfplus.EInvalid {
		t.Errorf("an unknown account as lead: %v, want invalid", err)
	}
	if _, err := w.svc.SetLead(ctx, w.sec, w.global, -1); code(err) != igfplus.EInvalid {
		t.Errorf("a negative lead: %v, want invalid", err)
	}
	if _, err := w.svc.SetLead(ctx, w.sec, 1<<40, w.coord.AccountID); code(err) != igfplus.ENotFound {
		t.Errorf("an unknown track: %v, want not found", err)
	}
	if _, err := w.svc.SetLeadByEmail(ctx, w.sec, w.global, "nobody@example.org"); code(err) != igfplus.EInvalid {
		t.Errorf("an unknown address: %v, want invalid", err)
	}
	if tr, _ := w.svc.Track(ctx, w.global); tr.Lead == nil || tr.Lead.ID != w.lead.AccountID {
		t.Fatalf("after the refusals the lead is %+v, want still %s", tr.Lead, w.lead.Name)
	}

	tr, err := w.svc.SetLeadByEmail(ctx, w.sec, w.global, "  Stranger@EXAMPLE.org ")
	if err != nil || tr.Lead == nil || tr.Lead.ID != w.stranger.AccountID || tr.Lead.Name != "stranger@example.org" {
		t.Fatalf("the secretariat names the stranger by address: %+v, %v", tr.Lead, err)
	}
	if tr, _ := w.svc.Track(ctx, w.global); tr.Lead == nil || tr.Lead.ID != w.stranger.AccountID {
		t.Fatalf("read again, the lead is %+v", tr.Lead)
	}
	if err := w.svc.MayLead(ctx, w.stranger, w.global); err != nil {
		t.Errorf("the new lead decides for the track: %v", err)
	}
	if err := w.svc.MayLead(ctx, w.lead, w.global); code(err) != igfplus.EForbidden {
		t.Errorf("the former lead still decides: %v", err)
	}
	if tr, err := w.svc.SetLead(ctx, w.sec, w.global, 0); err != nil || tr.Lead != nil {
		t.Fatalf("leaving the track without a lead: %+v, %v", tr.Lead, err)
	}

	nri := w.initiative(t, "kenya-igf", "Kenya IGF", w.coord.AccountID)
	own, err := w.svc.AddTrack(ctx, w.coord, nris.NewTrack{EditionID: w.edition, NRIID: nri.ID, Kind: tracks.NRI, Slug: "kenya", Title: "Kenya IGF track"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SetLead(ctx, w.stranger, own.ID, w.stranger.AccountID); code(err) != igfplus.EForbidden {
		t.Errorf("a stranger on the initiative's track: %v, want forbidden", err)
	}
	if tr, err := w.svc.SetLead(ctx, w.coord, own.ID, w.lead.AccountID); err != nil || tr.Lead == nil || tr.Lead.ID != w.lead.AccountID {
		t.Fatalf("the coordinator names their track's lead: %+v, %v", tr.Lead, err)
	}
	if err := w.svc.MayRunTrack(ctx, w.coord, own.ID); err != nil {
		t.Errorf("the coordinator plans their track: %v", err)
	}
	if err := w.svc.MayRunTrack(ctx, w.coord, w.global); code(err) != igfplus.EForbidden {
		t.Errorf("the coordinator plans the global track: %v, want forbidden", err)
	}
}

// TestCoOrganisersOfManySessionsAreReadAtOnce: one read returns each
// session's co-organisers by name with their slugs, leaves out sessions
// without any and sessions that do not exist, and follows a change.
func TestCoOrganisersOfManySessionsAreReadAtOnce(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	kenya := w.initiative(t, "kenya-igf", "Kenya IGF")
	ghana := w.initiative(t, "ghana-igf", "Ghana IGF")
	youth := w.initiative(t, "youth-igf", "Youth IGF")
	both := w.session(t, "both", kenya.ID, ghana.ID)
	one := w.session(t, "one", youth.ID)
	none := w.session(t, "none")

	if got, err := w.svc.CoOrganisersOf(ctx, nil); err != nil || len(got) != 0 {
		t.Fatalf("no sessions: %v, %v", got, err)
	}
	got, err := w.svc.CoOrganisersOf(ctx, []int64{both, one, none, 1 << 40})
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

	if _, err := w.svc.SetCoOrganisers(ctx, w.stranger, none, []int64{kenya.ID}); code(err) != igfplus.EForbidden {
		t.Errorf("a participant setting co-organisers: %v, want forbidden", err)
	}
	if _, err := w.svc.SetCoOrganisers(ctx, w.sec, none, []int64{kenya.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SetCoOrganisers(ctx, w.sec, both, nil); err != nil {
		t.Fatal(err)
	}
	got, err = w.svc.CoOrganisersOf(ctx, []int64{both, none})
	if err != nil || len(got) != 1 || len(got[none]) != 1 || got[none][0].Slug != "kenya-igf" {
		t.Errorf("after the changes: %v, %v; want only Kenya IGF on %d", got, err, none)
	}
	if list, err := w.svc.CoOrganisers(ctx, none); err != nil || len(list) != 1 || list[0].Name != "Kenya IGF" {
		t.Errorf("one session's: %v, %v", list, err)
	}
}
