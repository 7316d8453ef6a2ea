package pgstore_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/translations"
)

// underReview seeds a forum whose recommendation "Connect the unconnected"
// is adopted and waits for the high-level body.
func underReview(t *testing.T) (ctx context.Context, db *pgdb.DB, f pubtest.Fixture, svc *publishing.Service, rec int64) {
	t.Helper()
	db = pgtest.DB(t)
	f = pubtest.Seed(t, db)
	return context.Background(), db, f, publishing.NewService(pubtest.Store(db)), f.Adopted(t, db, "Connect the unconnected")
}

func TestAnEditAfterAnApprovalClearsItAndNothingUnseenIsPublished(t *testing.T) {
	ctx, db, f, svc, rec := underReview(t)
	m1, m2 := f.Member(0), f.Member(1)

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
	if err := svc.SetTranslation(ctx, m1, rec, publishing.Translation{Language: "fr", Text: "Personne n'a besoin d'être en ligne."}); err != nil {
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

// TestATranslationSaysWhoMadeItAndMarkingItMachineClearsTheApprovals: a
// machine translation names its service (and a person's none); it is
// kept with its origin, and turning a person's translation into a
// machine's, same text, is a change of what was approved.
func TestATranslationSaysWhoMadeItAndMarkingItMachineClearsTheApprovals(t *testing.T) {
	ctx, _, f, svc, rec := underReview(t)
	m1 := f.Member(0)
	const text = "Conectar a los no conectados."
	for _, bad := range []publishing.Translation{
		{Language: "es", Text: text, Origin: translations.Machine},
		{Language: "es", Text: text, Engine: "Test MT"},
		{Language: "es", Text: text, Origin: "robot", Engine: "Test MT"},
	} {
		if err := svc.SetTranslation(ctx, m1, rec, bad); igfplus.ErrorCode(err) != igfplus.EInvalid {
			t.Errorf("%+v: %v, want invalid", bad, err)
		}
	}
	if err := svc.SetTranslation(ctx, m1, rec, publishing.Translation{Language: "es", Text: text}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Approve(ctx, m1, rec, ""); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetTranslation(ctx, m1, rec, publishing.Translation{Language: "es", Text: text, Origin: translations.Machine, Engine: " Test MT "}); err != nil {
		t.Fatal(err)
	}
	it, err := svc.Item(ctx, m1, rec)
	if err != nil || len(it.Approvals) != 0 || len(it.Translations) != 1 {
		t.Fatalf("after marking it machine: %+v, %v; want no approvals", it, err)
	}
	if tr := it.Translations[0]; tr.Origin != translations.Machine || tr.Engine != "Test MT" || tr.Text != text {
		t.Errorf("kept as %+v", tr)
	}
}

// TestAPersonsTranslationIsHashedAsBeforeOriginsWereKept: approvals given
// before translations had an origin still match their content.
func TestAPersonsTranslationIsHashedAsBeforeOriginsWereKept(t *testing.T) {
	it := publishing.Item{RecommendationID: 7, Version: 2, Summary: "S", Translations: []publishing.Translation{{Language: "fr", Text: "T", Origin: translations.Human}}}
	sum := sha256.Sum256([]byte(`{"recommendation_id":7,"version":2,"summary":"S","translations":[{"language":"fr","text":"T"}]}`))
	if got := publishing.ContentHash(it); got != hex.EncodeToString(sum[:]) {
		t.Errorf("a person's translation hashes to %s", got)
	}
	it.Translations[0].Origin, it.Translations[0].Engine = translations.Machine, "Test MT"
	if publishing.ContentHash(it) == hex.EncodeToString(sum[:]) {
		t.Error("a machine translation hashes as a person's")
	}
}
