package pgstore_test

import (
	"slices"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestOnlyModeratorsMoveSessionsAndStartItems(t *testing.T) {
	f, ctx := newFixture(t)
	participant, moderator := f.amina, f.moderator
	agenda, err := f.svc.Agenda(ctx, f.live.ID)
	if err != nil || len(agenda) == 0 {
		t.Fatalf("agenda: %v", err)
	}

	if _, err := f.svc.MoveTo(ctx, participant, f.idle.ID, sessions.Live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("participant moving a session: %v, want forbidden", err)
	}
	if _, err := f.svc.StartItem(ctx, participant, f.live.ID, agenda[0].ID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("participant starting an item: %v, want forbidden", err)
	}
	if _, err := f.svc.MoveTo(ctx, igfplus.Identity{}, f.idle.ID, sessions.Live); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Errorf("anonymous: %v, want unauthorized", err)
	}
	if s, _ := f.svc.Session(ctx, f.idle.ID); s.State != sessions.Scheduled || f.pub.Count() != 0 {
		t.Fatalf("refused moves changed something: state %s, %d events", s.State, f.pub.Count())
	}

	for _, bad := range []sessions.State{sessions.Ended, sessions.Reported, sessions.Scheduled, "paused"} {
		if _, err := f.svc.MoveTo(ctx, moderator, f.idle.ID, bad); igfplus.ErrorCode(err) != igfplus.EConflict {
			t.Errorf("scheduled -> %s: %v, want conflict", bad, err)
		}
	}
	p, err := f.svc.MoveTo(ctx, moderator, f.idle.ID, sessions.Live)
	if err != nil || p.State != sessions.Live {
		t.Fatalf("moderator starting the session: %+v, %v", p, err)
	}
	if _, err := f.svc.StartItem(ctx, moderator, f.idle.ID, agenda[0].ID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("an item of another session: %v, want not found", err)
	}
	p, err = f.svc.StartItem(ctx, moderator, f.live.ID, agenda[1].ID)
	if err != nil || p.CurrentItemID != agenda[1].ID || p.ItemMinutes != agenda[1].Minutes || p.ItemStartedAt.IsZero() {
		t.Fatalf("moderator starting item 2: %+v, %v", p, err)
	}
	if f.pub.Count() != 2 {
		t.Fatalf("%d events announced, want 2", f.pub.Count())
	}
	for _, ev := range f.pub.Events() {
		if ev.Type != "session.progress" {
			t.Errorf("event %s, want session.progress", ev.Type)
		}
	}
	if _, err := f.svc.MoveTo(ctx, moderator, f.live.ID, sessions.Ended); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.StartItem(ctx, moderator, f.live.ID, agenda[2].ID); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("starting an item after the end: %v, want conflict", err)
	}
}

func TestOnlyUnstartedItemsAreReorderedAndTheAgendaMovesOnAndExtends(t *testing.T) {
	f, ctx := newFixture(t)
	live, mod := f.live.ID, f.moderator
	ids := func() []int64 {
		t.Helper()
		a, err := f.svc.Agenda(ctx, live)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, i := range a {
			out = append(out, i.ID)
		}
		return out
	}
	start := ids() // Opening, Discussion, Conclusions
	open, discussion, conclusions := start[0], start[1], start[2]

	p, err := f.svc.NextItem(ctx, mod, live)
	if err != nil || p.CurrentItemID != open {
		t.Fatalf("next item with none under way: %+v, %v; want the first", p, err)
	}
	if _, err := f.svc.StartItem(ctx, mod, live, open); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("starting the item under way again: %v, want conflict", err)
	}
	if _, err := f.svc.MoveItem(ctx, f.amina, live, conclusions, 2); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant reordering: %v, want forbidden", err)
	}
	if _, err := f.svc.MoveItem(ctx, mod, live, conclusions, 2); err != nil {
		t.Fatal(err)
	}
	if got := ids(); !slices.Equal(got, []int64{open, conclusions, discussion}) {
		t.Fatalf("agenda %v after moving the last item up", got)
	}
	for _, c := range []struct {
		name     string
		item     int64
		position int
	}{
		{"the item under way", open, 3},
		{"an item past the one under way", conclusions, 1},
	} {
		if _, err := f.svc.MoveItem(ctx, mod, live, c.item, c.position); igfplus.ErrorCode(err) != igfplus.EConflict {
			t.Errorf("moving %s: %v, want conflict", c.name, err)
		}
	}
	if _, err := f.svc.MoveItem(ctx, mod, live, discussion, 4); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("moving past the end: %v, want invalid", err)
	}

	if p, err = f.svc.NextItem(ctx, mod, live); err != nil || p.CurrentItemID != conclusions {
		t.Fatalf("next item: %+v, %v; want the one moved up", p, err)
	}
	// Started once, an item keeps its place even when no longer under way.
	if _, err := f.svc.NextItem(ctx, mod, live); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.MoveItem(ctx, mod, live, conclusions, 3); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("moving an item that has run: %v, want conflict", err)
	}
	if _, err := f.svc.NextItem(ctx, mod, live); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("next after the last item: %v, want conflict", err)
	}

	for _, bad := range []int{0, -5, sessions.MaxExtendMinutes + 1} {
		if _, err := f.svc.ExtendItem(ctx, mod, live, bad); igfplus.ErrorCode(err) != igfplus.EInvalid {
			t.Errorf("extending by %d: %v, want invalid", bad, err)
		}
	}
	p, err = f.svc.ExtendItem(ctx, mod, live, 5)
	if err != nil || p.CurrentItemID != discussion || p.ItemMinutes != 25 {
		t.Fatalf("extending by 5: %+v, %v; want the 20-minute item at 25", p, err)
	}
	if types := f.pub.Types(); !slices.Contains(types, "agenda.changed") {
		t.Errorf("events %v: no agenda.changed", types)
	}
}

func TestAnEndedSessionReopensOnlyWithinTheWindow(t *testing.T) {
	f, ctx := newFixture(t)
	live, mod := f.live.ID, f.moderator
	if _, err := f.svc.MoveTo(ctx, mod, live, sessions.Ended); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.MoveTo(ctx, f.amina, live, sessions.Live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant reopening: %v, want forbidden", err)
	}
	p, err := f.svc.MoveTo(ctx, mod, live, sessions.Live)
	if err != nil || p.State != sessions.Live {
		t.Fatalf("reopening at once: %+v, %v", p, err)
	}
	if _, err := f.svc.MoveTo(ctx, mod, live, sessions.Ended); err != nil {
		t.Fatal(err)
	}
	// Ended longer ago than the window.
	if _, err := f.db.Pool.Exec(ctx, `UPDATE sessions SET state_changed_at = now() - $2::interval WHERE id = $1`,
		live, (sessions.ReopenWindow + 1e9).String()); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.MoveTo(ctx, mod, live, sessions.Live); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("reopening after the window: %v, want conflict", err)
	}
	if s, _ := f.svc.Session(ctx, live); s.State != sessions.Ended {
		t.Errorf("state %s after a refused reopening", s.State)
	}
	log, err := f.svc.ModerationLog(ctx, mod, live)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	if want := []string{sessions.LogSessionEnd, sessions.LogSessionReopen, sessions.LogSessionEnd}; !slices.Equal(actions, want) {
		t.Errorf("log %v, want %v", actions, want)
	}
}

func TestTheRapporteurCompletesTheReportAfterTheEnd(t *testing.T) {
	f, ctx := newFixture(t)
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
