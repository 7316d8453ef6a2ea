package pages

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/schedule"
)

// Scheduling is what the Secretariat's schedule pages use of
// schedule.Service.
type Scheduling interface {
	Programme(ctx context.Context, who igfplus.Identity, edition int64) ([]schedule.Booking, error)
	Plan(ctx context.Context, who igfplus.Identity, id int64) (schedule.Plan, error)
	Check(ctx context.Context, who igfplus.Identity, id int64, p schedule.Placement) ([]schedule.Clash, error)
	Place(ctx context.Context, who igfplus.Identity, id int64, p schedule.Placement, confirmed bool) (schedule.Booking, []schedule.Clash, error)
	Import(ctx context.Context, who igfplus.Identity, edition int64, rows []schedule.Row) ([]int64, []schedule.RowProblem, error)
	SearchPeople(ctx context.Context, who igfplus.Identity, q string) ([]schedule.Candidate, error)
	AddRole(ctx context.Context, who igfplus.Identity, session, account int64, role schedule.Role) error
	RemoveRole(ctx context.Context, who igfplus.Identity, session, account int64, role schedule.Role) error
	Agenda(ctx context.Context, who igfplus.Identity, session int64) ([]schedule.Item, error)
	AddItem(ctx context.Context, who igfplus.Identity, session int64, it schedule.Item) (schedule.Item, error)
	UpdateItem(ctx context.Context, who igfplus.Identity, session int64, it schedule.Item) error
	RemoveItem(ctx context.Context, who igfplus.Identity, session, item int64) error
}

var _ Scheduling = (*schedule.Service)(nil)

const scheduleAdminPath = "/admin/schedule"

// HasScheduling reports whether the Secretariat's schedule pages are served.
func (v *view) HasScheduling() bool { return v.p.deps.Schedule != nil }

func (p *Pages) scheduleAdminRoutes(g *echo.Group) {
	g.GET(scheduleAdminPath, p.scheduleAdmin)
	g.POST(scheduleAdminPath+"/import", p.importSchedule)
	g.GET(scheduleAdminPath+"/:id", p.sessionSchedule)
	g.POST(scheduleAdminPath+"/:id/place", p.placeSession)
	g.POST(scheduleAdminPath+"/:id/roles", p.addSessionRole)
	g.POST(scheduleAdminPath+"/:id/roles/remove", p.removeSessionRole)
	g.POST(scheduleAdminPath+"/:id/agenda", p.addAgendaItem)
	g.POST(scheduleAdminPath+"/:id/agenda/:item", p.changeAgendaItem)
	g.POST(scheduleAdminPath+"/:id/agenda/:item/remove", p.removeAgendaItem)
}

// zoned is a time shown in the edition's time zone.
type zoned struct{ zone *time.Location }

// Day is t's day (YYYY-MM-DD) in the edition's zone.
func (z zoned) Day(t time.Time) string { return t.In(z.zone).Format(time.DateOnly) }

// Clock is t's time of day (HH:MM) in the edition's zone.
func (z zoned) Clock(t time.Time) string { return t.In(z.zone).Format("15:04") }

// ZoneName is the edition's IANA time zone.
func (z zoned) ZoneName() string { return z.zone.String() }

// scheduleAdminData is /admin/schedule: the edition's sessions, the
// unscheduled first, and the import form with its last report.
type scheduleAdminData struct {
	zoned
	Edition  tracks.Edition
	Sessions []schedule.Booking
	Imported string
	// Refused lists the rows of a refused file; ImportProblem a refusal
	// of the whole file, in the service's words.
	Refused       []schedule.RowProblem
	ImportProblem string
}

// Columns are the CSV file's columns, for its first line.
func (d *scheduleAdminData) Columns() []string { return schedule.Columns }

// scheduleAdmin: GET /admin/schedule.
func (p *Pages) scheduleAdmin(c echo.Context) error {
	return p.renderScheduleAdmin(c, http.StatusOK, &scheduleAdminData{Imported: c.QueryParam("imported")})
}

