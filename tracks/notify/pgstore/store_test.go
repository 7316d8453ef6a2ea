package pgstore_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/frontend/mailtext"
	"github.com/igfplus/igfplus/migrations/pgdb"
	mailstore "github.com/igfplus/igfplus/tracks/mail/pgstore"
	"github.com/igfplus/igfplus/tracks/notify"
	"github.com/igfplus/igfplus/tracks/notify/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type fixture struct {
	db           *pgdb.DB
	svc          *notify.Service
	tokens       *notify.Tokens
	track, issue int64
	person       func(name string, verified bool) int64
	outboxKinds  func() map[string]int
}

// newFixture is an edition in Nairobi's time zone with a track, and the
// notifications over the real outbox and letters.
func newFixture(t *testing.T) *fixture {
	f := &fixture{db: pgtest.DB(t), tokens: notify.NewTokens([]byte("0123456789abcdef0123456789abcdef"))}
	w, err := mailtext.New("https://igf.example")
	if err != nil {
		t.Fatal(err)
	}
	f.svc = notify.New(pgstore.New(f.db, mailstore.New(f.db, "igf.example")), f.tokens, w)
	edition := pgtest.ID(t, f.db, `INSERT INTO editions (year, title, starts_on, ends_on, time_zone) VALUES (2031, 'IGF 2031', '2031-06-01', '2031-06-05', 'Africa/Nairobi') RETURNING id`)
	f.issue = pgtest.ID(t, f.db, `INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 1, 'access', 'Access') RETURNING id`, edition)
	f.track = pgtest.ID(t, f.db, `INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title) VALUES ($1, $2, 'thematic', 'access', 'Access') RETURNING id`, edition, f.issue)
	f.person = func(name string, verified bool) int64 {
		return pgtest.ID(t, f.db, `
			INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region, locale, email_verified_at)
			VALUES ($1, 'x', $2, 'academia', 'african', 'fr', CASE WHEN $3 THEN now() END) RETURNING id`,
			strings.ToLower(name)+"@test.example", name, verified)
	}
	f.outboxKinds = func() map[string]int {
		rows, err := f.db.Pool.Query(context.Background(), `SELECT kind || ' ' || recipient, count(*) FROM mail_outbox GROUP BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				t.Fatal(err)
			}
			out[k] = n
		}
		return out
	}
	return f
}

func (f *fixture) session(t *testing.T, slug string, startsIn time.Duration) int64 {
	return pgtest.ID(t, f.db, `
		INSERT INTO sessions (track_id, policy_issue_id, slug, title, format, starts_at, ends_at)
		VALUES ($1, $2, $3, 'Session ' || $3, 'workshop', now() + make_interval(secs => $4), now() + make_interval(secs => $4 + 3600)) RETURNING id`,
		f.track, f.issue, slug, startsIn.Seconds())
}

// TestAReminderIsQueuedOnceEvenWithTwoNodesAtOnce: two nodes running the
// jobs at the same moments queue one reminder per person and session
// starting within half an hour, in the person's language with the time in
// the edition's zone and the one-click headers; none for a session
// starting later, for someone who turned reminders off, or for an address
// nobody confirmed.
func TestAReminderIsQueuedOnceEvenWithTwoNodesAtOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	soon, later := f.session(t, "soon", 20*time.Minute), f.session(t, "later", 2*time.Hour)
	ana, off, unverified := f.person("Ana", true), f.person("Off", true), f.person("Unverified", false)
	if err := f.svc.SetPrefs(ctx, off, notify.Prefs{Reminders: false, Activity: notify.Digest}); err != nil {
		t.Fatal(err)
	}
	for _, who := range []int64{ana, off, unverified} {
		for _, s := range []int64{soon, later} {
			pgtest.Exec(t, f.db, `INSERT INTO session_follows (account_id, session_id) VALUES ($1, $2)`, who, s)
		}
	}
	for range 3 {
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				if err := f.svc.RunDue(ctx, time.Now()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	if got := f.outboxKinds(); len(got) != 1 || got["reminder ana@test.example"] != 1 {
		t.Fatalf("queued %v, want one reminder to Ana", got)
	}
	var subject, text, unsub, post string
	if err := f.db.Pool.QueryRow(ctx, `SELECT subject, text_body, headers->>'List-Unsubscribe', headers->>'List-Unsubscribe-Post' FROM mail_outbox`).
		Scan(&subject, &text, &unsub, &post); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(subject, "Session soon") || !strings.Contains(text, "UTC+3") || !strings.Contains(text, "commence") {
		t.Errorf("reminder %q: %s", subject, text)
	}
	if !strings.HasPrefix(unsub, "<https://igf.example/unsubscribe?token=") || post != "List-Unsubscribe=One-Click" {
		t.Errorf("headers %q, %q", unsub, post)
	}
}

// TestActivityIsToldEachTimeInADailyDigestOrNotAtAll: a comment and an
// amendment on a recommendation reach the drafter who wants each at once
// (one mail each), the one with the default choice in one digest the next
// day (once, however often the job runs), the one who wants none never,
// and not the drafter who acted.
func TestActivityIsToldEachTimeInADailyDigestOrNotAtAll(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	each, digest, none, actor := f.person("Each", true), f.person("Digest", true), f.person("None", true), f.person("Actor", true)
	if err := f.svc.SetPrefs(ctx, each, notify.Prefs{Reminders: true, Activity: notify.Each}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SetPrefs(ctx, none, notify.Prefs{Reminders: true, Activity: notify.None}); err != nil {
		t.Fatal(err)
	}
	rec := pgtest.ID(t, f.db, `INSERT INTO recommendations (policy_issue_id, track_id, title, created_by) VALUES ($1, $2, 'Open data', $3) RETURNING id`, f.issue, f.track, each)
	pgtest.Exec(t, f.db, `INSERT INTO recommendation_versions (recommendation_id, version, body, created_by) VALUES ($1, 1, 'Text.', $2)`, rec, each)
	for _, d := range []int64{each, digest, none, actor} {
		pgtest.Exec(t, f.db, `INSERT INTO recommendation_drafters (recommendation_id, account_id, added_by) VALUES ($1, $2, $3)`, rec, d, each)
	}
	pgtest.Exec(t, f.db, `INSERT INTO recommendation_comments (recommendation_id, version, paragraph, author_id, body) VALUES ($1, 1, 1, $2, 'Why?')`, rec, actor)
	pgtest.Exec(t, f.db, `INSERT INTO amendments (recommendation_id, version, paragraph, proposed_text, proposed_by) VALUES ($1, 1, 1, 'Better.', $2)`, rec, actor)
	for range 2 {
		if err := f.svc.RunDue(ctx, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.outboxKinds(); len(got) != 1 || got["activity each@test.example"] != 2 {
		t.Fatalf("the same day: %v, want two notices to Each", got)
	}
	for range 2 {
		if err := f.svc.RunDue(ctx, time.Now().Add(24*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.outboxKinds(); len(got) != 2 || got["digest digest@test.example"] != 1 {
		t.Fatalf("the next day: %v, want one digest to Digest", got)
	}
	var text string
	if err := f.db.Pool.QueryRow(ctx, `SELECT text_body FROM mail_outbox WHERE kind = 'digest'`).Scan(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "commenté") || !strings.Contains(text, "amendement") {
		t.Errorf("digest: %s", text)
	}
}

// TestTheOneClickLinkTurnsItsKindOffAndAForgedOneIsRefused: an account's
// token turns off reminders, or activity, and only for that account; a
// token for another account with the first's signature, or signed with
// another key, changes nothing.
func TestTheOneClickLinkTurnsItsKindOffAndAForgedOneIsRefused(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ana, bo := f.person("Ana", true), f.person("Bo", true)
	if _, err := f.svc.Unsubscribe(ctx, f.tokens.Sign(ana, notify.Reminders)); err != nil {
		t.Fatal(err)
	}
	if k, err := f.svc.Unsubscribe(ctx, f.tokens.Sign(ana, notify.Activity)); err != nil || k != notify.Activity {
		t.Fatal(k, err)
	}
	if p, _ := f.svc.Prefs(ctx, ana); p.Reminders || p.Activity != notify.None {
		t.Errorf("Ana's choices after unsubscribing: %+v", p)
	}
	good := f.tokens.Sign(ana, notify.Reminders)
	mac := good[strings.LastIndexByte(good, '.'):]
	other := notify.NewTokens([]byte("another key, another installation"))
	for _, forged := range []string{"1" + good, // another account's id
		strconv.FormatInt(bo, 10) + ".reminders" + mac, other.Sign(bo, notify.Reminders), "", "x.reminders.y"} {
		if _, err := f.svc.Unsubscribe(ctx, forged); err == nil {
			t.Errorf("forged token %q accepted", forged)
		}
	}
	if p, _ := f.svc.Prefs(ctx, bo); p != notify.Defaults() {
		t.Errorf("Bo's choices after forged links: %+v", p)
	}
}
