package pgstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/finding/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/translations"
	translationstore "github.com/igfplus/igfplus/tracks/translations/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func kinds(rs []finding.Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, string(r.Kind)+":"+r.Title)
	}
	return out
}

// TestSearchStemsEachSessionInItsLanguageAndFindsRecommendations: an
// English session is found by another form of its words in English, a
// French one by another form in French (each indexed in its language), any
// by its exact words whatever the reader's language; a recommendation by
// its latest text only; the snippet is plain text around the words.
func TestSearchStemsEachSessionInItsLanguageAndFindsRecommendations(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	f := forumtest.New(t, db)
	en, _ := f.ScheduledSession(t, "Community networks in rural areas")
	fr, _ := f.ScheduledSession(t, "Réseaux communautaires et inclusion")
	pgtest.Exec(t, db, `UPDATE sessions SET language = 'fr', description = 'Les réseaux communautaires connectent les villages.' WHERE id = $1`, fr)
	pgtest.Exec(t, db, `UPDATE sessions SET description = 'How villages connect themselves.' WHERE id = $1`, en)
	rec := pgtest.ID(t, db, `INSERT INTO recommendations (policy_issue_id, track_id, title, created_by) VALUES ($1, $2, 'Open spectrum', $3) RETURNING id`,
		f.PolicyIssueID, f.TrackID, f.Moderator.ID)
	pgtest.Exec(t, db, `INSERT INTO recommendation_versions (recommendation_id, version, body, created_by) VALUES ($1, 1, 'Licence the satellites.', $2), ($1, 2, 'Share unused spectrum with community operators.', $2)`, rec, f.Moderator.ID)
	s := pgstore.New(db)
	for _, tc := range []struct {
		q, lang string
		want    []string
	}{
		{"network", "en", []string{"session:Community networks in rural areas"}},
		{"réseau", "fr", []string{"session:Réseaux communautaires et inclusion"}},
		{"Réseaux", "en", []string{"session:Réseaux communautaires et inclusion"}},
		{"villages", "ar", []string{"session:Community networks in rural areas", "session:Réseaux communautaires et inclusion"}},
		{"community operators", "en", []string{"recommendation:Open spectrum"}},
		{"satellites", "en", nil},
	} {
		got, err := s.Search(ctx, tc.q, tc.lang, 10)
		if err != nil {
			t.Fatalf("%q: %v", tc.q, err)
		}
		names := kinds(got)
		slices.Sort(names)
		if !slices.Equal(names, tc.want) {
			t.Errorf("%q (%s): %v, want %v", tc.q, tc.lang, names, tc.want)
		}
		for _, r := range got {
			if r.Snippet == "" || r.Link == "" {
				t.Errorf("%q: %+v without a snippet or link", tc.q, r)
			}
		}
	}
}

