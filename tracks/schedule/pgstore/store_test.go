package pgstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/pgstore/programmetest"
	"github.com/igfplus/igfplus/tracks/schedule"
	"github.com/igfplus/igfplus/tracks/schedule/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// world: the programme's world (edition 1 to 5 June 2031, UTC) with a
// placed session "placed" in Hall A on 2 June 09:00-10:00 moderated by
// Lead, and an unscheduled one, "waiting" (both moderated by Sec too).
type world struct {
	*programmetest.World
	svc             *schedule.Service
	placed, waiting int64
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{World: programmetest.New(t)}
	w.svc = schedule.NewService(pgstore.New(w.DB))
	w.placed = w.Session(t, "placed")
	w.One(t, `UPDATE sessions SET room = 'Hall A' WHERE id = $1 RETURNING id`, w.placed)
	w.One(t, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'moderator') RETURNING session_id`, w.placed, w.Lead.AccountID)
	w.waiting = w.Session(t, "waiting")
	w.One(t, `UPDATE sessions SET state = 'unscheduled', room = '' WHERE id = $1 RETURNING id`, w.waiting)
	return w
}

func at(day, hour int) time.Time { return time.Date(2031, 6, day, hour, 0, 0, 0, time.UTC) }

func state(t *testing.T, w *world, id int64) (st, room string, start time.Time) {
	t.Helper()
	if err := w.DB.Pool.QueryRow(context.Background(), `SELECT state, room, starts_at FROM sessions WHERE id = $1`, id).Scan(&st, &room, &start); err != nil {
		t.Fatal(err)
	}
	return st, room, start
}

func TestPlaceRefusesARoomBookedTwiceEvenConfirmed(t *testing.T) {
	w, ctx := newWorld(t), context.Background()
	_, found, err := w.svc.Place(ctx, w.Sec, w.waiting, schedule.Placement{Room: "hall a", StartsAt: at(2, 9).Add(30 * time.Minute), EndsAt: at(2, 11)}, true)
	var refused *schedule.Refused
	if !errors.As(err, &refused) || igfplus.ErrorCode(err) != igfplus.EConflict || len(found) == 0 || found[0].Kind != schedule.RoomTwice {
		t.Fatalf("err %v, clashes %+v", err, found)
	}
	if st, _, _ := state(t, w, w.waiting); st != "unscheduled" {
		t.Fatalf("a refused placement left the session %s", st)
	}
}

func TestPlaceAsksToConfirmAPersonsClashThenSchedules(t *testing.T) {
	w, ctx := newWorld(t), context.Background()
	if err := w.svc.AddRole(ctx, w.Sec, w.waiting, w.Lead.AccountID, schedule.Captioner); err != nil {
		t.Fatal(err)
	}
	p := schedule.Placement{Room: "Hall B", StartsAt: at(2, 9), EndsAt: at(2, 10)}
	clashes, err := w.svc.Check(ctx, w.Sec, w.waiting, p)
	if err != nil || len(clashes) != 3 || schedule.AnyBlocking(clashes) {
		t.Fatalf("check: %+v, %v", clashes, err)
	}
	if _, _, err := w.svc.Place(ctx, w.Sec, w.waiting, p, false); igfplus.ErrorCode(err) != igfplus.EConflict || !strings.Contains(igfplus.ErrorMessage(err), "lead@example.org is in") {
		t.Fatalf("unconfirmed: %v", err)
	}
	b, _, err := w.svc.Place(ctx, w.Sec, w.waiting, p, true)
	if err != nil || b.State != "scheduled" || b.Room != "Hall B" || len(b.People) != 2 {
		t.Fatalf("confirmed: %+v, %v", b, err)
	}
	if st, room, start := state(t, w, w.waiting); st != "scheduled" || room != "Hall B" || !start.Equal(at(2, 9)) {
		t.Fatalf("saved %s %s %v", st, room, start)
	}
}

func TestPlaceRefusesOutsideTheDaysInTheEditionsZone(t *testing.T) {
	w, ctx := newWorld(t), context.Background()
	w.One(t, `UPDATE editions SET time_zone = 'Asia/Tokyo' WHERE id = $1 RETURNING id`, w.Edition)
	// 1 June 00:00 in Tokyo is 31 May 15:00 UTC: 31 May 16:00 UTC is in.
	in := schedule.Placement{StartsAt: time.Date(2031, 5, 31, 16, 0, 0, 0, time.UTC), EndsAt: time.Date(2031, 5, 31, 17, 0, 0, 0, time.UTC)}
	if _, _, err := w.svc.Place(ctx, w.Sec, w.waiting, in, false); err != nil {
		t.Fatalf("within the days in Tokyo: %v", err)
	}
	out := schedule.Placement{StartsAt: at(5, 15), EndsAt: at(5, 16)} // 6 June 00:00 in Tokyo
	if _, found, err := w.svc.Place(ctx, w.Sec, w.waiting, out, true); igfplus.ErrorCode(err) != igfplus.EConflict || found[0].Kind != schedule.OutsideDays {
		t.Fatalf("outside: %v %+v", err, found)
	}
}

func TestOnlyTheSecretariatSchedulesAndBegunSessionsStay(t *testing.T) {
	w, ctx := newWorld(t), context.Background()
	p := schedule.Placement{StartsAt: at(3, 9), EndsAt: at(3, 10)}
	if _, _, err := w.svc.Place(ctx, w.Lead, w.waiting, p, true); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a participant placed a session: %v", err)
	}
	w.One(t, `UPDATE sessions SET state = 'live' WHERE id = $1 RETURNING id`, w.placed)
	if _, _, err := w.svc.Place(ctx, w.Sec, w.placed, p, true); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("a live session moved: %v", err)
	}
	if _, err := w.svc.AddItem(ctx, w.Sec, w.placed, schedule.Item{Title: "Late", Minutes: 5}); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("a live session's agenda changed: %v", err)
	}
}

func TestPeopleFoundByNameAndGivenRoles(t *testing.T) {
	w, ctx := newWorld(t), context.Background()
	found, err := w.svc.SearchPeople(ctx, w.Sec, "EA")
	if err != nil || len(found) != 1 || found[0].ID != w.Lead.AccountID {
		t.Fatalf("found %+v, %v", found, err)
	}
	if _, err := w.svc.SearchPeople(ctx, w.Sec, "%"); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("a one-character search: %v", err)
	}
	if found, _ := w.svc.SearchPeople(ctx, w.Sec, "%%"); len(found) != 0 {
		t.Fatalf("%% matched %+v", found)
	}
	if err := w.svc.AddRole(ctx, w.Sec, w.waiting, 999999, schedule.Rapporteur); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Fatalf("an unknown account: %v", err)
	}
	if err := w.svc.AddRole(ctx, w.Sec, w.waiting, w.Stranger.AccountID, schedule.Rapporteur); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.RemoveRole(ctx, w.Sec, w.waiting, w.Stranger.AccountID, schedule.Rapporteur); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.RemoveRole(ctx, w.Sec, w.waiting, w.Stranger.AccountID, schedule.Rapporteur); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("removed twice: %v", err)
	}
}

func TestAgendaItemsAddedChangedAndRemovedInOrder(t *testing.T) {
	w, ctx := newWorld(t), context.Background()
	var ids []int64
	for _, title := range []string{"One", "Two", "Three"} {
		it, err := w.svc.AddItem(ctx, w.Sec, w.waiting, schedule.Item{Title: title, Minutes: 10})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, it.ID)
	}
	if err := w.svc.UpdateItem(ctx, w.Sec, w.waiting, schedule.Item{ID: ids[2], Title: "Third", Minutes: 25}); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.RemoveItem(ctx, w.Sec, w.waiting, ids[0]); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.UpdateItem(ctx, w.Sec, w.placed, schedule.Item{ID: ids[1], Title: "x", Minutes: 1}); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("another session's item changed: %v", err)
	}
	items, err := w.svc.Agenda(ctx, w.Sec, w.waiting)
	if err != nil || len(items) != 2 || items[0].Title != "Two" || items[1].Minutes != 25 {
		t.Fatalf("agenda %+v, %v", items, err)
	}
	var positions string
	w.DB.Pool.QueryRow(ctx, `SELECT string_agg(position::text, ',' ORDER BY position) FROM agenda_items WHERE session_id = $1`, w.waiting).Scan(&positions)
	if positions != "1,2" {
		t.Fatalf("positions %s", positions)
	}
}

const header = "track,policy_issue,format,title,day,start,end,room\n"

func TestImportTakesAllRowsOrNone(t *testing.T) {
	w, ctx := newWorld(t), context.Background()
	count := func() (n int) {
		w.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM sessions`).Scan(&n)
		return n
	}
	before := count()
	bad := header + "access,access,workshop,Good,2031-06-03,09:00,10:00,Hall C\n" +
		"access,ai,workshop,Wrong issue,2031-06-03,11:00,12:00,Hall C\n" +
		"access,access,workshop,Busy room,2031-06-02,09:30,10:00,Hall A\n"
	rows, err := schedule.ReadCSV(strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	_, refused, err := w.svc.Import(ctx, w.Sec, w.Edition, rows)
	if igfplus.ErrorCode(err) != igfplus.EInvalid || len(refused) != 2 || refused[0].Row != 3 || refused[1].Row != 4 || count() != before {
		t.Fatalf("refused %+v, err %v, sessions %d then %d", refused, err, before, count())
	}
	good := header + "access,access,workshop,Good,2031-06-03,09:00,10:00,Hall C\n" + "access,access,open_forum,Also good,2031-06-03,11:00,12:00,Hall C\n"
	rows, _ = schedule.ReadCSV(strings.NewReader(good))
	ids, refused, err := w.svc.Import(ctx, w.Sec, w.Edition, rows)
	if err != nil || refused != nil || len(ids) != 2 || count() != before+2 {
		t.Fatalf("ids %v refused %+v err %v", ids, refused, err)
	}
	var st string
	var people int
	w.DB.Pool.QueryRow(ctx, `SELECT state, (SELECT count(*) FROM session_roles WHERE session_id = s.id) FROM sessions s WHERE id = $1`, ids[0]).Scan(&st, &people)
	if st != "scheduled" || people != 0 {
		t.Fatalf("imported session %s with %d people", st, people)
	}
	if _, _, err := w.svc.Import(ctx, w.Lead, w.Edition, rows); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a participant imported: %v", err)
	}
}

