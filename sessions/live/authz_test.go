package live_test

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/live"
	"github.com/igfplus/igfplus/sessions/live/actions"
	"github.com/igfplus/igfplus/sessions/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type counter struct{ n atomic.Int64 }

func (c *counter) Publish(context.Context, hub.Event) error { c.n.Add(1); return nil }

// fingerprint is everything a moderator's action could change in the live
// room, as text.
func fingerprint(t *testing.T, db *pgdb.DB, sessionID int64) string {
	t.Helper()
	var out string
	err := db.Pool.QueryRow(context.Background(), `
		SELECT concat_ws(' | ',
			(SELECT row_to_json(s)::text FROM (SELECT state, current_item_id, item_started_at, requires_registration, waiting_room,
				balanced_queue, speaking_limit_s, speaking_warn_at_s, chat_slow_seconds, review_questions FROM sessions WHERE id = $1) s),
			(SELECT string_agg(id || ':' || position || ':' || minutes || ':' || (started_at IS NULL), ',' ORDER BY id) FROM agenda_items WHERE session_id = $1),
			(SELECT string_agg(id || ':' || (hidden_at IS NULL) || held, ',' ORDER BY id) FROM questions WHERE session_id = $1),
			(SELECT count(*) FROM moderation_log WHERE session_id = $1),
			(SELECT string_agg(id || ':' || state, ',' ORDER BY id) FROM floor_requests WHERE session_id = $1),
			(SELECT string_agg(id || ':' || pinned || answered || coalesce(merged_into, 0), ',' ORDER BY id) FROM questions WHERE session_id = $1),
			(SELECT string_agg(id || ':' || (removed_at IS NULL), ',' ORDER BY id) FROM chat_messages WHERE session_id = $1),
			(SELECT string_agg(account_id || ':' || kind, ',' ORDER BY account_id) FROM session_restrictions WHERE session_id = $1),
			(SELECT string_agg(account_id || ':' || state, ',' ORDER BY account_id) FROM session_admissions WHERE session_id = $1),
			(SELECT count(*) FROM captions WHERE session_id = $1),
			(SELECT count(*) FROM caption_channels WHERE session_id = $1),
			(SELECT count(*) FROM room_events))`, sessionID).Scan(&out)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEveryModeratorMessageFromAParticipantIsRefusedAndChangesNothing:
// each message only moderators (or captioners) may send, sent by a plain
// participant who may otherwise take part, is refused as forbidden, and
// nothing in the room changes or is announced.
func TestEveryModeratorMessageFromAParticipantIsRefusedAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	forum := forumtest.New(t, db)
	pub := &counter{}
	svc := sessions.NewService(pgstore.New(db, pub))
	rooms := live.New(svc)
	participant := forum.Participant(t, "Amina Yusuf").Identity(igfplus.RoleParticipant)
	other := forum.Participant(t, "Rajesh Iyer").Identity(igfplus.RoleParticipant)
	waiter := forum.Participant(t, "Sophie Martin").Identity(igfplus.RoleParticipant)
	moderator := forum.Moderator.Identity(igfplus.RoleParticipant) // a moderator of the session, not of the platform
	sessionID, itemID := forum.Session, forum.Agenda[0]
	room := sessions.RoomName(sessionID)
	// Something for every action to act on: a message, a question, a queued
	// request, someone in the waiting room (the participant was in the room
	// before, so stays a full participant).
	db.Pool.Exec(ctx, `INSERT INTO attendance (session_id, account_id, node) VALUES ($1, $2, 'n')`, sessionID, participant.AccountID)
	msg, err := svc.PostChat(ctx, other, sessionID, "hello")
	if err != nil {
		t.Fatal(err)
	}
	q, err := svc.Ask(ctx, other, sessionID, "why?", false)
	if err != nil {
		t.Fatal(err)
	}
	q2, err := svc.Ask(ctx, other, sessionID, "why not?", false)
	if err != nil {
		t.Fatal(err)
	}
	fl, err := svc.RequestFloor(ctx, other, sessionID, sessions.Online, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ChangeSettings(ctx, moderator, sessionID, sessions.SettingsChange{WaitingRoom: new(true)}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Knock(ctx, waiter, sessionID); err != nil {
		t.Fatal(err)
	}
	muted := forum.Participant(t, "Tomasz Kowalski").Identity(igfplus.RoleParticipant)
	if err := svc.Restrict(ctx, moderator, sessionID, muted.AccountID, sessions.Muted, ""); err != nil {
		t.Fatal(err)
	}
	req := fl.Queue[0].ID
	before, published := fingerprint(t, db, sessionID), pub.n.Load()

	for _, m := range []map[string]any{
		{"type": "session.move", "state": "ended"},
		{"type": "agenda.start", "item_id": itemID},
		{"type": "floor.grant", "request_id": req},
		{"type": "floor.end", "request_id": req},
		{"type": "floor.decline", "request_id": req},
		{"type": "question.change", "question_id": q.ID, "pinned": true},
		{"type": "question.change", "question_id": q.ID, "answered": true},
		{"type": "question.change", "question_id": q2.ID, "merged_into": q.ID},
		{"type": "chat.remove", "message_id": msg.ID},
		{"type": "participant.restrict", "account_id": other.AccountID, "restriction": "muted"},
		{"type": "participant.restrict", "account_id": other.AccountID, "restriction": "removed"},
		{"type": "participant.restrict", "account_id": waiter.AccountID, "restriction": "banned"},
		{"type": "admission.admit", "account_id": waiter.AccountID},
		{"type": "session.settings", "waiting_room": false},
		{"type": "session.settings", "requires_registration": true},
		{"type": "session.settings", "balanced_queue": true, "speaking_limit_s": 60, "warn_at_s": 30},
		{"type": "session.settings", "slow_mode_s": 30},
		{"type": "caption.add", "text": "not a captioner"},
		{"type": "caption.channel_add", "language": "fr"},
		{"type": "caption.channel_remove", "channel": 1},
		{"type": "participant.lift", "account_id": muted.AccountID},
		{"type": "question.hide", "question_id": q.ID, "reason": "no"},
		{"type": "question.release", "question_id": q.ID},
		{"type": "agenda.next"},
		{"type": "agenda.extend", "minutes": 5},
		{"type": "agenda.move", "item_id": forum.Agenda[2], "position": 1},
		{"type": "session.settings", "review_questions": true},
	} {
		raw, _ := json.Marshal(m)
		err := rooms.Dispatch(ctx, socketOf(participant), room, hub.Inbound{Type: m["type"].(string), Raw: raw})
		if igfplus.ErrorCode(err) != igfplus.EForbidden {
			t.Errorf("%s from a participant: %v, want forbidden", raw, err)
		}
	}
	if after := fingerprint(t, db, sessionID); after != before || pub.n.Load() != published {
		t.Fatalf("refused messages changed the room:\n before %s\n after  %s\n (%d events announced)", before, after, pub.n.Load()-published)
	}
	// The same message from the moderator does change it: the fingerprint
	// sees what a missed check would have done.
	raw, _ := json.Marshal(map[string]any{"account_id": waiter.AccountID})
	if err := rooms.Dispatch(ctx, socketOf(moderator), room, hub.Inbound{Type: "admission.admit", Raw: raw}); err != nil {
		t.Fatal(err)
	}
	if fingerprint(t, db, sessionID) == before {
		t.Fatal("the moderator's admission left no trace: the fingerprint misses changes")
	}
}

// socketOf is who as the platform's authenticator hands them to the hub.
func socketOf(who igfplus.Identity) hub.Credentials {
	return hub.Credentials{AccountID: who.AccountID, TokenVersion: who.TokenVersion, Principal: who}
}

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
