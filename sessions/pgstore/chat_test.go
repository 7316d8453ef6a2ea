package pgstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestPostChatCommitsThenAnnouncesOnce(t *testing.T) {
	f, ctx := newFixture(t)
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
	f, ctx := newFixture(t)
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

func TestRepliesQuoteTheAnsweredMessageAndRefuseOthers(t *testing.T) {
	f, ctx := newFixture(t)
	first, err := f.svc.PostChat(ctx, f.who, f.live.ID, "Community networks first. "+strings.Repeat("x", 200))
	if err != nil {
		t.Fatal(err)
	}
	reply, err := f.svc.PostReply(ctx, f.who, f.live.ID, "Agreed: see https://example.org/cn", first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if reply.ReplyTo != first.ID || reply.Reply == nil || reply.Reply.AuthorName != f.who.Name ||
		!strings.HasPrefix(reply.Reply.Excerpt, "Community networks first.") || !strings.HasSuffix(reply.Reply.Excerpt, "…") {
		t.Fatalf("reply %+v quotes %+v", reply, reply.Reply)
	}
	// The room's event carries the quote, so clients need nothing else.
	last := f.pub.Events()[f.pub.Count()-1]
	var frame struct {
		Data struct {
			ReplyTo int64 `json:"reply_to"`
			Reply   struct {
				ID int64 `json:"id"`
			} `json:"reply"`
		} `json:"data"`
	}
	if err := json.Unmarshal(last.Frame, &frame); err != nil || frame.Data.ReplyTo != first.ID || frame.Data.Reply.ID != first.ID {
		t.Fatalf("chat.posted frame %s", last.Frame)
	}
	msgs, _, err := f.svc.RecentChat(ctx, f.who, f.live.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := msgs[len(msgs)-1]; got.ReplyTo != first.ID || got.Reply == nil || got.Reply.Excerpt != reply.Reply.Excerpt {
		t.Fatalf("history shows the reply as %+v", got)
	}

	// A message of another session, an unknown one, or a removed one cannot
	// be answered; nothing is posted.
	before := f.pub.Count()
	for _, to := range []int64{first.ID + 1000, -1} {
		if _, err := f.svc.PostReply(ctx, f.who, f.live.ID, "to nowhere", to); err == nil {
			t.Errorf("a reply to %d was posted", to)
		}
	}
	if _, err := f.db.Pool.Exec(ctx, `UPDATE chat_messages SET removed_at = now() WHERE id = $1`, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.PostReply(ctx, f.who, f.live.ID, "too late", first.ID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("a reply to a removed message: %v, want not_found", err)
	}
	if f.pub.Count() != before {
		t.Errorf("refused replies announced %d events", f.pub.Count()-before)
	}
	msgs, _, _ = f.svc.RecentChat(ctx, f.who, f.live.ID, 10)
	if got := msgs[len(msgs)-1]; got.Reply == nil || got.Reply.Excerpt != "" {
		t.Errorf("the quote of a removed message still shows %+v", got.Reply)
	}
}

func TestMutedPeopleFollowButDoNotWriteAndSlowModeSpacesMessages(t *testing.T) {
	f, ctx := newFixture(t)
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

// lastChatCounter counts the reads of a person's last message, the one
// extra read slow mode needs.
type lastChatCounter struct {
	*pgstore.Store
	reads int
}

func (c *lastChatCounter) LastChatAt(ctx context.Context, sessionID, accountID int64) (time.Time, time.Duration, error) {
	c.reads++
	return c.Store.LastChatAt(ctx, sessionID, accountID)
}

// A message in a room without slow mode reads no earlier message: the
// chat is a busy room's commonest write, and each read is a round trip
// before everyone sees it. With slow mode on, each message reads one.
func TestOnlySlowModeReadsTheLastMessage(t *testing.T) {
	f, ctx := newFixture(t)
	store := &lastChatCounter{Store: pgstore.New(f.db, f.pub)}
	svc := sessions.NewService(store)
	for _, body := range []string{"first", "second"} {
		if _, err := svc.PostChat(ctx, f.rajesh, f.live.ID, body); err != nil {
			t.Fatal(err)
		}
	}
	if store.reads != 0 {
		t.Errorf("without slow mode, two messages read the last one %d times, want 0", store.reads)
	}
	if _, err := f.db.Pool.Exec(ctx, `UPDATE sessions SET chat_slow_seconds = 30 WHERE id = $1`, f.live.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PostChat(ctx, f.amina, f.live.ID, "third"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PostChat(ctx, f.amina, f.live.ID, "fourth, too soon"); igfplus.ErrorCode(err) != igfplus.ERateLimited {
		t.Errorf("inside slow mode: %v, want rate limited", err)
	}
	if store.reads != 2 {
		t.Errorf("with slow mode, two messages read the last one %d times, want 2", store.reads)
	}
}

// A removed message is taken out of the room's log, and so out of every
// resume: its text, and the excerpt a reply quotes; other messages stay
// as they were, and the removal's event says the log was rewritten.
func TestRemovedChatLeavesTheRoomsLog(t *testing.T) {
	f, ctx := newFixture(t)
	const secret, kept = "my phone number is 0700 000 000", "Community networks first."
	gone, err := f.svc.PostChat(ctx, f.amina, f.live.ID, secret)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.PostReply(ctx, f.rajesh, f.live.ID, "Please do not share that here.", gone.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.PostChat(ctx, f.sophie, f.live.ID, kept); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.RemoveChat(ctx, f.moderator, f.live.ID, gone.ID, "personal data"); err != nil {
		t.Fatal(err)
	}
	if last := f.pub.Events()[f.pub.Count()-1]; last.Type != "chat.removed" || !last.Rewrote {
		t.Errorf("the removal announced %s with Rewrote %v, want chat.removed with Rewrote", last.Type, last.Rewrote)
	}

	log := pglog.New(f.db.Pool)
	room := sessions.RoomName(f.live.ID)
	top, err := log.Top(ctx, room)
	if err != nil {
		t.Fatal(err)
	}
	evs, _, err := log.Since(ctx, room, hub.Position{Epoch: top.Epoch}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var all []byte
	for _, ev := range evs {
		all = append(all, ev.Frame...)
	}
	if bytes.Contains(all, []byte("0700 000 000")) {
		t.Errorf("a resume from offset 0 replays the removed text (or its quote):\n%s", all)
	}
	if !bytes.Contains(all, []byte(kept)) || !bytes.Contains(all, []byte("Please do not share that here.")) {
		t.Errorf("the other messages went from the log too:\n%s", all)
	}
}

func TestModeratorsReadReportsNewestFirstAndParticipantsCannot(t *testing.T) {
	f, ctx := newFixture(t)
	amina, rajesh, moderator := f.amina, f.rajesh, f.moderator
	live := f.live.ID

	spam, err := f.svc.PostChat(ctx, rajesh, live, "Buy followers")
	if err != nil {
		t.Fatal(err)
	}
	other, err := f.svc.PostChat(ctx, rajesh, live, "Off topic again")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		id     int64
		reason string
	}{{spam.ID, "Advertising"}, {other.ID, "Off topic"}} {
		if err := f.svc.ReportChat(ctx, amina, live, r.id, r.reason); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.RemoveChat(ctx, moderator, live, spam.ID, ""); err != nil {
		t.Fatal(err)
	}

	if _, err := f.svc.ChatReports(ctx, amina, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant reading reports: %v, want forbidden", err)
	}
	got, err := f.svc.ChatReports(ctx, moderator, live)
	if err != nil {
		t.Fatal(err)
	}
	want := []sessions.ChatReport{
		{MessageID: other.ID, AuthorID: rajesh.AccountID, AuthorName: rajesh.Name, Body: "Off topic again", ReporterID: amina.AccountID, ReporterName: amina.Name, Reason: "Off topic"},
		{MessageID: spam.ID, AuthorID: rajesh.AccountID, AuthorName: rajesh.Name, Body: "Buy followers", Removed: true, ReporterID: amina.AccountID, ReporterName: amina.Name, Reason: "Advertising"},
	}
	checkStamped(t, "report", got, want, func(r *sessions.ChatReport) (*int64, *time.Time) { return &r.ID, &r.CreatedAt })
	if other, err := f.svc.ChatReports(ctx, moderator, f.idle.ID); err != nil || len(other) != 0 {
		t.Errorf("another session's reports: %+v, %v; want none", other, err)
	}
}

// BenchmarkLastChatAt: the slow-mode check each chat message makes, in a
// session whose chat already holds 50,000 messages, for someone who wrote
// 500 of them and for someone who wrote the rest.
func BenchmarkLastChatAt(b *testing.B) {
	ctx := context.Background()
	db := pgtest.DB(b)
	forum := forumtest.New(b, db)
	amina := forum.Person(b, "Amina Yusuf", "civil_society", "african").Identity()
	others := forum.Person(b, "Rajesh Iyer", "academia", "asia_pacific").Identity()
	// The statistics are those of an empty chat, as in a session that
	// started minutes ago: the plan must not depend on their being fresh.
	for _, q := range []string{`ALTER TABLE chat_messages SET (autovacuum_enabled = false)`, `ANALYZE chat_messages`} {
		if _, err := db.Pool.Exec(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := db.Pool.Exec(ctx, `
		INSERT INTO chat_messages (session_id, author_id, body)
		SELECT $1, CASE WHEN g % 100 = 0 THEN $2::bigint ELSE $3::bigint END, 'message ' || g
		FROM generate_series(1, 50000) AS g`, forum.Session, amina.AccountID, others.AccountID); err != nil {
		b.Fatal(err)
	}
	s := pgstore.New(db, nil)
	for _, who := range []struct {
		name string
		id   int64
	}{{"500_messages", amina.AccountID}, {"49500_messages", others.AccountID}} {
		b.Run(who.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.LastChatAt(ctx, forum.Session, who.id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
