package pgstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestStreamsAreSetByThoseWhoRunTheSessionAndTheSpeakersLinkIsTheirs(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
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

func TestAHubAsksForTheFloorInTheOneQueue(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
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

// TestRoomsHearOfNewLinksHubsAndCaptionChannelsWithoutTheirTexts: saving
// the links, registering a hub, and setting up or removing a caption
// channel each announce one event to the session's room once committed:
// the links and the hub with no data (the speakers' link and the hub's
// contact are not for everyone), the channels as ids and languages only.
// A refused change announces nothing.
func TestRoomsHearOfNewLinksHubsAndCaptionChannelsWithoutTheirTexts(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
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
