package pgstore_test

import (
	"context"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestModeratorsReadReportsNewestFirstAndParticipantsCannot(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	amina, rajesh, moderator := f.amina, f.rajesh, f.moderator
	live := f.live.ID

	spam, err := f.svc.PostChat(ctx, rajesh, live, "Buy followers")
	if err != nil {
		t.Fatal(err)
	}
	other, err := f.svc.PostChat(ctx, rajesh, live, "Off topic again")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		id     int64
		reason string
	}{{spam.ID, "Advertising"}, {other.ID, "Off topic"}} {
		if err := f.svc.ReportChat(ctx, amina, live, r.id, r.reason); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.RemoveChat(ctx, moderator, live, spam.ID, ""); err != nil {
		t.Fatal(err)
	}

	if _, err := f.svc.ChatReports(ctx, amina, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant reading reports: %v, want forbidden", err)
	}
	got, err := f.svc.ChatReports(ctx, moderator, live)
	if err != nil {
		t.Fatal(err)
	}
	want := []sessions.ChatReport{
		{MessageID: other.ID, AuthorID: rajesh.AccountID, AuthorName: rajesh.Name, Body: "Off topic again", ReporterID: amina.AccountID, ReporterName: amina.Name, Reason: "Off topic"},
		{MessageID: spam.ID, AuthorID: rajesh.AccountID, AuthorName: rajesh.Name, Body: "Buy followers", Removed: true, ReporterID: amina.AccountID, ReporterName: amina.Name, Reason: "Advertising"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d reports, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g := got[i]
		if g.ID == 0 || g.CreatedAt.IsZero() {
			t.Errorf("report %d has no id or time: %+v", i, g)
		}
		g.ID, g.CreatedAt = 0, want[i].CreatedAt
		if g != want[i] {
			t.Errorf("report %d:\n got %+v\nwant %+v", i, g, want[i])
		}
	}
	if other, err := f.svc.ChatReports(ctx, moderator, f.idle.ID); err != nil || len(other) != 0 {
		t.Errorf("another session's reports: %+v, %v; want none", other, err)
	}
}
