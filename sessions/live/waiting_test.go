package live_test

import (
	"context"
	"testing"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/live"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestWaitingRoomIsOnlyItsOwnersAndTakesNoMessages: a person's waiting
// room lets in that person alone (not someone else, not the anonymous),
// carries no messages, and is no session's room (so that waiting there
// never counts as having been in the session).
func TestWaitingRoomIsOnlyItsOwnersAndTakesNoMessages(t *testing.T) {
	ctx := context.Background()
	a := live.New(nil)
	room := sessions.WaitingRoomName(7, 27)
	as := func(id int64) hub.Credentials {
		if id == 0 {
			return hub.Credentials{}
		}
		return hub.Credentials{Principal: igfplus.Identity{AccountID: id}}
	}
	if err := a.CanJoin(ctx, as(27), room); err != nil {
		t.Errorf("the person themselves: %v", err)
	}
	if code := igfplus.ErrorCode(a.CanJoin(ctx, as(28), room)); code != igfplus.EForbidden {
		t.Errorf("someone else: %q, want forbidden", code)
	}
	if code := igfplus.ErrorCode(a.CanJoin(ctx, as(0), sessions.WaitingRoomName(7, 0))); code != igfplus.EUnauthorized {
		t.Errorf("the anonymous: %q, want unauthorized", code)
	}
	if _, err := a.DispatchReply(ctx, as(27), room, hub.Inbound{Type: "chat.send"}); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("a message in a waiting room: %v, want not found", err)
	}
	if _, ok := sessions.SessionIDOfRoom(room); ok {
		t.Errorf("%s taken for a session's room", room)
	}
	if s, p, ok := sessions.WaitingRoomOf(room); !ok || s != 7 || p != 27 {
		t.Errorf("WaitingRoomOf(%s) = %d, %d, %v", room, s, p, ok)
	}
}
