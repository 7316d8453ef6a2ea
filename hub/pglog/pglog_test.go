package pglog_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub/pglog"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestTrimKeepsRecentEventsAndDropsOldOnes(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	for i := range 10 {
		err := db.InTx(ctx, func(tx pgx.Tx) error {
			_, err := pglog.Append(ctx, tx, "room:t", "e", map[string]int{"i": i})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE room_events SET created_at = now() - interval '26 hours' WHERE "offset" <= 4`); err != nil {
		t.Fatal(err)
	}
	n, err := pglog.New(db.Pool).Trim(ctx, pglog.Retention)
	if err != nil || n != 4 {
		t.Fatalf("trimmed %d (%v), want 4", n, err)
	}
	var left, first int64
	db.Pool.QueryRow(ctx, `SELECT count(*), min("offset") FROM room_events`).Scan(&left, &first)
	if left != 6 || first != 5 {
		t.Fatalf("%d events left from offset %d, want 6 from 5", left, first)
	}
}

func TestConcurrentFirstReadsOfANewRoomAgreeOnItsEpoch(t *testing.T) {
	ctx := context.Background()
	log := pglog.New(pgtest.DB(t).Pool)
	const readers = 40
	epochs := make(chan int64, readers)
	errs := make(chan error, readers)
	for range readers {
		go func() {
			top, err := log.Top(ctx, "room:new")
			errs <- err
			epochs <- top.Epoch
		}()
	}
	var first int64
	for range readers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		e := <-epochs
		if first == 0 {
			first = e
		}
		if e != first || e == 0 {
			t.Fatalf("epochs %d and %d for one room", first, e)
		}
	}
}

// An event that rewrote earlier ones says so when read back from the log,
// not only on the wire: a node that missed it on Redis and heals from here
// forgets its copies of the room's events all the same.
func TestARewritingEventSaysSoWhenReadFromTheLog(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	log := pglog.New(db.Pool)
	from, err := log.Top(ctx, "room:r")
	if err != nil {
		t.Fatal(err)
	}
	for i, rewrites := range []bool{false, true} {
		err := db.InTx(ctx, func(tx pgx.Tx) error {
			ev, err := pglog.Append(ctx, tx, "room:r", "e", map[string]int{"i": i})
			if err == nil && rewrites {
				err = pglog.MarkRewrote(ctx, tx, &ev)
			}
			if err == nil && ev.Rewrote != rewrites {
				t.Errorf("event %d says Rewrote %v", i, ev.Rewrote)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	evs, _, err := log.Since(ctx, "room:r", from, 10)
	if err != nil || len(evs) != 2 || evs[0].Rewrote || !evs[1].Rewrote {
		t.Fatalf("read back: %+v, %v; want only the second rewriting", evs, err)
	}
}
