package pgstore_test

import (
	"context"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func ptr[T any](v T) *T { return &v }

func TestWaitingRoomHoldsNewcomersUntilAModeratorAdmitsThem(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	live := f.live.ID
	moderator, amina, rajesh, sophie := f.moderator, f.amina, f.rajesh, f.sophie
	// Sophie was in the room before the waiting room opened: no newcomer.
	f.db.Pool.Exec(ctx, `INSERT INTO attendance (session_id, account_id, node) VALUES ($1, $2, 'n')`, live, sophie.AccountID)

	if _, err := f.svc.ChangeSettings(ctx, amina, live, sessions.SettingsChange{WaitingRoom: ptr(true)}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a participant opening the waiting room: %v, want forbidden", err)
	}
	if _, err := f.svc.ChangeSettings(ctx, moderator, live, sessions.SettingsChange{WaitingRoom: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CanFollow(ctx, amina, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a newcomer following: %v, want forbidden", err)
	}
	if err := f.svc.CanFollow(ctx, sophie, live); err != nil {
		t.Fatalf("someone who was in the room before: %v", err)
	}
	if a, err := f.svc.AdmissionOf(ctx, amina, live); err != nil || a.State != sessions.NotAsked {
		t.Fatalf("before knocking: %+v, %v", a, err)
	}
	for i, who := range []igfplus.Identity{amina, rajesh, amina} {
		a, err := f.svc.Knock(ctx, who, live)
		want := []int{1, 2, 1}[i]
		if err != nil || a.State != sessions.Waiting || a.Position != want {
			t.Fatalf("knock %d: %+v, %v; want waiting at %d", i, a, err, want)
		}
	}
	if _, err := f.svc.WaitingList(ctx, amina, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant reading the waiting list: %v, want forbidden", err)
	}
	list, err := f.svc.WaitingList(ctx, moderator, live)
	if err != nil || len(list) != 2 || list[0].Name != "Amina Yusuf" || list[1].Name != "Rajesh Iyer" {
		t.Fatalf("waiting list %+v, %v", list, err)
	}
	if err := f.svc.Admit(ctx, amina, live, rajesh.AccountID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant admitting: %v, want forbidden", err)
	}
	if err := f.svc.Admit(ctx, moderator, live, amina.AccountID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CanFollow(ctx, amina, live); err != nil {
		t.Fatalf("admitted: %v", err)
	}
	if err := f.svc.Admit(ctx, moderator, live, amina.AccountID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("admitting twice: %v, want not found", err)
	}
	// Turned away from the waiting room: banned, with no way back.
	if err := f.svc.Restrict(ctx, moderator, live, rajesh.AccountID, sessions.Banned, ""); err != nil {
		t.Fatal(err)
	}
	if list, _ := f.svc.WaitingList(ctx, moderator, live); len(list) != 0 {
		t.Errorf("waiting list after the ban: %+v", list)
	}
	if _, err := f.svc.Knock(ctx, rajesh, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a banned person knocking again: %v, want forbidden", err)
	}
	var waitingEvents int
	for _, ev := range f.pub.Events() {
		if ev.Type == "admission.changed" {
			waitingEvents++
		}
	}
	if waitingEvents != 4 { // two knocks, an admission, a ban
		t.Errorf("%d admission.changed events, want 4", waitingEvents)
	}
}

func TestRegistrationAndObservers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	live := f.live.ID
	moderator := f.moderator
	layla := f.person(t, "Layla Haddad", "technical_community", "asia_pacific")
	observer := f.person(t, "Jean-Pierre Ndiaye", "intergovernmental", "intergovernmental")
	if _, err := f.svc.ChangeSettings(ctx, moderator, live, sessions.SettingsChange{RequiresRegistration: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CanFollow(ctx, layla, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("unregistered: %v, want forbidden", err)
	}
	if a, err := f.svc.Register(ctx, layla, live, true); err != nil || a.State != sessions.Admitted {
		t.Fatalf("registering: %+v, %v", a, err)
	}
	if _, err := f.svc.PostChat(ctx, layla, live, "Registered and here."); err != nil {
		t.Fatal(err)
	}
	f.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'observer')`, live, observer.AccountID)
	if err := f.svc.CanFollow(ctx, observer, live); err != nil {
		t.Fatalf("an observer following without registering: %v", err)
	}
	if _, err := f.svc.PostChat(ctx, observer, live, "Hello"); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("an observer chatting: %v, want forbidden", err)
	}
	if _, err := f.svc.RequestFloor(ctx, observer, live, sessions.Online, false); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("an observer asking for the floor: %v, want forbidden", err)
	}
	if err := f.svc.MayReact(ctx, observer, live, sessions.Applause); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("an observer reacting: %v, want forbidden", err)
	}
}

func TestFloorCarriesTheSpeakingRulesAndTheBalancedOrder(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	live := f.live.ID
	moderator := f.moderator
	minister := f.person(t, "Aigerim Nurlanovna", "government", "asia_pacific")
	mp := f.person(t, "Tomasz Kowalski", "government", "eastern_european")
	rajesh := f.rajesh // academia
	fl, err := f.svc.FloorOf(ctx, moderator, live)
	if err != nil || fl.SpeakingLimitS != 180 || fl.WarnAtS != 150 || fl.Balanced {
		t.Fatalf("default rules: %+v, %v", fl, err)
	}
	for _, who := range []igfplus.Identity{minister, mp, rajesh} {
		if _, err := f.svc.RequestFloor(ctx, who, live, sessions.Online, false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.svc.ChangeSettings(ctx, moderator, live, sessions.SettingsChange{BalancedQueue: ptr(true), SpeakingLimitS: ptr(120), WarnAtS: ptr(100)}); err != nil {
		t.Fatal(err)
	}
	fl, err = f.svc.FloorOf(ctx, moderator, live)
	if err != nil || fl.SpeakingLimitS != 120 || fl.WarnAtS != 100 || !fl.Balanced || len(fl.Queue) != 3 {
		t.Fatalf("changed rules: %+v, %v", fl, err)
	}
	if fl.Queue[0].Name != "Aigerim Nurlanovna" || fl.Queue[1].Name != "Rajesh Iyer" || fl.Queue[2].Name != "Tomasz Kowalski" {
		t.Errorf("balanced order %s, %s, %s: want the groups to alternate", fl.Queue[0].Name, fl.Queue[1].Name, fl.Queue[2].Name)
	}
	last := f.pub.Events()[f.pub.Count()-1]
	if last.Type != "floor.changed" || f.pub.Events()[f.pub.Count()-2].Type != "session.settings" {
		t.Errorf("a settings change announces session.settings then floor.changed, got %s last", last.Type)
	}
}

func TestTheRapporteurCompletesTheReportAfterTheEnd(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	live := f.live.ID
	moderator := f.moderator
	rapporteur := f.person(t, "Maria Ressa-Lind", "private_sector", "western_european_others")
	amina := f.amina
	f.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'rapporteur')`, live, rapporteur.AccountID)
	fl, err := f.svc.RequestFloor(ctx, amina, live, sessions.Onsite, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.GrantFloor(ctx, moderator, live, fl.Queue[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ReportOf(ctx, moderator, live); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("a report while live: %v, want conflict", err)
	}
	if _, err := f.svc.MoveTo(ctx, moderator, live, sessions.Ended); err != nil {
		t.Fatal(err)
	}
	// The end closed the turn under way: Amina is a speaker of the report.
	r, err := f.svc.ReportOf(ctx, rapporteur, live)
	if err != nil || len(r.Speaking.Speakers) != 1 || r.Speaking.Speakers[0].Name != "Amina Yusuf" || r.EndedAt.IsZero() {
		t.Fatalf("draft report: %+v, %v", r, err)
	}
	if _, err := f.svc.ReportOf(ctx, amina, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant reading the draft: %v, want forbidden", err)
	}
	if _, err := f.svc.WriteReport(ctx, amina, live, sessions.ReportChange{KeyTakeaways: ptr("mine")}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant writing the report: %v, want forbidden", err)
	}
	if _, err := f.svc.MoveTo(ctx, moderator, live, sessions.Reported); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("reporting without takeaways: %v, want conflict", err)
	}
	if _, err := f.svc.WriteReport(ctx, rapporteur, live, sessions.ReportChange{KeyTakeaways: ptr("  Access is a right.  ")}); err != nil {
		t.Fatal(err)
	}
	r, err = f.svc.WriteReport(ctx, rapporteur, live, sessions.ReportChange{CallsToAction: ptr("Fund community networks."), Publish: true})
	if err != nil || r.State != sessions.Reported || r.KeyTakeaways != "Access is a right." || r.CallsToAction != "Fund community networks." {
		t.Fatalf("published: %+v, %v", r, err)
	}
	if _, err := f.svc.ReportOf(ctx, igfplus.Identity{}, live); err != nil {
		t.Errorf("the published report, anonymously: %v", err)
	}
	if _, err := f.svc.WriteReport(ctx, rapporteur, live, sessions.ReportChange{KeyTakeaways: ptr("later")}); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("changing a published report: %v, want conflict", err)
	}
}

func TestReactionsAreCountedWithoutWhoReacted(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	at := f.live.StartsAt
	if _, err := f.svc.RecordReactions(ctx, f.live.ID, map[sessions.ReactionKind]int{sessions.Applause: 3}, at); err != nil {
		t.Fatal(err)
	}
	r, err := f.svc.RecordReactions(ctx, f.live.ID, map[sessions.ReactionKind]int{sessions.Applause: 2, sessions.Agree: 1}, at.Add(20e9))
	if err != nil {
		t.Fatal(err)
	}
	if r.Counts["applause"] != 2 || r.Counts["agree"] != 1 || r.Counts["disagree"] != 0 || r.Totals["applause"] != 5 || r.WindowS != 10 {
		t.Fatalf("reactions %+v: the window holds the last 10 s, totals everything", r)
	}
	if last := f.pub.Events()[f.pub.Count()-1]; last.Type != "reactions.changed" {
		t.Errorf("event %s, want reactions.changed", last.Type)
	}
}
