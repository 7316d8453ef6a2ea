package pgstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/igfplus/igfplus/hub/pglog/pglogtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

// count reads how many rows a table holds for one recommendation.
func (f *fixture) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEveryChangeGoesToTheRecommendationsRoomAfterCommit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	rec := pglogtest.NewRecorder(t, f.db.Pool)
	f.store.AnnounceThrough(rec)
	r := f.draft(t)
	start, err := f.svc.Position(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.svc.Comment(ctx, f.member, r.ID, 0, 2, "Which operators?")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Reply(ctx, f.codrafter, r.ID, c.ID, "Mobile ones."); err != nil {
		t.Fatal(err)
	}
	a := f.amend(t, r, 2, "Operators must.")
	if _, err := f.svc.Support(ctx, f.codrafter, r.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Support(ctx, f.codrafter, r.ID, a.ID); !errors.Is(err, recommendations.ErrSupportedAlready) {
		t.Fatalf("a second support: %v", err)
	}
	if _, err := f.svc.DecideAmendment(ctx, f.chair, r.ID, a.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.EditDraft(ctx, f.chair, r.ID, recommendations.Edit{Title: "Affordable access for all", Body: "Governments should.\n\nOperators must.\n\nEveryone should."}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SetRecord(ctx, f.chair, r.ID, recommendations.Record{Consensus: "Broad."}); err != nil {
		t.Fatal(err)
	}
	want := []string{"comment.added", "comment.added", "amendment.proposed", "amendment.changed",
		"amendment.changed", "recommendation.revised", "recommendation.revised", "record.changed"}
	if got := rec.Types(); !slices.Equal(got, want) {
		t.Fatalf("announced %v, want %v (the refused support announces nothing)", got, want)
	}
	events := rec.Events()
	for i, ev := range events {
		if ev.Room != recommendations.RoomName(r.ID) || ev.Offset != start.Offset+int64(i)+1 {
			t.Errorf("event %d in %s at %d, want %s at %d", i, ev.Room, ev.Offset, recommendations.RoomName(r.ID), start.Offset+int64(i)+1)
		}
	}
	var reply recommendations.Comment
	var proposed recommendations.AmendmentEvent
	var revised recommendations.Revision
	for _, x := range []struct {
		i   int
		out any
	}{{1, &reply}, {2, &proposed}, {5, &revised}} {
		var frame struct{ Data json.RawMessage }
		if err := json.Unmarshal(events[x.i].Frame, &frame); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(frame.Data, x.out); err != nil {
			t.Fatal(err)
		}
	}
	if reply.ReplyTo != c.ID || reply.Paragraph != 2 || reply.Author.Name != "Codrafter" {
		t.Errorf("the reply announced %+v", reply)
	}
	wantDiff := []recommendations.DiffPart{{Kind: "=", Text: "Operators "}, {Kind: "-", Text: "should"}, {Kind: "+", Text: "must"}, {Kind: "=", Text: "."}}
	if !slices.Equal(proposed.Diff, wantDiff) || proposed.Paragraph != 2 {
		t.Errorf("the amendment announced %+v, want its diff %v", proposed, wantDiff)
	}
	if revised.Version.Version != 2 || len(revised.Paragraphs) != 3 || revised.Paragraphs[1].Text != "Operators must." {
		t.Errorf("the accepted amendment announced %+v", revised)
	}
	end, err := f.svc.Position(ctx, r.ID)
	if err != nil || end.Offset != start.Offset+int64(len(want)) || end.Epoch != start.Epoch {
		t.Fatalf("the room stands at %+v, %v; want %d events after %+v", end, err, len(want), start)
	}
}

func TestAParticipantSupportsAnAmendmentOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft(t)
	a := f.amend(t, r, 1, "Governments must.")
	got, err := f.svc.Support(ctx, f.codrafter, r.ID, a.ID)
	if err != nil || len(got.Supporters) != 1 || got.Supporters[0].Name != "Codrafter" || got.Supporters[0].StakeholderGroup != igfplus.Government {
		t.Fatalf("supported: %+v, %v", got, err)
	}
	for _, tc := range []struct {
		what string
		who  igfplus.Identity
		rec  int64
		want error
		code igfplus.Code
	}{
		{"a second support", f.codrafter, r.ID, recommendations.ErrSupportedAlready, igfplus.EConflict},
		{"the proposer's", f.member, r.ID, recommendations.ErrOwnAmendment, igfplus.EConflict},
		{"without the participant role", f.guest, r.ID, nil, igfplus.EForbidden},
		{"anonymous", igfplus.Identity{}, r.ID, nil, igfplus.EUnauthorized},
	} {
		_, err := f.svc.Support(ctx, tc.who, tc.rec, a.ID)
		wantCode(t, tc.what, err, tc.code)
		if tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.what, err, tc.want)
		}
	}
	other, err := f.svc.Create(ctx, f.chair, recommendations.NewRecommendation{PolicyIssueID: f.issue, TrackID: f.track, SessionID: f.session, Title: "Other", Body: "Other."})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Support(ctx, f.chair, other.ID, a.ID)
	wantCode(t, "an amendment of another recommendation", err, igfplus.ENotFound)
	if _, err := f.svc.DecideAmendment(ctx, f.chair, r.ID, a.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Support(ctx, f.chair, r.ID, a.ID); !errors.Is(err, recommendations.ErrNotProposed) {
		t.Errorf("supporting a rejected amendment: %v", err)
	}
	if n := f.count(t, `SELECT count(*) FROM amendment_supports WHERE amendment_id = $1`, a.ID); n != 1 {
		t.Errorf("%d supports stored, want 1", n)
	}
	list, err := f.svc.Amendments(ctx, r.ID)
	if err != nil || len(list) != 1 || len(list[0].Supporters) != 1 {
		t.Fatalf("listed %+v, %v", list, err)
	}
}

func TestARepliesOnlyToACommentOfTheSameRecommendation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft(t)
	other, err := f.svc.Create(ctx, f.chair, recommendations.NewRecommendation{PolicyIssueID: f.issue, TrackID: f.track, SessionID: f.session, Title: "Other", Body: "Other.\n\nMore."})
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.svc.Comment(ctx, f.member, other.ID, 0, 2, "On the other one.")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Reply(ctx, f.codrafter, r.ID, c.ID, "Misplaced.")
	wantCode(t, "a reply to another recommendation's comment", err, igfplus.ENotFound)
	_, err = f.svc.Reply(ctx, f.codrafter, r.ID, c.ID+1000, "Nothing.")
	wantCode(t, "a reply to no comment", err, igfplus.ENotFound)
	reply, err := f.svc.Reply(ctx, f.codrafter, other.ID, c.ID, "  Right.  ")
	if err != nil || reply.ReplyTo != c.ID || reply.Version != 1 || reply.Paragraph != 2 || reply.Body != "Right." {
		t.Fatalf("reply %+v, %v", reply, err)
	}
	if n := f.count(t, `SELECT count(*) FROM recommendation_comments WHERE recommendation_id = $1`, r.ID); n != 0 {
		t.Errorf("%d comments stored on the first recommendation, want 0", n)
	}
}

