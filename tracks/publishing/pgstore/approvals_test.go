package pgstore_test

import (
	"context"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
)

func TestAnEditAfterAnApprovalClearsItAndNothingUnseenIsPublished(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	f := pubtest.Seed(t, db)
	rec := f.Adopted(t, db, "Connect the unconnected")
	svc := publishing.NewService(pubtest.Store(db))
	m1 := igfplus.Identity{AccountID: f.Members[0], Roles: []igfplus.Role{igfplus.RoleHLBMember}}
	m2 := igfplus.Identity{AccountID: f.Members[1], Roles: []igfplus.Role{igfplus.RoleHLBMember}}

	if err := svc.SetSummary(ctx, m1, rec, "Everyone online by 2030."); err != nil {
		t.Fatal(err)
	}
	if pub, err := svc.Approve(ctx, m1, rec, ""); pub || err != nil {
		t.Fatalf("first approval: published %v, %v", pub, err)
	}
	// The second member rewrites the summary, then approves.
	if err := svc.SetSummary(ctx, m2, rec, "Nobody needs to be online."); err != nil {
		t.Fatal(err)
	}
	it, err := svc.Item(ctx, m1, rec)
	if err != nil || len(it.Approvals) != 0 {
		t.Fatalf("after the edit the approvals are %+v (%v); want none", it.Approvals, err)
	}
	if pub, err := svc.Approve(ctx, m2, rec, ""); pub || err != nil {
		t.Fatalf("the editor's own approval: published %v, %v; want one approval of the new text", pub, err)
	}
	// A translation is content too.
	if err := svc.SetTranslation(ctx, m1, rec, "fr", "Personne n'a besoin d'être en ligne."); err != nil {
		t.Fatal(err)
	}
	if pub, err := svc.Approve(ctx, m1, rec, ""); pub || err != nil {
		t.Fatalf("approval after a translation cleared the others: published %v, %v", pub, err)
	}
	if n := count(t, db.Pool, `SELECT count(*) FROM publications WHERE recommendation_id = $1`, rec); n != 0 {
		t.Fatalf("published with approvals of different texts")
	}
	if pub, err := svc.Approve(ctx, m2, rec, ""); !pub || err != nil {
		t.Fatalf("two approvals of the same text: published %v, %v", pub, err)
	}
	// An approval of what the member read, after another changed it, is
	// refused rather than counted for the new text.
	rec2 := f.Adopted(t, db, "Open standards")
	if err := svc.SetSummary(ctx, m1, rec2, "Use open standards."); err != nil {
		t.Fatal(err)
	}
	read, err := svc.Item(ctx, m2, rec2)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SetSummary(ctx, m1, rec2, "Use closed standards."); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Approve(ctx, m2, rec2, read.ContentHash); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("approving a content that changed since it was read: %v; want a conflict", err)
	}
	got, _, err := svc.Publication(ctx, rec)
	if err != nil || got.Summary != "Nobody needs to be online." || len(got.Translations) != 1 || len(got.Approvals) != 2 {
		t.Fatalf("published %+v, %v", got, err)
	}
	for _, a := range got.Approvals {
		if a.ContentHash != got.ContentHash {
			t.Fatalf("approval %+v is not of the published content %s", a, got.ContentHash)
		}
	}
}
