package pgstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/finding/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// words make the benchmark's texts: common enough that a query matches
// many documents, as a real programme's would.
var words = strings.Fields(`access community networks rural connectivity spectrum data governance
	artificial intelligence human rights privacy cybersecurity trust inclusion gender youth
	parliament digital public infrastructure cooperation sustainable development climate
	misinformation platform accountability open standards interoperability skills capacity`)

func text(i, n int) string {
	out := make([]string, n)
	for k := range out {
		out[k] = words[(i*7+k*13)%len(words)]
	}
	return strings.Join(out, " ")
}

// programme fills an edition with 400 sessions (in three languages, each
// with a speaker) and 400 recommendations of a few hundred words, in one
// statement each.
func programme(b *testing.B) (*pgdb.DB, *forumtest.Forum) {
	db := pgtest.DB(b)
	f := forumtest.New(b, db)
	speaker := f.Person(b, "Kofi Mensah", "academia", "african")
	pgtest.Exec(b, db, `
		INSERT INTO sessions (track_id, policy_issue_id, slug, title, description, format, starts_at, ends_at, language)
		SELECT $1, $2, 'bench-' || i, ($3::text[])[1 + i % 50], ($4::text[])[1 + i % 50], 'workshop',
			now() + i * interval '15 minutes', now() + i * interval '15 minutes' + interval '1 hour',
			(ARRAY['en', 'fr', 'es'])[1 + i % 3]
		FROM generate_series(1, 400) i`, f.TrackID, f.PolicyIssueID, texts(50, 6), texts(50, 60))
	pgtest.Exec(b, db, `INSERT INTO session_roles (session_id, account_id, role) SELECT id, $1, 'speaker' FROM sessions WHERE slug LIKE 'bench-%'`, speaker.ID)
	pgtest.Exec(b, db, `
		WITH r AS (
			INSERT INTO recommendations (policy_issue_id, track_id, title, created_by)
			SELECT $1, $2, 'Recommendation ' || i, $3 FROM generate_series(1, 400) i RETURNING id)
		INSERT INTO recommendation_versions (recommendation_id, version, body, created_by)
		SELECT id, 1, ($4::text[])[1 + id % 50], $3 FROM r`, f.PolicyIssueID, f.TrackID, f.Moderator.ID, texts(50, 300))
	pgtest.Exec(b, db, `ANALYZE`)
	return db, f
}

func texts(n, length int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = text(i, length)
	}
	return out
}

// BenchmarkSearch: one search of two common words over 400 sessions and
// 400 recommendations (docs/PERFORMANCE.md, "Finding").
func BenchmarkSearch(b *testing.B) {
	db, _ := programme(b)
	s := pgstore.New(db)
	ctx := context.Background()
	for b.Loop() {
		rs, err := s.Search(ctx, "community networks", "en", finding.SearchLimit)
		if err != nil || len(rs) == 0 {
			b.Fatalf("%d results, %v", len(rs), err)
		}
	}
}

// BenchmarkFilteredProgramme: what the programme page adds to read and
// filter 400 sessions: the sessions, their facts (languages and the groups
// that speak), the languages and the edition's time zone, and the filter.
func BenchmarkFilteredProgramme(b *testing.B) {
	db, f := programme(b)
	svc := finding.NewService(pgstore.New(db), nil)
	list := sessionsOf(b, db, f.EditionID)
	ctx := context.Background()
	filter := finding.Filter{Language: "fr", Stakeholder: igfplus.Academia, Format: sessions.Workshop}
	for b.Loop() {
		facts, err := svc.Facts(ctx, f.EditionID)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Languages(ctx, f.EditionID); err != nil {
			b.Fatal(err)
		}
		loc, err := svc.Location(ctx, f.EditionID)
		if err != nil {
			b.Fatal(err)
		}
		if got := filter.Apply(list, facts, loc); len(got) == 0 {
			b.Fatal("nothing matched")
		}
	}
}

func sessionsOf(b *testing.B, db *pgdb.DB, edition int64) []sessions.Session {
	rows, err := db.Pool.Query(context.Background(), `SELECT s.id, s.format, s.starts_at FROM sessions s JOIN tracks t ON t.id = s.track_id WHERE t.edition_id = $1`, edition)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out []sessions.Session
	for rows.Next() {
		var s sessions.Session
		if err := rows.Scan(&s.ID, &s.Format, &s.StartsAt); err != nil {
			b.Fatal(err)
		}
		out = append(out, s)
	}
	if len(out) < 400 {
		b.Fatalf("%d sessions", len(out))
	}
	return out
}