func TestARecommendationOfAPastEditionTakesNoCommentAmendmentOrSupport(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft(t)
	a := f.amend(t, r, 1, "Governments must.")
	if _, err := f.db.Pool.Exec(ctx, `INSERT INTO editions (year, title, starts_on, ends_on) VALUES (2032, 'IGF 2032', '2032-06-01', '2032-06-05')`); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.Recommendation(ctx, r.ID)
	if err != nil || !got.PastEdition {
		t.Fatalf("after a newer edition: %+v, %v", got, err)
	}
	_, err = f.svc.Comment(ctx, f.member, r.ID, 0, 1, "Late.")
	if !errors.Is(err, recommendations.ErrPastEdition) {
		t.Errorf("a comment: %v", err)
	}
	_, err = f.svc.ProposeAmendment(ctx, f.member, r.ID, recommendations.Proposal{Paragraph: 1, Text: "Late."})
	if !errors.Is(err, recommendations.ErrPastEdition) {
		t.Errorf("an amendment: %v", err)
	}
	_, err = f.svc.Support(ctx, f.codrafter, r.ID, a.ID)
	if !errors.Is(err, recommendations.ErrPastEdition) {
		t.Errorf("a support: %v", err)
	}
	if n := f.count(t, `SELECT (SELECT count(*) FROM recommendation_comments) + (SELECT count(*) FROM amendment_supports) + (SELECT count(*) FROM amendments)`); n != 1 {
		t.Errorf("%d rows, want only the first amendment", n)
	}
}

func TestDraftersEditTitleSummaryAndTextTogether(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft(t)
	body := "Governments should.\n\nOperators should.\n\nEveryone should."
	got, err := f.svc.EditDraft(ctx, f.codrafter, r.ID, recommendations.Edit{BasedOn: 1, Title: "Access", Summary: " Cheaper access. ", Body: body})
	if err != nil || got.Title != "Access" || got.Summary != "Cheaper access." || got.Version != 2 {
		t.Fatalf("a new title and summary: %+v, %v (a new version, the text as it was)", got, err)
	}
	// A drafter who started from version 1 would write the old title
	// back with their text: told it changed instead.
	_, err = f.svc.EditDraft(ctx, f.chair, r.ID, recommendations.Edit{BasedOn: 1, Title: "Open access", Body: body + "\n\nA fourth."})
	wantCode(t, "an edit of version 1 once the title made version 2", err, igfplus.EConflict)
	_, err = f.svc.EditDraft(ctx, f.codrafter, r.ID, recommendations.Edit{BasedOn: 2, Title: "Access", Summary: "Cheaper access.", Body: body})
	if !errors.Is(err, recommendations.ErrNothingChanged) {
		t.Errorf("an edit that changes nothing: %v", err)
	}
	got, err = f.svc.EditDraft(ctx, f.chair, r.ID, recommendations.Edit{BasedOn: 2, Title: "Access", Summary: "Cheaper access.", Body: body + "\n\nA fourth.", Note: "Added one."})
	if err != nil || got.Version != 3 || got.Title != "Access" {
		t.Fatalf("a new text: %+v, %v", got, err)
	}
	_, err = f.svc.EditDraft(ctx, f.chair, r.ID, recommendations.Edit{BasedOn: 2, Title: "Stale", Body: body})
	wantCode(t, "an edit of version 2 once 3 is current", err, igfplus.EConflict)
	_, err = f.svc.EditDraft(ctx, f.member, r.ID, recommendations.Edit{Title: "Mine", Body: body})
	wantCode(t, "a participant edits", err, igfplus.EForbidden)
	_, err = f.svc.EditDraft(ctx, f.chair, r.ID, recommendations.Edit{Title: " ", Body: body})
	wantCode(t, "an empty title", err, igfplus.EInvalid)
}
