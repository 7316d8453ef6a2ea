package e2e

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/jackc/pgx/v5"
)

// BenchmarkProgrammeAndSearch: the public programme page and search over an
// annual meeting's size, 400 sessions and 2,000 proposals (#18), on the real
// binary with its Postgres: each iteration is one request answered in full.
//
//	go test -run '^$' -bench ProgrammeAndSearch -benchtime 200x ./cmd/igfplus/e2e/
func BenchmarkProgrammeAndSearch(b *testing.B) {
	c := newCluster(b)
	n := startNode(b, c)
	seedAnnualMeeting(b, c)
	sec := signIn(b, n, "secretariat@demo.igf.example", demoPassword)
	for _, r := range []struct{ name, path, token string }{
		{"programme", "/?lang=en", ""},
		{"programme filtered by format", "/?lang=en&format=workshop", ""},
		{"search page", "/search?lang=en&q=community+networks", ""},
		{"search API", "/api/search?q=artificial+intelligence", ""},
		{"review board of 2,000 proposals", "/call/board?lang=en", sec},
	} {
		b.Run(r.name, func(b *testing.B) {
			var size int64
			for b.Loop() {
				req, _ := http.NewRequest(http.MethodGet, n.URL+r.path, nil)
				if r.token != "" {
					req.Header.Set("Authorization", "Bearer "+r.token)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				size, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("%s: %d", r.path, resp.StatusCode)
				}
			}
			b.ReportMetric(float64(size), "bytes/page")
		})
	}
}

// seedAnnualMeeting adds 400 sessions (spread over the demo's tracks, policy
// issues, formats and the edition's days) and 2,000 proposals to the demo's
// open call, with words from the Forum's themes in their titles.
func seedAnnualMeeting(b *testing.B, c cluster) {
	ctx := context.Background()
	db, err := pgx.Connect(ctx, c.DatabaseURL)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close(ctx)
	const themes = `ARRAY['community networks','artificial intelligence','data governance','cybersecurity','human rights online',
		'youth participation','gender and access','cloud and infrastructure','content moderation','digital public goods']`
	for _, q := range []string{`
		INSERT INTO sessions (track_id, policy_issue_id, slug, title, description, format, starts_at, ends_at, room)
		SELECT p.track_id, p.policy_issue_id, 'bench-' || g, initcap((` + themes + `)[1 + g % 10]) || ': session ' || g,
			'A session on ' || (` + themes + `)[1 + (g * 7) % 10] || ' and ' || (` + themes + `)[1 + (g * 3) % 10] || '.',
			(ARRAY['workshop','open_forum','town_hall','lightning_talk','main_session'])[1 + g % 5],
			e.starts_on + (g % 5) * interval '1 day' + (8 + g % 9) * interval '1 hour',
			e.starts_on + (g % 5) * interval '1 day' + (9 + g % 9) * interval '1 hour', 'Room ' || (g % 12)
		FROM generate_series(1, 400) g,
			LATERAL (SELECT track_id, policy_issue_id FROM sessions ORDER BY id OFFSET g % (SELECT count(*) FROM sessions) LIMIT 1) p,
			LATERAL (SELECT starts_on FROM editions ORDER BY year DESC LIMIT 1) e`, `
		INSERT INTO proposals (call_id, proposer_id, policy_issue_id, track_id, format, title, description, organisers, speakers)
		SELECT call.id, a.id, p.policy_issue_id, p.track_id, 'workshop', initcap((` + themes + `)[1 + g % 10]) || ': proposal ' || g,
			'We propose to discuss ' || (` + themes + `)[1 + (g * 7) % 10] || '.', ARRAY['Organisation ' || g],
			'[{"name":"Speaker","stakeholder_group":"civil_society","region":"african","gender":"woman"}]'
		FROM generate_series(1, 2000) g,
			LATERAL (SELECT id FROM proposal_calls ORDER BY id DESC LIMIT 1) call,
			LATERAL (SELECT id FROM accounts ORDER BY id OFFSET g % (SELECT count(*) FROM accounts) LIMIT 1) a,
			LATERAL (SELECT track_id, policy_issue_id FROM sessions ORDER BY id OFFSET g % 10 LIMIT 1) p`,
	} {
		if _, err := db.Exec(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	var sessions, proposals int
	if err := db.QueryRow(ctx, `SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM proposals)`).Scan(&sessions, &proposals); err != nil {
		b.Fatal(err)
	}
	if sessions < 400 || proposals < 2000 {
		b.Fatalf("seeded %d sessions and %d proposals", sessions, proposals)
	}
}
