package pgstore_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub/pglog/pglogtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/live"
	"github.com/igfplus/igfplus/sessions/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type fixture struct {
	svc   *sessions.Service
	pub   *pglogtest.Recorder
	db    *pgdb.DB
	forum *forumtest.Forum
	live  sessions.Session
	idle  sessions.Session // scheduled
	who   igfplus.Identity // signed in, with no role
	// Amina, Rajesh and Sophie take part. The moderator moderates the
	// sessions through session_roles only: the identity holds no platform
	// role, so that the session role is what counts.
	amina, rajesh, sophie, moderator igfplus.Identity
}

// newFixture builds the test's own forum (deploy/forumtest): a live and a
// scheduled session of a thematic track, the Secretariat as f.who, the
// moderator and three participants of different stakeholder groups. It
// returns it with the context the test's calls run in.
func newFixture(t *testing.T) (*fixture, context.Context) {
	t.Helper()
	ctx := context.Background()
	db := pgtest.DB(t)
	f := &fixture{db: db, forum: forumtest.New(t, db), pub: pglogtest.NewRecorder(t, db.Pool)}
	f.svc = sessions.NewService(pgstore.New(db, f.pub))
	idle, _ := f.forum.ScheduledSession(t, "Scheduled test session")
	var err error
	if f.live, err = f.svc.Session(ctx, f.forum.Session); err != nil {
		t.Fatal(err)
	}
	if f.idle, err = f.svc.Session(ctx, idle); err != nil {
		t.Fatal(err)
	}
	f.who = f.forum.Secretariat.Identity()
	f.moderator = f.forum.Moderator.Identity(igfplus.RoleParticipant)
	f.amina = f.person(t, "Amina Yusuf", "civil_society", "african")
	f.rajesh = f.person(t, "Rajesh Iyer", "academia", "asia_pacific")
	f.sophie = f.person(t, "Sophie Martin", "private_sector", "western_european_others")
	return f, ctx
}

// person makes a participant of group and region and returns the identity
// a token would carry.
func (f *fixture) person(t *testing.T, name, group, region string) igfplus.Identity {
	t.Helper()
	return f.forum.Person(t, name, group, region).Identity(igfplus.RoleParticipant)
}

// checkStamped compares the rows got with want, in order: each must have
// the id and time the database gives it (stamp points at them), and be
// as wanted otherwise.
func checkStamped[T comparable](t *testing.T, what string, got, want []T, stamp func(*T) (*int64, *time.Time)) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d: %+v", what, len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		id, at := stamp(&g)
		if *id == 0 || at.IsZero() {
			t.Errorf("%s %d has no id or time: %+v", what, i, g)
		}
		_, wantAt := stamp(&w)
		*id, *at = 0, *wantAt
		if g != w {
			t.Errorf("%s %d:\n got %+v\nwant %+v", what, i, g, w)
		}
	}
}

