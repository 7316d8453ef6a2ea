package pgstore_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/sessions"
)

// A removed message is taken out of the room's log, and so out of every
// resume: its text, and the excerpt a reply quotes; other messages stay
// as they were, and the removal's event says the log was rewritten.
func TestRemovedChatLeavesTheRoomsLog(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
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
