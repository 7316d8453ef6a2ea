package pgstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/pgstore/programmetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func code(err error) igfplus.Code { return igfplus.ErrorCode(err) }

func TestTheFocusedAgendaIsCappedAndEverySessionIsTiedToAnIssueOfItsTrack(t *testing.T) {
	ctx := context.Background()
	w := programmetest.New(t)
	_, err := w.Programme.AddPolicyIssue(ctx, w.Sec, tracks.NewPolicyIssue{EditionID: w.Edition, Slug: "third", Title: "A third issue"})
	if code(err) != igfplus.EConflict {
		t.Fatalf("a third issue over a cap of 2: %v, want conflict", err)
	}
	if _, err := w.Programme.AddPolicyIssue(ctx, w.Lead, tracks.NewPolicyIssue{EditionID: w.Edition, Slug: "x", Title: "X"}); code(err) != igfplus.EForbidden {
		t.Errorf("a participant setting the agenda: %v, want forbidden", err)
	}
	// The secretariat raises the cap: the third fits, a fourth does not.
	w.DB.Pool.Exec(ctx, `UPDATE editions SET max_policy_issues = 3 WHERE id = $1`, w.Edition)
	if pi, err := w.Programme.AddPolicyIssue(ctx, w.Sec, tracks.NewPolicyIssue{EditionID: w.Edition, Slug: "third", Title: "A third issue"}); err != nil || pi.ID == 0 {
		t.Fatalf("a third issue under a cap of 3: %+v, %v", pi, err)
	}
	start := time.Date(2031, 6, 2, 9, 0, 0, 0, time.UTC)
	s := tracks.NewSession{Slug: "s1", Title: "S", Format: "workshop", StartsAt: start, EndsAt: start.Add(time.Hour)}
	if _, err := w.Programme.AddSession(ctx, w.Sec, w.Global, s); code(err) != igfplus.EInvalid {
		t.Errorf("a session with no policy issue: %v, want invalid", err)
	}
	s.PolicyIssueID = w.Other
	if _, err := w.Programme.AddSession(ctx, w.Sec, w.Global, s); code(err) != igfplus.EInvalid {
		t.Errorf("a session of the access track on the AI issue: %v, want invalid", err)
	}
	s.PolicyIssueID = w.Issue
	if id, err := w.Programme.AddSession(ctx, w.Sec, w.Global, s); err != nil || id == 0 {
		t.Errorf("a session on the track's issue: %d, %v", id, err)
	}
}

// TestATracksLeadIsChangedByThoseWhoPlanTheTrack: the secretariat changes
// a global track's lead, which persists and moves the deciding of links
// with it; an initiative's coordinators change their own track's lead but
// not a global track's; neither a participant nor the lead in place may;
// an unknown account or address is refused clearly, and only after the
// check, so that a stranger learns nothing about who is registered.
func TestATracksLeadIsChangedByThoseWhoPlanTheTrack(t *testing.T) {
	ctx := context.Background()
	w := programmetest.New(t)
	for _, who := range []igfplus.Identity{w.Stranger, w.Lead, w.Coord} {
		if _, err := w.Programme.SetLead(ctx, who, w.Global, who.AccountID); code(err) != igfplus.EForbidden {
			t.Errorf("%s making themselves the global track's lead: %v, want forbidden", who.Name, err)
		}
	}
	if _, err := w.Programme.SetLead(ctx, igfplus.Identity{}, w.Global, w.Stranger.AccountID); code(err) != igfplus.EUnauthorized {
		t.Errorf("anonymous: %v, want unauthorized", err)
	}
	if _, err := w.Programme.SetLeadByEmail(ctx, w.Stranger, w.Global, "nobody@example.org"); code(err) != igfplus.EForbidden {
		t.Errorf("a stranger probing an address: %v, want forbidden (not a word about the address)", err)
	}
	if _, err := w.Programme.SetLead(ctx, w.Sec, w.Global, 1<<40); code(err) != igfplus.EInvalid {
		t.Errorf("an unknown account as lead: %v, want invalid", err)
	}
	if _, err := w.Programme.SetLead(ctx, w.Sec, w.Global, -1); code(err) != igfplus.EInvalid {
		t.Errorf("a negative lead: %v, want invalid", err)
	}
	if _, err := w.Programme.SetLead(ctx, w.Sec, 1<<40, w.Coord.AccountID); code(err) != igfplus.ENotFound {
		t.Errorf("an unknown track: %v, want not found", err)
	}
	if _, err := w.Programme.SetLeadByEmail(ctx, w.Sec, w.Global, "nobody@example.org"); code(err) != igfplus.EInvalid {
		t.Errorf("an unknown address: %v, want invalid", err)
	}
	if tr, _ := w.Programme.Track(ctx, w.Global); tr.Lead == nil || tr.Lead.ID != w.Lead.AccountID {
		t.Fatalf("after the refusals the lead is %+v, want still %s", tr.Lead, w.Lead.Name)
	}

	tr, err := w.Programme.SetLeadByEmail(ctx, w.Sec, w.Global, "  Stranger@EXAMPLE.org ")
	if err != nil || tr.Lead == nil || tr.Lead.ID != w.Stranger.AccountID || tr.Lead.Name != "stranger@example.org" {
		t.Fatalf("the secretariat names the stranger by address: %+v, %v", tr.Lead, err)
	}
	if tr, _ := w.Programme.Track(ctx, w.Global); tr.Lead == nil || tr.Lead.ID != w.Stranger.AccountID {
		t.Fatalf("read again, the lead is %+v", tr.Lead)
	}
	if err := w.NRIs.MayLead(ctx, w.Stranger, w.Global); err != nil {
		t.Errorf("the new lead decides for the track: %v", err)
	}
	if err := w.NRIs.MayLead(ctx, w.Lead, w.Global); code(err) != igfplus.EForbidden {
		t.Errorf("the former lead still decides: %v", err)
	}
	if tr, err := w.Programme.SetLead(ctx, w.Sec, w.Global, 0); err != nil || tr.Lead != nil {
		t.Fatalf("leaving the track without a lead: %+v, %v", tr.Lead, err)
	}

	nri := w.Initiative(t, "kenya-igf", "Kenya IGF", w.Coord.AccountID)
	own, err := w.Programme.AddTrack(ctx, w.Coord, tracks.NewTrack{EditionID: w.Edition, NRIID: nri.ID, Kind: tracks.NRI, Slug: "kenya", Title: "Kenya IGF track"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Programme.SetLead(ctx, w.Stranger, own.ID, w.Stranger.AccountID); code(err) != igfplus.EForbidden {
		t.Errorf("a stranger on the initiative's track: %v, want forbidden", err)
	}
	if tr, err := w.Programme.SetLead(ctx, w.Coord, own.ID, w.Lead.AccountID); err != nil || tr.Lead == nil || tr.Lead.ID != w.Lead.AccountID {
		t.Fatalf("the coordinator names their track's lead: %+v, %v", tr.Lead, err)
	}
	if err := w.Programme.MayRunTrack(ctx, w.Coord, own.ID); err != nil {
		t.Errorf("the coordinator plans their track: %v", err)
	}
	if err := w.Programme.MayRunTrack(ctx, w.Coord, w.Global); code(err) != igfplus.EForbidden {
		t.Errorf("the coordinator plans the global track: %v, want forbidden", err)
	}
}