// A session a track's planners add with its room and times through the
// programme (POST /api/tracks/{id}/sessions) is held to the scheduler's
// blocking rules: not into a room already booked then, not outside the
// edition's days. A slot that clashes with nothing is added.
func TestASessionAddedWithItsSlotIsHeldToTheSchedulersRules(t *testing.T) {
	w, ctx := newWorld(t), context.Background()
	add := func(slug, room string, start time.Time) error {
		_, err := w.Programme.AddSession(ctx, w.Sec, w.Global, tracks.NewSession{PolicyIssueID: w.Issue, Slug: slug, Title: slug,
			Format: "workshop", Room: room, StartsAt: start, EndsAt: start.Add(time.Hour)})
		return err
	}
	var refused *schedule.Refused
	if err := add("twice", "HALL A ", at(2, 9).Add(30*time.Minute)); !errors.As(err, &refused) || refused.Clashes[0].Kind != schedule.RoomTwice {
		t.Errorf("a session into Hall A while it is booked: %v, want refused", err)
	}
	if err := add("late", "Hall B", at(9, 9)); !errors.As(err, &refused) || igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("a session after the edition's last day: %v, want refused", err)
	}
	if n := w.One(t, `SELECT count(*) FROM sessions WHERE slug IN ('twice', 'late')`); n != 0 {
		t.Errorf("%d refused sessions were kept", n)
	}
	if err := add("free", "Hall A", at(2, 10)); err != nil {
		t.Errorf("a session in Hall A once it is free: %v", err)
	}
}