func (p *Pages) renderScheduleAdmin(c echo.Context, status int, d *scheduleAdminData) error {
	who, ok, err := p.secretariatPage(c, scheduleAdminPath)
	if !ok || err != nil {
		return err
	}
	ctx := c.Request().Context()
	if d.Edition, err = p.deps.Programme.CurrentEdition(ctx); err != nil {
		return err
	}
	if d.zone, err = time.LoadLocation(d.Edition.TimeZone); err != nil {
		return err
	}
	if d.Sessions, err = p.deps.Schedule.Programme(ctx, who, d.Edition.ID); err != nil {
		return err
	}
	v := p.view(c, scheduleAdminPath)
	v.Data = d
	return p.render(c, status, "schedule_admin", v)
}

// importSchedule: POST /admin/schedule/import — the uploaded CSV file;
// back to the page with the count, or with every refused row.
func (p *Pages) importSchedule(c echo.Context) error {
	who, ok, err := p.secretariatPage(c, scheduleAdminPath)
	if !ok || err != nil {
		return err
	}
	ed, err := p.deps.Programme.CurrentEdition(c.Request().Context())
	if err != nil {
		return err
	}
	d := &scheduleAdminData{}
	fh, err := c.FormFile("file")
	if err != nil {
		d.ImportProblem = p.errorText(c, igfplus.Errorf(igfplus.EInvalid, "Choose a CSV file to import."))
		return p.renderScheduleAdmin(c, http.StatusUnprocessableEntity, d)
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := schedule.ReadCSV(f)
	var ids []int64
	if err == nil {
		ids, d.Refused, err = p.deps.Schedule.Import(c.Request().Context(), who, ed.ID, rows)
	}
	switch code := igfplus.ErrorCode(err); {
	case err == nil:
		return seeOther(c, scheduleAdminPath+"?imported="+strconv.Itoa(len(ids))+"#import")
	case code == igfplus.EInvalid || code == igfplus.EConflict:
		d.ImportProblem = p.errorText(c, err)
		return p.renderScheduleAdmin(c, statusOf(code), d)
	default:
		return err
	}
}

// sessionScheduleData is /admin/schedule/{id}: the placement form with
// the clashes of the last check, the session's people with the search
// for more, and its agenda.
type sessionScheduleData struct {
	zoned
	Plan schedule.Plan
	// The placement form's values.
	Day, Start, End, Room string
	// Checked: the form was checked; Clashes are what it found, and
	// Blocking whether one refuses it. Saved: the placement was saved.
	Checked, Blocking, Saved bool
	Clashes                  []schedule.Clash
	Query                    string
	Found                    []schedule.Candidate
	Roles                    []schedule.Role
	Items                    []schedule.Item
	// Minutes is the agenda's total time.
	Minutes int
	formProblems
}

// Session is the session scheduled.
func (d *sessionScheduleData) Session() schedule.Booking { return d.Plan.Session }

// sessionSchedule: GET /admin/schedule/{id}?q= — the page, with the
// people whose name holds q.
func (p *Pages) sessionSchedule(c echo.Context) error {
	return p.renderSessionSchedule(c, http.StatusOK, &sessionScheduleData{Saved: c.QueryParam("saved") != ""}, nil)
}

func (p *Pages) renderSessionSchedule(c echo.Context, status int, d *sessionScheduleData, problem error) error {
	id, err := pathInt(c, "session")
	if err != nil {
		return err
	}
	here := scheduleAdminPath + "/" + strconv.FormatInt(id, 10)
	who, ok, err := p.secretariatPage(c, here)
	if !ok || err != nil {
		return err
	}
	ctx, v := c.Request().Context(), p.view(c, here)
	if d.Plan, err = p.deps.Schedule.Plan(ctx, who, id); err != nil {
		return err
	}
	// The session's own edition's zone, which the clash check uses: the
	// current (newest) edition may be another, in another zone.
	d.zone = d.Plan.Days.Zone
	if d.zone == nil {
		d.zone = time.UTC
	}
	if err := d.fill(ctx, p.deps.Schedule, who, c.QueryParam("q")); err != nil {
		return err
	}
	if problem != nil {
		if d.Problem, err = v.T("scheduling.error." + string(igfplus.ErrorCode(problem))); err != nil {
			return err
		}
		d.Detail = v.loc.Error(problem)
	}
	v.Data = d
	return p.render(c, status, "schedule_session", v)
}

// fill reads the agenda and the people found, and puts the session's own
// slot in the placement form unless one was posted.
func (d *sessionScheduleData) fill(ctx context.Context, s Scheduling, who igfplus.Identity, q string) error {
	b := d.Plan.Session
	if d.Day == "" && b.Placed() {
		d.Day, d.Start, d.End, d.Room = d.zoned.Day(b.StartsAt), d.Clock(b.StartsAt), d.Clock(b.EndsAt), b.Room
	}
	d.Roles = schedule.Roles
	var err error
	if d.Items, err = s.Agenda(ctx, who, b.ID); err != nil {
		return err
	}
	for _, it := range d.Items {
		d.Minutes += it.Minutes
	}
	if d.Query = q; q != "" {
		d.Found, err = s.SearchPeople(ctx, who, q)
		if igfplus.ErrorCode(err) == igfplus.EInvalid {
			err, d.Found = nil, nil
		}
	}
	return err
}

// placeSession: POST /admin/schedule/{id}/place — "check" lists the
// clashes; "save" places the session (confirm: despite the clashes that
// allow it), or comes back with them.
func (p *Pages) placeSession(c echo.Context) error {
	id, who, ok, err := p.scheduleSession(c)
	if !ok || err != nil {
		return err
	}
	d := &sessionScheduleData{Day: c.FormValue("day"), Start: c.FormValue("start"), End: c.FormValue("end"), Room: c.FormValue("room"), Checked: true}
	ctx := c.Request().Context()
	pl, err := p.placement(ctx, who, id, d)
	if err == nil && c.FormValue("action") == "save" {
		_, d.Clashes, err = p.deps.Schedule.Place(ctx, who, id, pl, c.FormValue("confirm") == "yes")
		if err == nil {
			return seeOther(c, scheduleAdminPath+"/"+strconv.FormatInt(id, 10)+"?saved=1#placement")
		}
	} else if err == nil {
		d.Clashes, err = p.deps.Schedule.Check(ctx, who, id, pl)
	}
	d.Blocking = schedule.AnyBlocking(d.Clashes)
	var refused *schedule.Refused
	switch code := igfplus.ErrorCode(err); {
	case err == nil:
		return p.renderSessionSchedule(c, http.StatusOK, d, nil)
	case errors.As(err, &refused):
		return p.renderSessionSchedule(c, http.StatusConflict, d, nil)
	case code == igfplus.EInvalid || code == igfplus.EConflict:
		d.Checked = false
		return p.renderSessionSchedule(c, statusOf(code), d, err)
	default:
		return err
	}
}

// placement reads the form's day and times in the zone of session id's
// edition (which may not be the current one).
func (p *Pages) placement(ctx context.Context, who igfplus.Identity, id int64, d *sessionScheduleData) (schedule.Placement, error) {
	plan, err := p.deps.Schedule.Plan(ctx, who, id)
	if err != nil {
		return schedule.Placement{}, err
	}
	zone := plan.Days.Zone
	if zone == nil {
		zone = time.UTC
	}
	start, err := schedule.LocalTime(zone, d.Day, d.Start, "start")
	if err != nil {
		return schedule.Placement{}, err
	}
	end, err := schedule.LocalTime(zone, d.Day, d.End, "end")
	return schedule.Placement{Room: d.Room, StartsAt: start, EndsAt: end}, err
}

// scheduled runs a change of session {id}'s people or agenda and goes
// back to the page at anchor (keeping the search), or comes back with the
// refusal.
func (p *Pages) scheduled(c echo.Context, anchor string, do func(ctx context.Context, who igfplus.Identity, id int64) error) error {
	id, who, ok, err := p.scheduleSession(c)
	if !ok || err != nil {
		return err
	}
	err = do(c.Request().Context(), who, id)
	switch code := igfplus.ErrorCode(err); {
	case err == nil:
		back := scheduleAdminPath + "/" + strconv.FormatInt(id, 10)
		if q := c.FormValue("q"); q != "" {
			back += "?q=" + url.QueryEscape(q)
		}
		return seeOther(c, back+"#"+anchor)
	case code == igfplus.EInvalid || code == igfplus.EConflict || code == igfplus.ENotFound:
		return p.renderSessionSchedule(c, statusOf(code), &sessionScheduleData{}, err)
	default:
		return err
	}
}

// addSessionRole: POST /admin/schedule/{id}/roles {account_id, role, q}.
func (p *Pages) addSessionRole(c echo.Context) error {
	account, _ := strconv.ParseInt(c.FormValue("account_id"), 10, 64)
	return p.scheduled(c, "people", func(ctx context.Context, who igfplus.Identity, id int64) error {
		return p.deps.Schedule.AddRole(ctx, who, id, account, schedule.Role(c.FormValue("role")))
	})
}

// removeSessionRole: POST /admin/schedule/{id}/roles/remove.
func (p *Pages) removeSessionRole(c echo.Context) error {
	account, _ := strconv.ParseInt(c.FormValue("account_id"), 10, 64)
	return p.scheduled(c, "people", func(ctx context.Context, who igfplus.Identity, id int64) error {
		return p.deps.Schedule.RemoveRole(ctx, who, id, account, schedule.Role(c.FormValue("role")))
	})
}

// agendaItem reads an agenda item's form.
func agendaItem(c echo.Context) schedule.Item {
	minutes, _ := strconv.Atoi(c.FormValue("minutes"))
	item, _ := strconv.ParseInt(c.Param("item"), 10, 64)
	return schedule.Item{ID: item, Title: c.FormValue("title"), Minutes: minutes}
}

// addAgendaItem: POST /admin/schedule/{id}/agenda {title, minutes}.
func (p *Pages) addAgendaItem(c echo.Context) error {
	return p.scheduled(c, "agenda", func(ctx context.Context, who igfplus.Identity, id int64) error {
		_, err := p.deps.Schedule.AddItem(ctx, who, id, agendaItem(c))
		return err
	})
}

// changeAgendaItem: POST /admin/schedule/{id}/agenda/{item}.
func (p *Pages) changeAgendaItem(c echo.Context) error {
	return p.scheduled(c, "agenda", func(ctx context.Context, who igfplus.Identity, id int64) error {
		return p.deps.Schedule.UpdateItem(ctx, who, id, agendaItem(c))
	})
}

// removeAgendaItem: POST /admin/schedule/{id}/agenda/{item}/remove.
func (p *Pages) removeAgendaItem(c echo.Context) error {
	return p.scheduled(c, "agenda", func(ctx context.Context, who igfplus.Identity, id int64) error {
		return p.deps.Schedule.RemoveItem(ctx, who, id, agendaItem(c).ID)
	})
}

// scheduleSession reads the session the path names and who asks, who must
// be the Secretariat (secretariatPage: ok is false once the answer is
// written or err says why not).
func (p *Pages) scheduleSession(c echo.Context) (int64, igfplus.Identity, bool, error) {
	id, err := pathInt(c, "session")
	if err != nil {
		return 0, igfplus.Identity{}, false, err
	}
	who, ok, err := p.secretariatPage(c, scheduleAdminPath)
	return id, who, ok, err
}
