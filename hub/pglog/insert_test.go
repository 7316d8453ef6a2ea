package pglog_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/hub/pglog/pglogtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
)

// note is a row of a table of the test's own, announced as it would be by
// a store: the insert sets ID and At.
type note struct {
	ID   int64     `json:"id"`
	Body string    `json:"body"`
	At   time.Time `json:"created_at"`
}

const insertNote = `INSERT INTO notes (body) VALUES ($1) RETURNING id, created_at`

func notes(t *testing.T) *pgdb.DB {
	t.Helper()
	db := pgtest.DB(t)
	_, err := db.Pool.Exec(context.Background(), `CREATE TABLE notes (
		id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		body text NOT NULL CHECK (body <> ''),
		created_at timestamptz NOT NULL DEFAULT now())`)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func post(ctx context.Context, db *pgdb.DB, pub pglog.Publisher, sql, body string) (note, error) {
	n := note{Body: body}
	err := pglog.InsertThenPublish(ctx, db.Pool, pub, pglog.Insert{
		SQL: sql, Args: []any{body}, Room: "room:n", Kind: "note.posted", Data: n, Set: []string{"id", "created_at"},
	}, &n.ID, &n.At)
	return n, err
}

// TestAnInsertAndItsEventCommitAsOneStatement: the row and its event are
// both there when the event is published (the recorder checks), at the
// room's next offset after events appended the usual way, and the event
// carries the values the insert made.
func TestAnInsertAndItsEventCommitAsOneStatement(t *testing.T) {
	ctx := context.Background()
	db := notes(t)
	pub := pglogtest.NewRecorder(t, db.Pool)
	if err := pglog.CommitThenPublish(ctx, db, pub, func(tx pgx.Tx) ([]hub.Event, error) {
		ev, err := pglog.Append(ctx, tx, "room:n", "opened", map[string]string{})
		return []hub.Event{ev}, err
	}); err != nil {
		t.Fatal(err)
	}
	var posted []note
	for _, body := range []string{"first", "second"} {
		n, err := post(ctx, db, pub, insertNote, body)
		if err != nil {
			t.Fatal(err)
		}
		posted = append(posted, n)
	}
	evs := pub.Events()
	if len(evs) != 3 || evs[1].Offset != 2 || evs[2].Offset != 3 || evs[1].Epoch != evs[0].Epoch {
		t.Fatalf("events at %v, want offsets 1, 2, 3 in one epoch", positions(evs))
	}
	for i, n := range posted {
		var frame struct {
			Kind string `json:"kind"`
			Data note   `json:"data"`
		}
		if err := json.Unmarshal(evs[i+1].Frame, &frame); err != nil {
			t.Fatal(err)
		}
		if n.ID == 0 || n.At.IsZero() || frame.Kind != "note.posted" || frame.Data.ID != n.ID || !frame.Data.At.Equal(n.At) || frame.Data.Body != n.Body {
			t.Errorf("note %+v announced as %s %+v", n, frame.Kind, frame.Data)
		}
	}
}

// TestAnInsertThatFailsOrInsertsNothingAnnouncesNothing: a refused row and
// a statement that inserts none leave the room's offsets as they were, so
// the next event follows with no gap, and nothing is published.
func TestAnInsertThatFailsOrInsertsNothingAnnouncesNothing(t *testing.T) {
	ctx := context.Background()
	db := notes(t)
	pub := pglogtest.NewRecorder(t, db.Pool)
	if _, err := post(ctx, db, pub, insertNote, "first"); err != nil {
		t.Fatal(err)
	}
	if _, err := post(ctx, db, pub, insertNote, ""); !pgdb.Violates(err, "notes_body_check") {
		t.Fatalf("an empty note: %v, want the check refused", err)
	}
	none := `INSERT INTO notes (body) SELECT $1 WHERE false RETURNING id, created_at`
	if _, err := post(ctx, db, pub, none, "never"); !errors.Is(err, pgx.ErrNoRows) {
		t.Fatalf("no row inserted: %v, want no rows", err)
	}
	if _, err := post(ctx, db, pub, insertNote, "third"); err != nil {
		t.Fatal(err)
	}
	evs := pub.Events()
	if len(evs) != 2 || evs[0].Offset != 1 || evs[1].Offset != 2 {
		t.Fatalf("events at %v, want offsets 1 and 2", positions(evs))
	}
	var stored int
	db.Pool.QueryRow(ctx, `SELECT count(*) FROM room_events WHERE room = 'room:n'`).Scan(&stored)
	if stored != 2 {
		t.Fatalf("%d events stored, want 2", stored)
	}
}

func positions(evs []hub.Event) []hub.Position {
	out := make([]hub.Position, len(evs))
	for i, ev := range evs {
		out[i] = ev.Position()
	}
	return out
}
