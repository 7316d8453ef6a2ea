package pgstore_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestSpeakingQueue(t *testing.T) {
	f, ctx := newFixture(t)
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

func TestFloorCarriesTheSpeakingRulesAndTheBalancedOrder(t *testing.T) {
	f, ctx := newFixture(t)
	live := f.live.ID
	moderator := f.moderator
	minister := f.person(t, "Aigerim Nurlanovna", "government", "asia_pacific")
	mp := f.person(t, "Tomasz Kowalski", "government", "eastern_european")
	rajesh := f.rajesh // academia
	fl, err := f.svc.FloorOf(ctx, moderator, live)
	if err != nil || fl.SpeakingLimitS != 180 || fl.WarnAtS != 150 || fl.Balanced {
		t.Fatalf("default rules: %+v, %v", fl, err)
	}
	for _, who := range []igfplus.Identity{minister, mp, rajesh} {
		if _, err := f.svc.RequestFloor(ctx, who, live, sessions.Online, false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.svc.ChangeSettings(ctx, moderator, live, sessions.SettingsChange{BalancedQueue: ptr(true), SpeakingLimitS: ptr(120), WarnAtS: ptr(100)}); err != nil {
		t.Fatal(err)
	}
	fl, err = f.svc.FloorOf(ctx, moderator, live)
	if err != nil || fl.SpeakingLimitS != 120 || fl.WarnAtS != 100 || !fl.Balanced || len(fl.Queue) != 3 {
		t.Fatalf("changed rules: %+v, %v", fl, err)
	}
	if fl.Queue[0].Name != "Aigerim Nurlanovna" || fl.Queue[1].Name != "Rajesh Iyer" || fl.Queue[2].Name != "Tomasz Kowalski" {
		t.Errorf("balanced order %s, %s, %s: want the groups to alternate", fl.Queue[0].Name, fl.Queue[1].Name, fl.Queue[2].Name)
	}
	last := f.pub.Events()[f.pub.Count()-1]
	if last.Type != "floor.changed" || f.pub.Events()[f.pub.Count()-2].Type != "session.settings" {
		t.Errorf("a settings change announces session.settings then floor.changed, got %s last", last.Type)
	}
}

func TestAHubAsksForTheFloorInTheOneQueue(t *testing.T) {
	f, ctx := newFixture(t)
	live := f.live.ID
	nairobi := sessions.Hub{Name: "Nairobi hub", City: "Nairobi", Country: "KE", Expected: 40}
	hub, err := f.svc.RegisterHub(ctx, f.amina, live, nairobi)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RegisterHub(ctx, f.rajesh, live, nairobi); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("a second hub of that name: %v, want conflict", err)
	}
	if _, err := f.svc.RequestFloorForHub(ctx, f.rajesh, live, hub.ID, false); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("asking as someone else's hub: %v, want not found", err)
	}
	if _, err := f.svc.RequestFloor(ctx, f.sophie, live, sessions.Online, false); err != nil {
		t.Fatal(err)
	}
	fl, err := f.svc.RequestFloorForHub(ctx, f.amina, live, hub.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(fl.Queue) != 2 || fl.Queue[1].Hub != "Nairobi hub" || fl.Queue[1].Name != "Amina Yusuf" || fl.Queue[1].Mode != sessions.RemoteHub || fl.Queue[0].Hub != "" {
		t.Fatalf("queue %+v: want Sophie, then the Nairobi hub via Amina", fl.Queue)
	}
	if _, err := f.svc.HubsOf(ctx, f.amina, live); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant listed the hubs: %v, want forbidden", err)
	}
	hubs, err := f.svc.HubsOf(ctx, f.moderator, live)
	if err != nil || len(hubs) != 1 || hubs[0].Contact != "Amina Yusuf" || hubs[0].Expected != 40 {
		t.Fatalf("the moderator's list %+v, %v", hubs, err)
	}
}

// Banning someone who waits to speak, or who speaks, takes them off the
// queue and the floor, and the room sees it (floor.changed): the queue no
// longer offers a request that "Give the floor" would refuse.
func TestAnExcludedPersonLeavesTheQueueAndTheFloorInTheRoomsSight(t *testing.T) {
	f, ctx := newFixture(t)
	live := f.live.ID
	sophieFloor, err := f.svc.RequestFloor(ctx, f.sophie, live, sessions.Online, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.GrantFloor(ctx, f.moderator, live, sophieFloor.Queue[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RequestFloor(ctx, f.rajesh, live, sessions.Online, false); err != nil {
		t.Fatal(err)
	}
	for _, who := range []igfplus.Identity{f.rajesh, f.sophie} {
		before := f.pub.Count()
		if err := f.svc.Restrict(ctx, f.moderator, live, who.AccountID, sessions.Banned, ""); err != nil {
			t.Fatal(err)
		}
		if types := f.pub.Types()[before:]; !slices.Contains(types, "floor.changed") {
			t.Errorf("banning %s announced %v, want the floor changed", who.Name, types)
		}
	}
	fl, err := f.svc.FloorOf(ctx, f.moderator, live)
	if err != nil || fl.Speaker != nil || len(fl.Queue) != 0 {
		t.Fatalf("the floor after the bans: %+v, %v; want nobody speaking or waiting", fl, err)
	}
}

// A request that reaches the store as the session ends is refused: an
// ended session keeps no one waiting to speak.
func TestTheStoreTakesNoFloorRequestOutsideALiveSession(t *testing.T) {
	f, ctx := newFixture(t)
	_, err := pgstore.New(f.db, f.pub).RequestFloor(ctx, sessions.FloorRequest{SessionID: f.idle.ID, AccountID: f.amina.AccountID, Mode: sessions.Online})
	if !errors.Is(err, sessions.ErrFloorClosed) {
		t.Fatalf("a request into a session that is not live: %v, want the floor closed", err)
	}
}