func TestPresenceOfASilentNodeLapses(t *testing.T) {
	f, ctx := newFixture(t)
	store := pgstore.New(f.db, f.pub)
	room := f.live.RoomName()
	in := []sessions.Membership{{Room: room, AccountID: f.who.AccountID}}
	if _, err := store.ReportPresence(ctx, "node-a", in, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := store.ReportPresence(ctx, "node-b", in, nil); err != nil {
		t.Fatal(err)
	}
	people, err := store.Present(ctx, room)
	if err != nil || len(people) != 1 || people[0].AccountID != f.who.AccountID {
		t.Fatalf("present on two nodes: %+v, %v; want the one person once", people, err)
	}
	// node-a leaves the person; node-b stops reporting (it crashed).
	if _, err := store.ReportPresence(ctx, "node-a", nil, in); err != nil {
		t.Fatal(err)
	}
	f.db.Pool.Exec(ctx, `UPDATE presence_nodes SET seen_at = now() - interval '11 seconds' WHERE node = 'node-b'`)
	if people, err := store.Present(ctx, room); err != nil || len(people) != 0 {
		t.Fatalf("after leaving and a silent node: %+v, %v; want nobody", people, err)
	}
}

func TestAttendanceFollowsPresenceReportsAndCrashedNodes(t *testing.T) {
	f, ctx := newFixture(t)
	store := pgstore.New(f.db, f.pub)
	moderator := f.moderator
	// Eight attendees (six on node a), three of civil society: a group
	// under five.
	f.person(t, "Layla Haddad", "technical_community", "asia_pacific")
	f.person(t, "Jean-Pierre Ndiaye", "intergovernmental", "intergovernmental")
	f.person(t, "Kwame Mensah", "civil_society", "african")
	room := f.live.RoomName()
	var everyone []sessions.Membership
	rows, _ := f.db.Pool.Query(ctx, `SELECT id FROM accounts ORDER BY id`)
	ids, _ := pgx.CollectRows(rows, pgx.RowTo[int64])
	for _, id := range ids {
		everyone = append(everyone, sessions.Membership{Room: room, AccountID: id})
	}
	if _, err := store.ReportPresence(ctx, "node-a", everyone[:6], nil); err != nil {
		t.Fatal(err)
	}
	if _, err := store.ReportPresence(ctx, "node-b", everyone[6:], nil); err != nil {
		t.Fatal(err)
	}
	if _, err := store.ReportPresence(ctx, "node-a", nil, everyone[:1]); err != nil { // one leaves
		t.Fatal(err)
	}
	// node-b crashes: a minute later its open intervals close at its last beat.
	f.db.Pool.Exec(ctx, `UPDATE presence_nodes SET seen_at = now() - interval '2 minutes' WHERE node = 'node-b'`)
	if _, err := store.ReportPresence(ctx, "node-a", nil, nil); err != nil {
		t.Fatal(err)
	}
	var open int
	f.db.Pool.QueryRow(ctx, `SELECT count(*) FROM attendance WHERE left_at IS NULL`).Scan(&open)
	if open != 5 {
		t.Errorf("%d open attendance intervals, want 5 (node-a's remaining people)", open)
	}
	b, err := f.svc.Attendance(ctx, moderator, f.live.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b.Total != len(ids) || b.ByGroup["civil_society"] != "<5" || b.ByGender[sessions.NotStated] == "" {
		t.Errorf("balance %+v: want every attendee, small groups as <5, unstated genders counted", b)
	}
	participant := f.amina
	if _, err := f.svc.Attendance(ctx, participant, f.live.ID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant reading balance statistics: %v, want forbidden", err)
	}
}

func ptr[T any](v T) *T { return &v }

// oneRoomHub is a node's hub with fixed members, for the presence loop.
type oneRoomHub map[string][]int64

func (h oneRoomHub) Members() map[string][]int64 { return h }
func (oneRoomHub) SetSnapshot(string, []byte)    {}

// A node the others forgot while the database was out of reach for more
// than a minute (its presence dropped, its attendance closed) tells who is
// still there again on its next report, rather than only what changed.
func TestANodeForgottenDuringAnOutageReportsEveryoneAgain(t *testing.T) {
	f, ctx := newFixture(t)
	store := pgstore.New(f.db, f.pub)
	room := f.live.RoomName()
	p := live.NewPresence(oneRoomHub{room: {f.who.AccountID}}, store, slog.New(slog.DiscardHandler), time.Hour)
	if err := p.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	// What another node's report does to a node silent for a minute.
	f.db.Pool.Exec(ctx, `UPDATE attendance SET left_at = now() WHERE left_at IS NULL`)
	f.db.Pool.Exec(ctx, `DELETE FROM presence_nodes`)
	if err := p.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	people, err := store.Present(ctx, room)
	if err != nil || len(people) != 1 {
		t.Fatalf("present after the node came back: %+v, %v; want the one person", people, err)
	}
	var open int
	f.db.Pool.QueryRow(ctx, `SELECT count(*) FROM attendance WHERE left_at IS NULL`).Scan(&open)
	if open != 1 {
		t.Errorf("%d open attendance intervals after the node came back, want 1", open)
	}
}
