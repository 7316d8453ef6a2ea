package pgstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub/pglog/pglogtest"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/pgstore/programmetest"
	"github.com/igfplus/igfplus/tracks/recommendations"
	recstore "github.com/igfplus/igfplus/tracks/recommendations/pgstore"
	"github.com/igfplus/igfplus/tracks/translations"
	"github.com/igfplus/igfplus/tracks/translations/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// newService is the translations' service of w, authorised as the
// programme and the recommendations are.
func newService(w *programmetest.World) *translations.Service {
	return translations.NewService(pgstore.New(w.DB, nil), w.Programme, recommendations.NewService(recstore.New(w.DB)))
}

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
	svc := newService(w)
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
	svc := newService(w)
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

// TestARecommendationsVersionIsItsDraftersToTranslateInItsSessionsLanguage:
// a recommendation of a Spanish session is written in Spanish; its
// drafter translates its second version's title, summary and body into
// English, a stranger may not, the Spanish source is refused; the first
// version keeps none of it, and a version removed takes its translations
// with it.
func TestARecommendationsVersionIsItsDraftersToTranslateInItsSessionsLanguage(t *testing.T) {
	w, ctx := programmetest.New(t), context.Background()
	svc := newService(w)
	sess := w.Session(t, "talk")
	w.One(t, `UPDATE sessions SET language = 'es' WHERE id = $1 RETURNING id`, sess)
	recs := recommendations.NewService(recstore.New(w.DB))
	r, err := recs.Create(ctx, w.Sec, recommendations.NewRecommendation{PolicyIssueID: w.Issue, TrackID: w.Global, SessionID: sess,
		Title: "Acceso", Summary: "Para todos", Body: "Primero.\n\nSegundo.", CoDrafters: []int64{w.Lead.AccountID}})
	if err != nil {
		t.Fatal(err)
	}
	if r.SourceLang != "es" {
		t.Fatalf("the source language %q, want the session's", r.SourceLang)
	}
	first, _ := recs.Version(ctx, r.ID, 0)
	second, err := recs.Revise(ctx, w.Lead, r.ID, 1, "Primero.\n\nSegundo, mejor.", "")
	if err != nil {
		t.Fatal(err)
	}
	v := translations.Ref{Kind: translations.RecommendationVersion, ID: second.ID}
	body := translations.Key{Ref: v, Field: translations.Body, Lang: "en"}
	if err := svc.Save(ctx, w.Stranger, []translations.Change{{Key: body, Text: "First."}}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a stranger: %v", err)
	}
	if err := svc.Save(ctx, w.Lead, []translations.Change{{Key: translations.Key{Ref: v, Field: translations.Body, Lang: "es"}, Text: "Uno."}}); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("into the source: %v", err)
	}
	err = svc.Save(ctx, w.Lead, []translations.Change{{Key: body, Text: "First.\n\nSecond, better."},
		{Key: translations.Key{Ref: v, Field: translations.Title, Lang: "en"}, Text: "Access"}})
	if err != nil {
		t.Fatal(err)
	}
	e, err := svc.Entity(ctx, v)
	if err != nil || e.SourceLang != "es" || e.RecommendationID != r.ID || e.Source[translations.Body] != second.Body || e.Source[translations.Summary] != "Para todos" {
		t.Fatalf("the version's entity: %+v, %v", e, err)
	}
	texts, err := svc.Of(ctx, v, translations.Ref{Kind: translations.RecommendationVersion, ID: first.ID})
	if err != nil {
		t.Fatal(err)
	}
	if got := texts.Resolve(v, translations.Body, second.Body, "es", "en"); got.Text != "First.\n\nSecond, better." || !got.Translated {
		t.Errorf("the second version in English: %+v", got)
	}
	if got := texts.Resolve(translations.Ref{Kind: translations.RecommendationVersion, ID: first.ID}, translations.Body, first.Body, "es", "en"); !got.Untranslated {
		t.Errorf("the first version in English: %+v", got)
	}
	w.One(t, `DELETE FROM recommendation_versions WHERE id = $1 RETURNING 1`, second.ID)
	if texts, err = svc.Of(ctx, v); err != nil || len(texts.Of(v)) != 0 {
		t.Fatalf("after removing the version: %v %+v", err, texts)
	}
}

// TestASavedTranslationIsAnnouncedToItsSessionsRoomWithoutItsText: once a
// translation of a session's title and of one of its agenda items
// commits, the session's room hears content.translated for each (which
// text, which languages), never the text; a refused save and a policy
// issue's translation (no room shows it) announce nothing.
func TestASavedTranslationIsAnnouncedToItsSessionsRoomWithoutItsText(t *testing.T) {
	w, ctx := programmetest.New(t), context.Background()
	pub := pglogtest.NewRecorder(t, w.DB.Pool)
	svc := translations.NewService(pgstore.New(w.DB, pub), w.Programme, recommendations.NewService(recstore.New(w.DB)))
	sess := w.Session(t, "talk")
	item := w.One(t, `INSERT INTO agenda_items (session_id, position, title, minutes) VALUES ($1, 1, 'Opening', 10) RETURNING id`, sess)
	title := key(translations.Session, sess, translations.Title, "es")

	if err := svc.Save(ctx, w.Stranger, []translations.Change{{Key: title, Text: "Mía"}}); err == nil || pub.Count() != 0 {
		t.Fatalf("a refused save: %v, %d events", err, pub.Count())
	}
	err := svc.Save(ctx, w.Sec, []translations.Change{{Key: title, Text: "Charla"},
		{Key: key(translations.Session, sess, translations.Description, "fr"), Text: "Causerie"},
		{Key: key(translations.AgendaItem, item, translations.Title, "es"), Text: "Apertura"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf(`{"kind":"session","id":%d,"languages":["es","fr"]}`, sess),
		fmt.Sprintf(`{"kind":"agenda_item","id":%d,"languages":["es"]}`, item),
	}
	events := pub.Events()
	if len(events) != len(want) {
		t.Fatalf("%d events, want %d: %v", len(events), len(want), pub.Types())
	}
	for i, ev := range events {
		if ev.Room != sessions.RoomName(sess) || ev.Type != sessions.KindContentTranslated || !strings.Contains(string(ev.Frame), `"data":`+want[i]) {
			t.Errorf("event %d: %s %s %s, want data %s", i, ev.Room, ev.Type, ev.Frame, want[i])
		}
		if strings.Contains(string(ev.Frame), "Charla") || strings.Contains(string(ev.Frame), "Apertura") {
			t.Errorf("event %d carries a text: %s", i, ev.Frame)
		}
	}
	issue := key(translations.PolicyIssue, w.Issue, translations.Title, "es")
	if err := svc.Save(ctx, w.Sec, []translations.Change{{Key: issue, Text: "Acceso"}}); err != nil || pub.Count() != len(want) {
		t.Fatalf("a policy issue's translation: %v, %d events", err, pub.Count())
	}
}
