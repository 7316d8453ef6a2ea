package pgstore_test

import (
	"context"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/pgstore/programmetest"
	"github.com/igfplus/igfplus/tracks/translations"
	"github.com/igfplus/igfplus/tracks/translations/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func key(kind translations.Kind, id int64, f translations.Field, lang string) translations.Key {
	return translations.Key{Ref: translations.Ref{Kind: kind, ID: id}, Field: f, Lang: lang}
}

// TestTheSecretariatTranslatesASessionAndItsAgendaAndOthersMayNot: the
// Secretariat saves a session's title and an item's in Spanish (the
// item's by a machine); a stranger and the anonymous are refused; saving
// the same again keeps the first author; an emptied text is removed, and
// an item removed takes its translations with it.
func TestTheSecretariatTranslatesASessionAndItsAgendaAndOthersMayNot(t *testing.T) {
	w, ctx := programmetest.New(t), context.Background()
	svc := translations.NewService(pgstore.New(w.DB), w.Programme)
	sess := w.Session(t, "talk")
	item := w.One(t, `INSERT INTO agenda_items (session_id, position, title, minutes) VALUES ($1, 1, 'Opening', 10) RETURNING id`, sess)
	title, itemTitle := key(translations.Session, sess, translations.Title, "es"), key(translations.AgendaItem, item, translations.Title, "es")

	if err := svc.Save(ctx, w.Stranger, []translations.Change{{Key: title, Text: "Mía"}}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a stranger: %v", err)
	}
	if err := svc.Save(ctx, igfplus.Identity{}, []translations.Change{{Key: title, Text: "Nadie"}}); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("the anonymous: %v", err)
	}
	err := svc.Save(ctx, w.Sec, []translations.Change{{Key: title, Text: "Charla"}, {Key: itemTitle, Text: "Apertura", Origin: translations.Machine, Engine: "Test MT"}})
	if err != nil {
		t.Fatal(err)
	}
	// Saved again by another member of the secretariat, an unchanged text
	// keeps its author.
	sec2 := w.Sec
	sec2.AccountID = w.Lead.AccountID
	sec2.Roles = append(sec2.Roles, igfplus.RoleSecretariat)
	if err := svc.Save(ctx, sec2, []translations.Change{{Key: title, Text: "Charla"}}); err != nil {
		t.Fatal(err)
	}
	texts, err := svc.Of(ctx, title.Ref, itemTitle.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if tr, _ := texts.Get(title); tr.Text != "Charla" || tr.Origin != translations.Human || tr.AuthorID != w.Sec.AccountID {
		t.Errorf("the title: %+v", tr)
	}
	if tr, _ := texts.Get(itemTitle); tr.Text != "Apertura" || tr.Origin != translations.Machine || tr.Engine != "Test MT" {
		t.Errorf("the item: %+v", tr)
	}
	if e, err := svc.Entity(ctx, itemTitle.Ref); err != nil || e.SourceLang != "en" || e.TrackID != w.Global {
		t.Errorf("the item's entity: %+v, %v", e, err)
	}
	if err := svc.Save(ctx, w.Sec, []translations.Change{{Key: title}}); err != nil {
		t.Fatal(err)
	}
	w.One(t, `DELETE FROM agenda_items WHERE id = $1 RETURNING id`, item)
	if texts, err = svc.Of(ctx, title.Ref, itemTitle.Ref); err != nil || len(texts.Of(title.Ref))+len(texts.Of(itemTitle.Ref)) != 0 {
		t.Fatalf("after removing: %v %+v", err, texts)
	}
}

// TestPolicyIssuesAreTheSecretariatsToTranslate: a track's lead may not
// translate a policy issue; the secretariat may; an unknown entity is not
// found.
func TestPolicyIssuesAreTheSecretariatsToTranslate(t *testing.T) {
	w, ctx := programmetest.New(t), context.Background()
	svc := translations.NewService(pgstore.New(w.DB), w.Programme)
	k := key(translations.PolicyIssue, w.Issue, translations.Summary, "fr")
	if err := svc.Save(ctx, w.Lead, []translations.Change{{Key: k, Text: "Accès"}}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a lead: %v", err)
	}
	if err := svc.Save(ctx, w.Sec, []translations.Change{{Key: k, Text: "Accès pour tous"}}); err != nil {
		t.Fatal(err)
	}
	if err := svc.MayTranslate(ctx, w.Sec, translations.Ref{Kind: translations.Track, ID: 1 << 40}); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("no such track: %v", err)
	}
}
