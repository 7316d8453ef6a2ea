package live_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/live"
	"github.com/igfplus/igfplus/sessions/live/actions"
	"github.com/igfplus/igfplus/sessions/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestSomeoneSignedOutWatchesAPublicRoomAndCanSendNothing: without
// credentials, a public session's room may be joined (its wall), one that
// requires registration may not; and every room action sent without
// credentials is refused as unauthorized, changing nothing.
func TestSomeoneSignedOutWatchesAPublicRoomAndCanSendNothing(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	forum := forumtest.New(t, db)
	pub := &counter{}
	rooms := live.New(sessions.NewService(pgstore.New(db, pub)))
	room := sessions.RoomName(forum.Session)
	if err := rooms.CanJoin(ctx, hub.Credentials{}, room); err != nil {
		t.Fatalf("signed out, joining a public session's room: %v", err)
	}
	before := fingerprint(t, db, forum.Session)
	for _, spec := range actions.All() {
		raw, _ := json.Marshal(map[string]any{"type": spec.Type, "body": "hello", "mode": "remote_hub", "kind": "applause", "text": "caption"})
		_, err := rooms.DispatchReply(ctx, hub.Credentials{}, room, hub.Inbound{Type: spec.Type, Raw: raw})
		if igfplus.ErrorCode(err) != igfplus.EUnauthorized {
			t.Errorf("%s sent signed out: %v, want unauthorized", spec.Type, err)
		}
	}
	if after := fingerprint(t, db, forum.Session); after != before || pub.n.Load() != 0 {
		t.Errorf("the room changed: %s\n-> %s (%d events)", before, after, pub.n.Load())
	}
	pgtest.Exec(t, db, `UPDATE sessions SET requires_registration = true WHERE id = $1`, forum.Session)
	if err := rooms.CanJoin(ctx, hub.Credentials{}, room); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("signed out, joining a session that requires registration: %v, want unauthorized", err)
	}
}