// TestFollowsScheduleAndACalendarTokenThatStopsWhenRevoked: following is
// idempotent and lists the session in the schedule; the feed's token finds
// its owner's schedule until it is revoked or replaced; only its hash is
// kept.
func TestFollowsScheduleAndACalendarTokenThatStopsWhenRevoked(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	f := forumtest.New(t, db)
	amina := f.Participant(t, "Amina Yusuf").Identity(igfplus.RoleParticipant)
	svc := finding.NewService(pgstore.New(db), nil)
	for range 2 {
		if err := svc.Follow(ctx, amina, f.Session, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.Follow(ctx, amina, 1<<40, true); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("following a session that does not exist: %v", err)
	}
	if err := svc.Follow(ctx, igfplus.Identity{}, f.Session, true); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Errorf("following signed out: %v", err)
	}
	list, err := svc.Schedule(ctx, amina)
	if err != nil || len(list) != 1 || list[0].ID != f.Session {
		t.Fatalf("schedule %+v, %v", list, err)
	}
	token, err := svc.NewCalendarToken(ctx, amina)
	if err != nil {
		t.Fatal(err)
	}
	var stored int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM calendar_tokens WHERE token_hash = convert_to($1, 'UTF8')`, token).Scan(&stored); err != nil || stored != 0 {
		t.Fatalf("the token is stored as it is (%d, %v)", stored, err)
	}
	if feed, err := svc.FeedOf(ctx, token); err != nil || len(feed) != 1 {
		t.Fatalf("feed %+v, %v", feed, err)
	}
	renewed, err := svc.NewCalendarToken(ctx, amina)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.FeedOf(ctx, token); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("the replaced token: %v, want not found", err)
	}
	if err := svc.RevokeCalendarToken(ctx, amina); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.FeedOf(ctx, renewed); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("the revoked token: %v, want not found", err)
	}
	if err := svc.Follow(ctx, amina, f.Session, false); err != nil {
		t.Fatal(err)
	}
	if list, _ := svc.Schedule(ctx, amina); len(list) != 0 {
		t.Errorf("after unfollowing: %+v", list)
	}
}

// TestTheFiltersReadLanguagesAndTheGroupsThatSpeak: the facts behind the
// programme's filters, and the filter itself by day in the edition's time
// zone.
func TestTheFiltersReadLanguagesAndTheGroupsThatSpeak(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	f := forumtest.New(t, db)
	speaker := f.Person(t, "Kofi Mensah", "academia", "african")
	f.Role(t, f.Session, speaker, "speaker")
	other, _ := f.ScheduledSession(t, "Sesión en español")
	pgtest.Exec(t, db, `UPDATE sessions SET language = 'es' WHERE id = $1`, other)
	pgtest.Exec(t, db, `UPDATE editions SET time_zone = 'Asia/Riyadh' WHERE id = $1`, f.EditionID)
	svc := finding.NewService(pgstore.New(db), nil)
	facts, err := svc.Facts(ctx, f.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(facts[f.Session].Groups, igfplus.Academia) || facts[other].Language != "es" || len(facts[other].Groups) > 1 {
		t.Errorf("facts %+v", facts)
	}
	langs, err := svc.Languages(ctx, f.EditionID)
	if err != nil || !slices.Equal(langs, []string{"en", "es"}) {
		t.Errorf("languages %v, %v", langs, err)
	}
	loc, err := svc.Location(ctx, f.EditionID)
	if err != nil || loc.String() != "Asia/Riyadh" {
		t.Fatalf("location %v, %v", loc, err)
	}
}

// TestSearchGivesEachTitleInTheReadersLanguageWhereTranslated: a session's
// title in its translation, a recommendation's in its latest version's, a
// publication's in the published version's; untranslated titles and a
// reader of the source language get the source, each with its language.
func TestSearchGivesEachTitleInTheReadersLanguageWhereTranslated(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	f := forumtest.New(t, db)
	sess, _ := f.ScheduledSession(t, "Spectrum for community networks")
	rec := pgtest.ID(t, db, `INSERT INTO recommendations (policy_issue_id, track_id, title, created_by) VALUES ($1, $2, 'Open spectrum', $3) RETURNING id`,
		f.PolicyIssueID, f.TrackID, f.Moderator.ID)
	pgtest.Exec(t, db, `INSERT INTO recommendation_versions (recommendation_id, version, body, created_by) VALUES ($1, 1, 'Share spectrum.', $2), ($1, 2, 'Share unused spectrum.', $2)`, rec, f.Moderator.ID)
	pgtest.Exec(t, db, `INSERT INTO publications (recommendation_id, version, summary) VALUES ($1, 1, 'Spectrum, shared.')`, rec)
	version := func(n int) int64 {
		return pgtest.ID(t, db, `SELECT id FROM recommendation_versions WHERE recommendation_id = $1 AND version = $2`, rec, n)
	}
	pgtest.Exec(t, db, `INSERT INTO translations (kind, entity_id, field, language, text) VALUES
		('session', $1, 'title', 'es', 'Espectro para redes comunitarias'),
		('recommendation_version', $2, 'title', 'es', 'Espectro abierto (versión 1)'),
		('recommendation_version', $3, 'title', 'es', 'Espectro abierto')`, sess, version(1), version(2))
	svc := finding.NewService(pgstore.New(db), translations.NewService(translationstore.New(db, nil), nil, nil))
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"es", []string{"publication:Espectro abierto (versión 1):es", "recommendation:Espectro abierto:es", "session:Espectro para redes comunitarias:es"}},
		{"ru", []string{"publication:Open spectrum:en", "recommendation:Open spectrum:en", "session:Spectrum for community networks:en"}},
		{"en", []string{"publication:Open spectrum:en", "recommendation:Open spectrum:en", "session:Spectrum for community networks:en"}},
	} {
		got, err := svc.Search(ctx, "spectrum", tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, r := range got {
			titles = append(titles, string(r.Kind)+":"+r.Title+":"+r.TitleLang)
		}
		slices.Sort(titles)
		if !slices.Equal(titles, tc.want) {
			t.Errorf("a reader of %s: %q, want %q", tc.lang, titles, tc.want)
		}
	}
}
