package pgstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestStaffCannotBeRestrictedAndRestrictionsAreLiftedAndLogged(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	live := f.live.ID
	// A co-moderator of this session only, an NRI coordinator say: no
	// platform role.
	coPerson := f.forum.Participant(t, "Cora Comod")
	f.forum.Role(t, live, coPerson, "co_moderator")
	comod := coPerson.Identity(igfplus.RoleParticipant)
	platformMod := f.forum.Person(t, "Pia Platform", "technical_community", "african", "moderator").Identity(igfplus.RoleParticipant, igfplus.RoleModerator)

	for name, staff := range map[string]igfplus.Identity{
		"the Secretariat":         f.who,
		"the session's moderator": f.moderator,
		"a platform moderator":    platformMod,
	} {
		for _, r := range []sessions.Restriction{sessions.Muted, sessions.Removed, sessions.Banned} {
			err := f.svc.Restrict(ctx, comod, live, staff.AccountID, r, "")
			if igfplus.ErrorCode(err) != igfplus.EForbidden || !strings.Contains(err.Error(), "cannot be") {
				t.Errorf("a session moderator making %s %s: %v, want a clear forbidden", name, r, err)
			}
		}
	}
	if got, _ := f.svc.Restricted(ctx, f.who, live); len(got) != 0 {
		t.Fatalf("refused restrictions were kept: %+v", got)
	}

	if err := f.svc.Restrict(ctx, comod, live, f.rajesh.AccountID, sessions.Banned, "Spam links"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CanFollow(ctx, f.rajesh, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("banned Rajesh following: %v, want forbidden", err)
	}
	if err := f.svc.Lift(ctx, f.amina, live, f.rajesh.AccountID, ""); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant lifting a ban: %v, want forbidden", err)
	}
	if err := f.svc.Lift(ctx, comod, live, f.rajesh.AccountID, "Apologised"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CanFollow(ctx, f.rajesh, live); err != nil {
		t.Errorf("unbanned Rajesh following: %v", err)
	}
	if err := f.svc.Lift(ctx, comod, live, f.rajesh.AccountID, ""); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("lifting nothing: %v, want not found", err)
	}
	if types := f.pub.Types(); !slices.Equal(types, []string{"participant.restricted", "participant.lifted"}) {
		t.Errorf("events %v, want the restriction then its lifting", types)
	}

	if _, err := f.svc.ModerationLog(ctx, f.amina, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant reading the log: %v, want forbidden", err)
	}
	log, err := f.svc.ModerationLog(ctx, f.forum.Secretariat.Identity(igfplus.RoleSecretariat), live)
	if err != nil {
		t.Fatal(err)
	}
	want := []sessions.LogEntry{
		{ActorID: comod.AccountID, ActorName: "Cora Comod", Action: sessions.LogLift, AccountID: f.rajesh.AccountID, AccountName: f.rajesh.Name, Detail: "banned", Reason: "Apologised"},
		{ActorID: comod.AccountID, ActorName: "Cora Comod", Action: sessions.LogRestrict, AccountID: f.rajesh.AccountID, AccountName: f.rajesh.Name, Detail: "banned", Reason: "Spam links"},
	}
	if len(log) != len(want) {
		t.Fatalf("log %+v, want %d entries", log, len(want))
	}
	for i := range want {
		g := log[i]
		if g.ID == 0 || g.At.IsZero() {
			t.Errorf("entry %d has no id or time: %+v", i, g)
		}
		g.ID, g.At = 0, want[i].At
		if g != want[i] {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, g, want[i])
		}
	}
}

func TestOnlyUnstartedItemsAreReorderedAndTheAgendaMovesOnAndExtends(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
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
	f := newFixture(t)
	ctx := context.Background()
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

func TestHiddenQuestionsKeepTheirReasonAndReviewedOnesWaitForAModerator(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	live, mod := f.live.ID, f.moderator
	review := true
	if _, err := f.svc.ChangeSettings(ctx, mod, live, sessions.SettingsChange{ReviewQuestions: &review}); err != nil {
		t.Fatal(err)
	}
	before := f.pub.Count()
	q, err := f.svc.Ask(ctx, f.amina, live, "Who pays for the last mile?", true)
	if err != nil || !q.Held {
		t.Fatalf("asking while questions are reviewed: %+v, %v; want held", q, err)
	}
	for _, ev := range f.pub.Events()[before:] {
		if ev.Type != "questions.review" || strings.Contains(string(ev.Frame), "last mile") {
			t.Errorf("a held question reached the room: %s %s", ev.Type, ev.Frame)
		}
	}
	seen := func(who igfplus.Identity) *sessions.Question {
		t.Helper()
		qs, err := f.svc.QuestionsFor(ctx, who, live)
		if err != nil {
			t.Fatal(err)
		}
		for i := range qs {
			if qs[i].ID == q.ID {
				return &qs[i]
			}
		}
		return nil
	}
	if got := seen(f.amina); got == nil || !got.Held {
		t.Errorf("its author sees %+v, want it waiting", got)
	}
	if got := seen(f.rajesh); got != nil {
		t.Errorf("another participant sees a held question: %+v", got)
	}
	if _, err := f.svc.Upvote(ctx, f.rajesh, live, q.ID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("voting for a held question: %v, want not found", err)
	}
	if _, err := f.svc.ReleaseQuestion(ctx, f.rajesh, live, q.ID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant letting it through: %v, want forbidden", err)
	}
	if _, err := f.svc.ReleaseQuestion(ctx, mod, live, q.ID); err != nil {
		t.Fatal(err)
	}
	if got := seen(f.rajesh); got == nil || got.Held {
		t.Fatalf("after release the room sees %+v", got)
	}

	if _, err := f.svc.HideQuestion(ctx, mod, live, q.ID, "Off topic"); err != nil {
		t.Fatal(err)
	}
	last := f.pub.Events()[f.pub.Count()-1]
	if last.Type != "question.changed" || strings.Contains(string(last.Frame), "last mile") || !strings.Contains(string(last.Frame), `"hidden":true`) {
		t.Errorf("hiding announced %s %s; want the id as hidden, no text", last.Type, last.Frame)
	}
	if got := seen(f.rajesh); got != nil {
		t.Errorf("the room still sees a hidden question: %+v", got)
	}
	if got := seen(f.amina); got != nil {
		t.Errorf("its author still sees it in the room: %+v", got)
	}
	if got := seen(mod); got == nil || !got.Hidden || got.HiddenReason != "Off topic" {
		t.Errorf("moderators see %+v, want it hidden with its reason", got)
	}
	if _, err := f.svc.HideQuestion(ctx, mod, live, q.ID, strings.Repeat("x", sessions.MaxReasonRunes+1)); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("a reason too long: %v, want invalid", err)
	}
}
