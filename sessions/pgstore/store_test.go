package pgstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub/pglog/pglogtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
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
// moderator and three participants of different stakeholder groups.
func newFixture(t *testing.T) *fixture {
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
	return f
}

// person makes a participant of group and region and returns the identity
// a token would carry.
func (f *fixture) person(t *testing.T, name, group, region string) igfplus.Identity {
	t.Helper()
	return f.forum.Person(t, name, group, region).Identity(igfplus.RoleParticipant)
}

func TestPostChatCommitsThenAnnouncesOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for i := range 3 {
		msg, err := f.svc.PostChat(ctx, f.who, f.live.ID, "  point "+string(rune('a'+i))+"  ")
		if err != nil {
			t.Fatal(err)
		}
		if msg.ID == 0 || msg.Body != "point "+string(rune('a'+i)) {
			t.Fatalf("stored %+v", msg)
		}
	}
	if f.pub.Count() != 3 {
		t.Fatalf("%d events published, want 3", f.pub.Count())
	}
	for i, ev := range f.pub.Events() {
		if ev.Room != f.live.RoomName() || ev.Type != "chat.posted" || ev.Offset != int64(i)+1 {
			t.Errorf("event %d: %s %s offset %d", i, ev.Room, ev.Type, ev.Offset)
		}
	}
	msgs, pos, err := f.svc.RecentChat(ctx, f.who, f.live.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].Body != "point b" || msgs[1].Body != "point c" || pos.Offset != 3 || pos.Epoch != f.pub.Events()[2].Epoch {
		t.Fatalf("recent chat %+v at %+v, want points b and c at offset 3", msgs, pos)
	}
}

func TestRefusedChatChangesAndAnnouncesNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ghost := f.who
	ghost.AccountID = 999999 // signed, but no such account: the insert fails
	// A platform moderator, whom the track's rule does not hold back (an
	// unknown account is no registered participant), so the insert is tried.
	ghost.Roles = []igfplus.Role{igfplus.RoleModerator}
	for name, tc := range map[string]struct {
		who     igfplus.Identity
		session int64
		body    string
		want    igfplus.Code
	}{
		"anonymous":         {igfplus.Identity{}, f.live.ID, "hello", igfplus.EUnauthorized},
		"not live":          {f.who, f.idle.ID, "hello", igfplus.EConflict},
		"empty":             {f.who, f.live.ID, "   ", igfplus.EInvalid},
		"too long":          {f.who, f.live.ID, strings.Repeat("x", sessions.MaxChatRunes+1), igfplus.EInvalid},
		"control":           {f.who, f.live.ID, "bell \a", igfplus.EInvalid},
		"no such session":   {f.who, 424242, "hello", igfplus.ENotFound},
		"transaction fails": {ghost, f.live.ID, "hello", igfplus.EInvalid},
	} {
		_, err := f.svc.PostChat(ctx, tc.who, tc.session, tc.body)
		if got := igfplus.ErrorCode(err); got != tc.want {
			t.Errorf("%s: %v (%s), want %s", name, err, got, tc.want)
		}
	}
	var rows, events int
	f.db.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM chat_messages), (SELECT count(*) FROM room_events)`).Scan(&rows, &events)
	if rows != 0 || events != 0 || f.pub.Count() != 0 {
		t.Fatalf("refused messages left %d rows, %d events, %d announcements", rows, events, f.pub.Count())
	}
}

func TestPresenceOfASilentNodeLapses(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	store := pgstore.New(f.db, f.pub)
	room := f.live.RoomName()
	in := []sessions.Membership{{Room: room, AccountID: f.who.AccountID}}
	if err := store.ReportPresence(ctx, "node-a", in, nil); err != nil {
		t.Fatal(err)
	}
	if err := store.ReportPresence(ctx, "node-b", in, nil); err != nil {
		t.Fatal(err)
	}
	people, err := store.Present(ctx, room)
	if err != nil || len(people) != 1 || people[0].AccountID != f.who.AccountID {
		t.Fatalf("present on two nodes: %+v, %v; want the one person once", people, err)
	}
	// node-a leaves the person; node-b stops reporting (it crashed).
	if err := store.ReportPresence(ctx, "node-a", nil, in); err != nil {
		t.Fatal(err)
	}
	f.db.Pool.Exec(ctx, `UPDATE presence_nodes SET seen_at = now() - interval '11 seconds' WHERE node = 'node-b'`)
	if people, err := store.Present(ctx, room); err != nil || len(people) != 0 {
		t.Fatalf("after leaving and a silent node: %+v, %v; want nobody", people, err)
	}
}

func TestOnlyModeratorsMoveSessionsAndStartItems(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	participant, moderator := f.amina, f.moderator
	agenda, err := f.svc.Agenda(ctx, f.live.ID)
	if err != nil || len(agenda) == 0 {
		t.Fatalf("agenda: %v", err)
	}

	if _, err := f.svc.MoveTo(ctx, participant, f.idle.ID, sessions.Live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("participant moving a session: %v, want forbidden", err)
	}
	if _, err := f.svc.StartItem(ctx, participant, f.live.ID, agenda[0].ID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("participant starting an item: %v, want forbidden", err)
	}
	if _, err := f.svc.MoveTo(ctx, igfplus.Identity{}, f.idle.ID, sessions.Live); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Errorf("anonymous: %v, want unauthorized", err)
	}
	if s, _ := f.svc.Session(ctx, f.idle.ID); s.State != sessions.Scheduled || f.pub.Count() != 0 {
		t.Fatalf("refused moves changed something: state %s, %d events", s.State, f.pub.Count())
	}

	for _, bad := range []sessions.State{sessions.Ended, sessions.Reported, sessions.Scheduled, "paused"} {
		if _, err := f.svc.MoveTo(ctx, moderator, f.idle.ID, bad); igfplus.ErrorCode(err) != igfplus.EConflict {
			t.Errorf("scheduled -> %s: %v, want conflict", bad, err)
		}
	}
	p, err := f.svc.MoveTo(ctx, moderator, f.idle.ID, sessions.Live)
	if err != nil || p.State != sessions.Live {
		t.Fatalf("moderator starting the session: %+v, %v", p, err)
	}
	if _, err := f.svc.StartItem(ctx, moderator, f.idle.ID, agenda[0].ID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("an item of another session: %v, want not found", err)
	}
	p, err = f.svc.StartItem(ctx, moderator, f.live.ID, agenda[1].ID)
	if err != nil || p.CurrentItemID != agenda[1].ID || p.ItemMinutes != agenda[1].Minutes || p.ItemStartedAt.IsZero() {
		t.Fatalf("moderator starting item 2: %+v, %v", p, err)
	}
	if f.pub.Count() != 2 {
		t.Fatalf("%d events announced, want 2", f.pub.Count())
	}
	for _, ev := range f.pub.Events() {
		if ev.Type != "session.progress" {
			t.Errorf("event %s, want session.progress", ev.Type)
		}
	}
	if _, err := f.svc.MoveTo(ctx, moderator, f.live.ID, sessions.Ended); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.StartItem(ctx, moderator, f.live.ID, agenda[2].ID); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("starting an item after the end: %v, want conflict", err)
	}
}

func TestSpeakingQueue(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	amina, rajesh, sophie, moderator := f.amina, f.rajesh, f.sophie, f.moderator
	live := f.live.ID

	mustFloor := func(fl sessions.Floor, err error) sessions.Floor {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return fl
	}
	mustFloor(f.svc.RequestFloor(ctx, amina, live, sessions.Onsite, false))
	mustFloor(f.svc.RequestFloor(ctx, rajesh, live, sessions.RemoteHub, false))
	fl := mustFloor(f.svc.RequestFloor(ctx, sophie, live, sessions.Online, true))
	names := func(fl sessions.Floor) []string {
		var out []string
		for _, r := range fl.Queue {
			out = append(out, r.Name)
		}
		return out
	}
	if got := names(fl); len(got) != 3 || got[0] != "Sophie Martin" || got[1] != "Amina Yusuf" || got[2] != "Rajesh Iyer" {
		t.Fatalf("queue %v: the point of order goes first, then by time asked", got)
	}
	if _, err := f.svc.RequestFloor(ctx, amina, live, sessions.Onsite, false); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("asking twice: %v, want conflict", err)
	}
	if _, err := f.svc.RequestFloor(ctx, amina, f.idle.ID, sessions.Onsite, false); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("asking in a session that is not live: %v, want conflict", err)
	}
	if _, err := f.svc.RequestFloor(ctx, amina, live, "telepathy", false); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("unknown mode: %v, want invalid", err)
	}

	sophieReq, aminaReq := fl.Queue[0].ID, fl.Queue[1].ID
	events := f.pub.Count()
	if _, err := f.svc.GrantFloor(ctx, amina, live, sophieReq); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant granting the floor: %v, want forbidden", err)
	}
	if f.pub.Count() != events {
		t.Fatal("a refused grant was announced")
	}
	fl = mustFloor(f.svc.GrantFloor(ctx, moderator, live, sophieReq))
	if fl.Speaker == nil || fl.Speaker.Name != "Sophie Martin" || len(fl.Queue) != 2 {
		t.Fatalf("after the grant: %+v", fl)
	}
	if _, err := f.svc.GrantFloor(ctx, moderator, live, aminaReq); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("a second speaker at once: %v, want conflict", err)
	}
	// The turn began two seconds ago, as far as the clock of the record
	// goes, rather than the test waiting for time to pass.
	if _, err := f.db.Pool.Exec(ctx, `UPDATE floor_requests SET granted_at = granted_at - interval '2 seconds' WHERE id = $1`, sophieReq); err != nil {
		t.Fatal(err)
	}
	fl = mustFloor(f.svc.EndFloor(ctx, moderator, live, sophieReq))
	if fl.Speaker != nil {
		t.Fatalf("after the turn ended: %+v", fl)
	}
	var seconds int
	f.db.Pool.QueryRow(ctx, `SELECT speaking_seconds FROM floor_requests WHERE id = $1`, sophieReq).Scan(&seconds)
	if seconds < 2 {
		t.Errorf("speaking time %d s, want at least 2", seconds)
	}
	fl = mustFloor(f.svc.WithdrawFloor(ctx, amina, live))
	fl = mustFloor(f.svc.DeclineFloor(ctx, moderator, live, fl.Queue[0].ID))
	if fl.Speaker != nil || len(fl.Queue) != 0 {
		t.Fatalf("after withdraw and decline: %+v", fl)
	}
	// grant, end, withdraw and decline: one announcement each.
	if f.pub.Count() != events+4 {
		t.Errorf("%d floor.changed events after the requests, want 4", f.pub.Count()-events)
	}
}

func TestQuestionsAndAnswers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	amina, rajesh, sophie, moderator := f.amina, f.rajesh, f.sophie, f.moderator
	live := f.live.ID

	q, err := f.svc.Ask(ctx, amina, live, "  How do we fund community networks?  ", true)
	if err != nil || q.Body != "How do we fund community networks?" || q.AuthorName != "" || q.AuthorID != 0 {
		t.Fatalf("anonymous question as the room sees it: %+v, %v", q, err)
	}
	dup, err := f.svc.Ask(ctx, rajesh, live, "Who pays for community networks?", false)
	if err != nil || dup.AuthorName != "Rajesh Iyer" {
		t.Fatalf("named question: %+v, %v", dup, err)
	}
	if _, err := f.svc.Ask(ctx, amina, live, strings.Repeat("?", sessions.MaxQuestionRunes+1), false); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("too long: %v", err)
	}

	for _, who := range []igfplus.Identity{rajesh, sophie} {
		if _, err := f.svc.Upvote(ctx, who, live, q.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.svc.Upvote(ctx, rajesh, live, q.ID); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("a second vote: %v, want conflict", err)
	}
	if _, err := f.svc.Upvote(ctx, sophie, live, dup.ID); err != nil {
		t.Fatal(err)
	}

	yes := true
	if _, err := f.svc.ChangeQuestion(ctx, amina, live, q.ID, sessions.QuestionChange{Answered: &yes}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant marking answered: %v, want forbidden", err)
	}
	// Merging the duplicate pools its voters without counting Sophie twice.
	merged, err := f.svc.ChangeQuestion(ctx, moderator, live, dup.ID, sessions.QuestionChange{MergedInto: q.ID})
	if err != nil || merged.MergedInto != q.ID {
		t.Fatalf("merge: %+v, %v", merged, err)
	}
	answered, err := f.svc.ChangeQuestion(ctx, moderator, live, q.ID, sessions.QuestionChange{Answered: &yes, Pinned: &yes})
	if err != nil || !answered.Answered || !answered.Pinned || answered.Votes != 2 {
		t.Fatalf("answered and pinned: %+v, %v; want 2 votes (Rajesh and Sophie)", answered, err)
	}

	room, _ := f.svc.QuestionsFor(ctx, sophie, live)
	mod, _ := f.svc.QuestionsFor(ctx, moderator, live)
	if len(room) != 2 || room[0].ID != q.ID || room[0].AuthorName != "" {
		t.Errorf("the room's list: %+v", room)
	}
	if len(mod) != 2 || mod[0].AuthorName != "Amina Yusuf" {
		t.Errorf("moderators see who asked: %+v", mod)
	}
	for _, ev := range f.pub.Events() {
		if ev.Type == "question.changed" && strings.Contains(string(ev.Frame), "Amina") {
			t.Fatalf("an event named the author of an anonymous question: %s", ev.Frame)
		}
	}
}

func TestMutedPeopleFollowButDoNotWriteAndSlowModeSpacesMessages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	amina, rajesh, moderator := f.amina, f.rajesh, f.moderator
	live := f.live.ID

	if err := f.svc.Restrict(ctx, amina, live, rajesh.AccountID, sessions.Muted, ""); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant muting another: %v, want forbidden", err)
	}
	if err := f.svc.Restrict(ctx, rajesh, live, moderator.AccountID, sessions.Banned, ""); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("banning a moderator: %v, want forbidden", err)
	}
	if err := f.svc.Restrict(ctx, moderator, live, amina.AccountID, sessions.Muted, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.PostChat(ctx, amina, live, "hello"); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a muted person chatting: %v, want forbidden", err)
	}
	if _, err := f.svc.Ask(ctx, amina, live, "a question?", false); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a muted person asking: %v, want forbidden", err)
	}
	if err := f.svc.CanFollow(ctx, amina, live); err != nil {
		t.Errorf("a muted person following: %v, want allowed", err)
	}

	f.db.Pool.Exec(ctx, `UPDATE sessions SET chat_slow_seconds = 30 WHERE id = $1`, live)
	if _, err := f.svc.PostChat(ctx, rajesh, live, "first"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.PostChat(ctx, rajesh, live, "second, too soon"); igfplus.ErrorCode(err) != igfplus.ERateLimited {
		t.Errorf("inside slow mode: %v, want rate limited", err)
	}
}

func TestAttendanceFollowsPresenceReportsAndCrashedNodes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
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
	if err := store.ReportPresence(ctx, "node-a", everyone[:6], nil); err != nil {
		t.Fatal(err)
	}
	if err := store.ReportPresence(ctx, "node-b", everyone[6:], nil); err != nil {
		t.Fatal(err)
	}
	if err := store.ReportPresence(ctx, "node-a", nil, everyone[:1]); err != nil { // one leaves
		t.Fatal(err)
	}
	// node-b crashes: a minute later its open intervals close at its last beat.
	f.db.Pool.Exec(ctx, `UPDATE presence_nodes SET seen_at = now() - interval '2 minutes' WHERE node = 'node-b'`)
	if err := store.ReportPresence(ctx, "node-a", nil, nil); err != nil {
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

func TestOnlyCaptionersCaptionAndTheTranscriptIsKept(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	captioner := f.person(t, "Layla Haddad", "technical_community", "asia_pacific")
	participant := f.amina
	if _, err := f.svc.AddCaption(ctx, captioner, f.live.ID, 0, "Welcome everyone."); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("captioning without the role: %v, want forbidden", err)
	}
	f.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'captioner')`, f.live.ID, captioner.AccountID)
	for _, line := range []string{"Welcome everyone.", "Our first speaker is from Nairobi."} {
		if _, err := f.svc.AddCaption(ctx, captioner, f.live.ID, 0, line); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.svc.Transcript(ctx, participant, f.live.ID)
	if err != nil || len(got) != 2 || got[1].Text != "Our first speaker is from Nairobi." {
		t.Fatalf("transcript %+v, %v", got, err)
	}
}
