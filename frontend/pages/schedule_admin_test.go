package pages

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/schedule"
)

// fakeScheduling answers as the service would for one session (7) that
// clashes in Room 3 and not elsewhere.
type fakeScheduling struct {
	Scheduling
	placed []schedule.Placement
	roles  []string
}

var nairobi, _ = time.LoadLocation("Africa/Nairobi")

func (f *fakeScheduling) booking() schedule.Booking {
	return schedule.Booking{ID: 7, Title: "Data flows", State: "unscheduled", People: []schedule.Person{{AccountID: 2, Name: "Lucía", Role: schedule.Moderator}}}
}

func (f *fakeScheduling) Programme(context.Context, igfplus.Identity, int64) ([]schedule.Booking, error) {
	return []schedule.Booking{f.booking()}, nil
}

// Plan is of the session's own edition, in Nairobi's zone; the current
// (newest) edition is in another (scheduleFixture).
func (f *fakeScheduling) Plan(context.Context, igfplus.Identity, int64) (schedule.Plan, error) {
	return schedule.Plan{Session: f.booking(), Days: schedule.Days{Zone: nairobi}}, nil
}

func (f *fakeScheduling) clashes(p schedule.Placement) []schedule.Clash {
	if p.Room != "Room 3" {
		return nil
	}
	return []schedule.Clash{{Kind: schedule.RoomTwice, SessionTitle: "Opening", Room: "Room 3", Blocking: true}}
}

func (f *fakeScheduling) Check(_ context.Context, _ igfplus.Identity, _ int64, p schedule.Placement) ([]schedule.Clash, error) {
	return f.clashes(p), nil
}

func (f *fakeScheduling) Place(_ context.Context, _ igfplus.Identity, _ int64, p schedule.Placement, _ bool) (schedule.Booking, []schedule.Clash, error) {
	if cs := f.clashes(p); cs != nil {
		return schedule.Booking{}, cs, &schedule.Refused{Err: igfplus.Errorf(igfplus.EConflict, "Not saved"), Clashes: cs}
	}
	f.placed = append(f.placed, p)
	return f.booking(), nil, nil
}

func (f *fakeScheduling) SearchPeople(_ context.Context, _ igfplus.Identity, q string) ([]schedule.Candidate, error) {
	return []schedule.Candidate{{ID: 9, Name: "Layla Haddad"}}, nil
}

func (f *fakeScheduling) AddRole(_ context.Context, _ igfplus.Identity, _, account int64, role schedule.Role) error {
	f.roles = append(f.roles, string(role))
	return nil
}

func (f *fakeScheduling) Agenda(context.Context, igfplus.Identity, int64) ([]schedule.Item, error) {
	return []schedule.Item{{ID: 1, Title: "Opening", Minutes: 10}}, nil
}

func (f *fakeScheduling) Import(context.Context, igfplus.Identity, int64, []schedule.Row) ([]int64, []schedule.RowProblem, error) {
	return nil, []schedule.RowProblem{{Row: 3, Problems: []schedule.Problem{{Column: "track", Code: "unknown_track"}}}}, igfplus.Errorf(igfplus.EInvalid, "Nothing was imported")
}

func scheduleFixture(t *testing.T) (*fixture, *fakeScheduling) {
	s := &fakeScheduling{}
	f := newFixtureWith(t, func(d *Deps) {
		d.Schedule = s
		d.IdentityOf = func(c echo.Context) igfplus.Identity {
			if c.Request().Header.Get(userHeader) == "sec" {
				return igfplus.Identity{AccountID: 1, Name: "Sec", Roles: []igfplus.Role{igfplus.RoleSecretariat}}
			}
			return igfplus.Identity{AccountID: 5, Name: "Amina"}
		}
	})
	// The newest edition, in another zone than the session's own: the
	// session's times are read and shown in its own edition's.
	f.prog.edition = &tracks.Edition{ID: 2, TimeZone: "America/New_York", StartsOn: time.Date(2026, 6, 23, 0, 0, 0, 0, time.UTC)}
	return f, s
}

// Without JavaScript: the check lists the clash in words, a refused save
// comes back with it, a clean save is read in the session's edition's zone
// (not the newest edition's); people
// are found by a GET form and added by a plain form.
func TestScheduleFormsCheckPlaceAndFindPeople(t *testing.T) {
	f, s := scheduleFixture(t)
	if rec := f.do("GET", "/admin/schedule/7", "amina", nil); rec.Code != http.StatusForbidden {
		t.Errorf("a participant: %d", rec.Code)
	}
	rec := f.do("GET", "/admin/schedule", "sec", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `href="/admin/schedule/7"`) {
		t.Fatalf("the list: %d\n%s", rec.Code, rec.Body)
	}
	form := url.Values{"day": {"2025-06-23"}, "start": {"10:00"}, "end": {"11:00"}, "room": {"Room 3"}, "action": {"check"}}
	rec = f.do("POST", "/admin/schedule/7/place", "sec", form)
	if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, "Room 3 is booked for “Opening”") || !strings.Contains(body, `value="Room 3"`) {
		t.Fatalf("the check: %d\n%s", rec.Code, body)
	}
	form.Set("action", "save")
	if rec := f.do("POST", "/admin/schedule/7/place", "sec", form); rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), `id="clashes"`) {
		t.Fatalf("a refused save: %d", rec.Code)
	}
	form.Set("room", "Room 9")
	if rec := f.do("POST", "/admin/schedule/7/place", "sec", form); rec.Code != http.StatusSeeOther || len(s.placed) != 1 ||
		!s.placed[0].StartsAt.Equal(time.Date(2025, 6, 23, 10, 0, 0, 0, nairobi)) {
		t.Fatalf("a save: %d %+v", rec.Code, s.placed)
	}
	rec = f.do("GET", "/admin/schedule/7?q=Layla", "sec", nil)
	if body := rec.Body.String(); !strings.Contains(body, `id="found-9-add"`) || !strings.Contains(body, "Layla Haddad") {
		t.Fatalf("the search: %s", body)
	}
	rec = f.do("POST", "/admin/schedule/7/roles", "sec", url.Values{"account_id": {"9"}, "role": {"captioner"}, "q": {"Layla"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/schedule/7?q=Layla#people" || len(s.roles) != 1 {
		t.Fatalf("adding: %d %s", rec.Code, rec.Header().Get("Location"))
	}
}

// An import sent without a file says so beside the file field, in the
// reader's language.
func TestAnImportWithoutAFileSaysSoInTheReadersLanguage(t *testing.T) {
	f, _ := scheduleFixture(t)
	rec := f.do("POST", "/admin/schedule/import?lang=ar", "sec", url.Values{})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "اختر ملف CSV لاستيراده.") {
		t.Fatalf("%d, want 422 with the Arabic message: %s", rec.Code, rec.Body.String())
	}
}
