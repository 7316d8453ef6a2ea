package pgstore_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestWaitingRoomHoldsNewcomersUntilAModeratorAdmitsThem(t *testing.T) {
	f, ctx := newFixture(t)
	live := f.live.ID
	moderator, amina, rajesh, sophie := f.moderator, f.amina, f.rajesh, f.sophie
	// Sophie was in the room before the waiting room opened: no newcomer.
	f.db.Pool.Exec(ctx, `INSERT INTO attendance (session_id, account_id, node) VALUES ($1, $2, 'n')`, live, sophie.AccountID)

	if _, err := f.svc.ChangeSettings(ctx, amina, live, sessions.SettingsChange{WaitingRoom: ptr(true)}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a participant opening the waiting room: %v, want forbidden", err)
	}
	if _, err := f.svc.ChangeSettings(ctx, moderator, live, sessions.SettingsChange{WaitingRoom: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CanFollow(ctx, amina, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a newcomer following: %v, want forbidden", err)
	}
	if err := f.svc.CanFollow(ctx, sophie, live); err != nil {
		t.Fatalf("someone who was in the room before: %v", err)
	}
	if a, err := f.svc.AdmissionOf(ctx, amina, live); err != nil || a.State != sessions.NotAsked {
		t.Fatalf("before knocking: %+v, %v", a, err)
	}
	for i, who := range []igfplus.Identity{amina, rajesh, amina} {
		a, err := f.svc.Knock(ctx, who, live)
		want := []int{1, 2, 1}[i]
		if err != nil || a.State != sessions.Waiting || a.Position != want {
			t.Fatalf("knock %d: %+v, %v; want waiting at %d", i, a, err, want)
		}
	}
	if _, err := f.svc.WaitingList(ctx, amina, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant reading the waiting list: %v, want forbidden", err)
	}
	list, err := f.svc.WaitingList(ctx, moderator, live)
	if err != nil || len(list) != 2 || list[0].Name != "Amina Yusuf" || list[1].Name != "Rajesh Iyer" {
		t.Fatalf("waiting list %+v, %v", list, err)
	}
	if err := f.svc.Admit(ctx, amina, live, rajesh.AccountID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant admitting: %v, want forbidden", err)
	}
	if err := f.svc.Admit(ctx, moderator, live, amina.AccountID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CanFollow(ctx, amina, live); err != nil {
		t.Fatalf("admitted: %v", err)
	}
	if err := f.svc.Admit(ctx, moderator, live, amina.AccountID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("admitting twice: %v, want not found", err)
	}
	// Turned away from the waiting room: banned, with no way back.
	if err := f.svc.Restrict(ctx, moderator, live, rajesh.AccountID, sessions.Banned, ""); err != nil {
		t.Fatal(err)
	}
	if list, _ := f.svc.WaitingList(ctx, moderator, live); len(list) != 0 {
		t.Errorf("waiting list after the ban: %+v", list)
	}
	if _, err := f.svc.Knock(ctx, rajesh, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a banned person knocking again: %v, want forbidden", err)
	}
	var waitingEvents int
	for _, ev := range f.pub.Events() {
		if ev.Type == "admission.changed" {
			waitingEvents++
		}
	}
	if waitingEvents != 4 { // two knocks, an admission, a ban
		t.Errorf("%d admission.changed events, want 4", waitingEvents)
	}
}

func TestRegistrationAndObservers(t *testing.T) {
	f, ctx := newFixture(t)
	live := f.live.ID
	moderator := f.moderator
	layla := f.person(t, "Layla Haddad", "technical_community", "asia_pacific")
	observer := f.person(t, "Jean-Pierre Ndiaye", "intergovernmental", "intergovernmental")
	if _, err := f.svc.ChangeSettings(ctx, moderator, live, sessions.SettingsChange{RequiresRegistration: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CanFollow(ctx, layla, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("unregistered: %v, want forbidden", err)
	}
	if a, err := f.svc.Register(ctx, layla, live, true); err != nil || a.State != sessions.Admitted {
		t.Fatalf("registering: %+v, %v", a, err)
	}
	if _, err := f.svc.PostChat(ctx, layla, live, "Registered and here."); err != nil {
		t.Fatal(err)
	}
	f.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'observer')`, live, observer.AccountID)
	if err := f.svc.CanFollow(ctx, observer, live); err != nil {
		t.Fatalf("an observer following without registering: %v", err)
	}
	if _, err := f.svc.PostChat(ctx, observer, live, "Hello"); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("an observer chatting: %v, want forbidden", err)
	}
	if _, err := f.svc.RequestFloor(ctx, observer, live, sessions.Online, false); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("an observer asking for the floor: %v, want forbidden", err)
	}
	if err := f.svc.MayReact(ctx, observer, live, sessions.Applause); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("an observer reacting: %v, want forbidden", err)
	}
}

func TestReactionsAreCountedWithoutWhoReacted(t *testing.T) {
	f, ctx := newFixture(t)
	at := f.live.StartsAt
	if _, err := f.svc.RecordReactions(ctx, f.live.ID, map[sessions.ReactionKind]int{sessions.Applause: 3}, at); err != nil {
		t.Fatal(err)
	}
	r, err := f.svc.RecordReactions(ctx, f.live.ID, map[sessions.ReactionKind]int{sessions.Applause: 2, sessions.Agree: 1}, at.Add(20e9))
	if err != nil {
		t.Fatal(err)
	}
	if r.Counts["applause"] != 2 || r.Counts["agree"] != 1 || r.Counts["disagree"] != 0 || r.Totals["applause"] != 5 || r.WindowS != 10 {
		t.Fatalf("reactions %+v: the window holds the last 10 s, totals everything", r)
	}
	if last := f.pub.Events()[f.pub.Count()-1]; last.Type != "reactions.changed" {
		t.Errorf("event %s, want reactions.changed", last.Type)
	}
}

func TestStaffCannotBeRestrictedAndRestrictionsAreLiftedAndLogged(t *testing.T) {
	f, ctx := newFixture(t)
	live := f.live.ID
	// A co-moderator of this session only, an NRI coordinator say: no
	// platform role.
	coPerson := f.forum.Participant(t, "Cora Comod")
	f.forum.Role(t, live, coPerson, "co_moderator")
	comod := coPerson.Identity(igfplus.RoleParticipant)
	platformMod := f.forum.Person(t, "Pia Platform", "technical_community", "african", "moderator").Identity(igfplus.RoleParticipant, igfplus.RoleModerator)

	for name, staff := range map[string]igfplus.Identity{
		"the Secretariat":         f.who,
		"the session's moderator": f.moderator,
		"a platform moderator":    platformMod,
	} {
		for _, r := range []sessions.Restriction{sessions.Muted, sessions.Removed, sessions.Banned} {
			err := f.svc.Restrict(ctx, comod, live, staff.AccountID, r, "")
			if igfplus.ErrorCode(err) != igfplus.EForbidden || !strings.Contains(err.Error(), "cannot be") {
				t.Errorf("a session moderator making %s %s: %v, want a clear forbidden", name, r, err)
			}
		}
	}
	if got, _ := f.svc.Restricted(ctx, f.who, live); len(got) != 0 {
		t.Fatalf("refused restrictions were kept: %+v", got)
	}

	if err := f.svc.Restrict(ctx, comod, live, f.rajesh.AccountID, sessions.Banned, "Spam links"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CanFollow(ctx, f.rajesh, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("banned Rajesh following: %v, want forbidden", err)
	}
	if err := f.svc.Lift(ctx, f.amina, live, f.rajesh.AccountID, ""); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant lifting a ban: %v, want forbidden", err)
	}
	if err := f.svc.Lift(ctx, comod, live, f.rajesh.AccountID, "Apologised"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CanFollow(ctx, f.rajesh, live); err != nil {
		t.Errorf("unbanned Rajesh following: %v", err)
	}
	if err := f.svc.Lift(ctx, comod, live, f.rajesh.AccountID, ""); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("lifting nothing: %v, want not found", err)
	}
	if types := f.pub.Types(); !slices.Equal(types, []string{"participant.restricted", "participant.lifted"}) {
		t.Errorf("events %v, want the restriction then its lifting", types)
	}

	if _, err := f.svc.ModerationLog(ctx, f.amina, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant reading the log: %v, want forbidden", err)
	}
	log, err := f.svc.ModerationLog(ctx, f.forum.Secretariat.Identity(igfplus.RoleSecretariat), live)
	if err != nil {
		t.Fatal(err)
	}
	want := []sessions.LogEntry{
		{ActorID: comod.AccountID, ActorName: "Cora Comod", Action: sessions.LogLift, AccountID: f.rajesh.AccountID, AccountName: f.rajesh.Name, Detail: "banned", Reason: "Apologised"},
		{ActorID: comod.AccountID, ActorName: "Cora Comod", Action: sessions.LogRestrict, AccountID: f.rajesh.AccountID, AccountName: f.rajesh.Name, Detail: "banned", Reason: "Spam links"},
	}
	checkStamped(t, "log entry", log, want, func(e *sessions.LogEntry) (*int64, *time.Time) { return &e.ID, &e.At })
}

func TestStreamsAreSetByThoseWhoRunTheSessionAndTheSpeakersLinkIsTheirs(t *testing.T) {
	f, ctx := newFixture(t)
	live := f.live.ID
	links := []sessions.Stream{
		{Kind: sessions.SpeakersLink, URL: "https://meet.example.org/igf"},
		{Kind: sessions.PublicStream, URL: "https://youtu.be/dQw4w9WgXcQ"},
		{Kind: sessions.Interpretation, Language: "fr", URL: "https://cdn.example.org/fr.m3u8"},
	}
	if _, err := f.svc.SetStreams(ctx, f.amina, live, links); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a participant set the links: %v, want forbidden", err)
	}
	if _, err := f.svc.SetStreams(ctx, f.moderator, live, []sessions.Stream{{Kind: sessions.PublicStream, URL: "http://a.example.org"}}); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("an http link: %v, want invalid", err)
	}
	if _, err := f.svc.SetStreams(ctx, f.moderator, live, links); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.StreamsOf(ctx, f.moderator, live)
	if err != nil || len(got) != 3 || got[2] != links[2] {
		t.Fatalf("the moderator reads %+v, %v", got, err)
	}
	got, err = f.svc.StreamsOf(ctx, f.amina, live)
	if err != nil || len(got) != 2 || got[0].Kind != sessions.PublicStream {
		t.Fatalf("a participant reads %+v, %v: want the public and interpretation streams only", got, err)
	}
	f.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'speaker')`, live, f.rajesh.AccountID)
	if got, err = f.svc.StreamsOf(ctx, f.rajesh, live); err != nil || len(got) != 3 {
		t.Fatalf("a speaker reads %+v, %v: want the speakers' link too", got, err)
	}
	if _, err := f.svc.SetStreams(ctx, f.moderator, live, nil); err != nil {
		t.Fatal(err)
	}
	if got, err = f.svc.StreamsOf(ctx, f.moderator, live); err != nil || len(got) != 0 {
		t.Fatalf("after clearing: %+v, %v", got, err)
	}
}

// TestRoomsHearOfNewLinksHubsAndCaptionChannelsWithoutTheirTexts: saving
// the links, registering a hub, and setting up or removing a caption
// channel each announce one event to the session's room once committed:
// the links and the hub with no data (the speakers' link and the hub's
// contact are not for everyone), the channels as ids and languages only.
// A refused change announces nothing.
func TestRoomsHearOfNewLinksHubsAndCaptionChannelsWithoutTheirTexts(t *testing.T) {
	f, ctx := newFixture(t)
	live := f.live.ID
	before := f.pub.Count()
	if _, err := f.svc.SetStreams(ctx, f.moderator, live, []sessions.Stream{{Kind: sessions.SpeakersLink, URL: "https://meet.example.org/secret"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RegisterHub(ctx, f.amina, live, sessions.Hub{Name: "Nairobi hub", City: "Nairobi", Country: "KE", Expected: 40}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RegisterHub(ctx, f.rajesh, live, sessions.Hub{Name: "Nairobi hub", City: "Nairobi", Country: "KE", Expected: 4}); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("a second hub of that name: %v", err)
	}
	fr, err := f.svc.SetUpCaptionChannel(ctx, f.moderator, live, "fr", 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.RemoveCaptionChannel(ctx, f.moderator, live, fr.ID); err != nil {
		t.Fatal(err)
	}
	want := []struct{ kind, data string }{
		{sessions.KindStreamsChanged, `"data":{}`},
		{sessions.KindHubsChanged, `"data":{}`},
		{sessions.KindCaptionChannels, fmt.Sprintf(`"data":{"channels":[{"id":%d,"language":"fr"}]}`, fr.ID)},
		{sessions.KindCaptionChannels, `"data":{"channels":[]}`},
	}
	events := f.pub.Events()[before:]
	if len(events) != len(want) {
		t.Fatalf("%d events, want %d: %v", len(events), len(want), f.pub.Types()[before:])
	}
	for i, ev := range events {
		if ev.Room != sessions.RoomName(live) || ev.Type != want[i].kind || !strings.Contains(string(ev.Frame), want[i].data) {
			t.Errorf("event %d: %s %s %s, want %s with %s", i, ev.Room, ev.Type, ev.Frame, want[i].kind, want[i].data)
		}
	}
}

// Two moderators changing different settings at once both get their
// change: each applies to the settings as the other left them.
func TestTwoSettingsChangesAtOnceBothHold(t *testing.T) {
	f, ctx := newFixture(t)
	live := f.live.ID
	hold, err := f.db.Pool.Begin(ctx) // the session's row, held while both changes start
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback(ctx)
	if _, err := hold.Exec(ctx, `SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE`, live); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 2)
	for _, c := range []sessions.SettingsChange{{WaitingRoom: ptr(true)}, {SlowModeS: ptr(30)}} {
		go func() {
			_, err := f.svc.ChangeSettings(ctx, f.moderator, live, c)
			done <- err
		}()
	}
	deadline := time.Now().Add(10 * time.Second)
	for waiting := 0; waiting < 2 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		f.db.Pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND wait_event_type = 'Lock' AND strpos(query, 'sessions') > 0`).Scan(&waiting)
	}
	if err := hold.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	s, err := f.svc.Session(ctx, live)
	if err != nil || !s.Settings.WaitingRoom || s.Settings.SlowModeS != 30 {
		t.Fatalf("settings %+v, %v; want the waiting room on and slow mode at 30 s", s.Settings, err)
	}
}
