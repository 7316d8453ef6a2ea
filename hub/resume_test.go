package hub_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
)

// expectResume dials room resuming from from and checks what comes: the
// offsets wantFirst..wantLast in order (none when wantFirst > wantLast), or,
// with wantReload, a 4009 close.
func expectResume(t *testing.T, n *testNode, room string, from hub.Position, wantFirst, wantLast int64, wantReload bool) {
	t.Helper()
	q := "?epoch=" + itoa64(from.Epoch) + "&offset=" + itoa64(from.Offset)
	c := mustDial(t, n, room, q)
	deadline := time.Now().Add(5 * time.Second)
	f, err := c.tryNext(deadline)
	if wantReload {
		var ce *websocket.CloseError
		if err == nil || !errors.As(err, &ce) || ce.Code != hub.CloseReload {
			t.Fatalf("got %+v, %v; want close %d", f, err, hub.CloseReload)
		}
		return
	}
	if err != nil || f.Type != "joined" || f.From != from {
		t.Fatalf("got %+v, %v; want joined from %+v", f, err, from)
	}
	for want := wantFirst; want <= wantLast; want++ {
		f, err := c.tryNext(deadline)
		if err != nil || f.Type != "event" || f.Offset != want {
			t.Fatalf("got %+v, %v; want event %d", f, err, want)
		}
	}
	// Nothing more: the next frame must be the live event published now.
	appendAndPublish(context.Background(), n.db, n.h, room, "live")
	if f, err := c.tryNext(deadline); err != nil || f.Type != "event" || f.Offset != max(wantLast, from.Offset)+1 {
		t.Fatalf("after the backlog got %+v, %v; want the live event %d", f, err, max(wantLast, from.Offset)+1)
	}
}

// fillOpenRoom opens room on n with a listener, which keeps it open as live
// participants would, so that the node's memory is in play; publishes
// events to it, then deletes the log's events up to offset trim (none for
// 0); and returns the log's top.
func fillOpenRoom(ctx context.Context, t *testing.T, db *pgdb.DB, n *testNode, room string, events, trim int64) hub.Position {
	t.Helper()
	listener := mustDial(t, n, room, "")
	listener.next()
	for range events {
		if err := appendAndPublish(ctx, db, n.h, room, "e"); err != nil {
			t.Fatal(err)
		}
	}
	if trim > 0 {
		if _, err := db.Pool.Exec(ctx, `DELETE FROM room_events WHERE room = $1 AND "offset" <= $2`, room, trim); err != nil {
			t.Fatal(err)
		}
	}
	top, err := pglog.New(db.Pool).Top(ctx, room)
	if err != nil {
		t.Fatal(err)
	}
	return top
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func TestResumeContract(t *testing.T) {
	ctx := context.Background()
	// beyond is more events than a node keeps in memory (512 to 1,024), so
	// that a resume from early on must read Postgres.
	const beyond = 1100
	cases := []struct {
		name string
		// events are published before the resume; then trim deletes the
		// log's oldest events (offset <= trim); from picks the position.
		events, trim int64
		from         func(top hub.Position) hub.Position
		first, last  int64
		reload       bool
	}{
		{name: "empty room", events: 0, from: func(top hub.Position) hub.Position { return top }, first: 1, last: 0},
		{name: "from a position", events: 20, from: func(top hub.Position) hub.Position { return hub.Position{Epoch: top.Epoch, Offset: 7} }, first: 8, last: 20},
		{name: "gap larger than the node's memory, from Postgres", events: beyond, from: func(top hub.Position) hub.Position { return hub.Position{Epoch: top.Epoch, Offset: 3} }, first: 4, last: beyond},
		{name: "trimmed everywhere", events: beyond, trim: 100, from: func(top hub.Position) hub.Position { return hub.Position{Epoch: top.Epoch, Offset: 50} }, reload: true},
		{name: "ahead of the top", events: 5, from: func(top hub.Position) hub.Position { return hub.Position{Epoch: top.Epoch, Offset: top.Offset + 3} }, reload: true},
		{name: "same position", events: 5, from: func(top hub.Position) hub.Position { return top }, first: 6, last: 5},
		{name: "epoch changed", events: 5, from: func(top hub.Position) hub.Position { return hub.Position{Epoch: top.Epoch - 1, Offset: 2} }, reload: true},
		{name: "trimmed in Postgres but still in the node's memory", events: 40, trim: 40, from: func(top hub.Position) hub.Position { return hub.Position{Epoch: top.Epoch, Offset: 30} }, first: 31, last: 40},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := pgtest.DB(t)
			n := newNode(t, db, nil)
			const room = "room:resume"
			top := fillOpenRoom(ctx, t, db, n, room, tc.events, tc.trim)
			expectResume(t, n, room, tc.from(top), tc.first, tc.last, tc.reload)
		})
	}
}

// TestANodeOpeningARoomServesResumesFromMemory: a node that did not have
// the room open reads its recent events once, so a resume then needs no
// database read (shown by trimming the log after the node opened the room).
func TestANodeOpeningARoomServesResumesFromMemory(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	writer := newNode(t, db, nil)
	const room = "room:preload"
	for range 30 {
		if err := appendAndPublish(ctx, db, writer.h, room, "e"); err != nil {
			t.Fatal(err)
		}
	}
	fresh := newNode(t, db, nil)
	first := mustDial(t, fresh, room, "") // opens the room on the fresh node
	first.next()
	if _, err := db.Pool.Exec(ctx, `DELETE FROM room_events WHERE room = $1`, room); err != nil {
		t.Fatal(err)
	}
	top, _ := pglog.New(db.Pool).Top(ctx, room)
	expectResume(t, fresh, room, hub.Position{Epoch: top.Epoch, Offset: 10}, 11, 30, false)
}
