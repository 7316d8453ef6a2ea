package pages

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// reportData is the session report's page: the figures, translated, and
// the rapporteur's form while the report is a draft.
type reportData struct {
	R       sessions.Report
	Balance *balanceView
	// Speakers and the shares are the speaking time, in words.
	Speakers []speakerLine
	Shares   []shareBlock
	// Editable shows the rapporteur's form (the session has ended, not yet
	// reported, and the viewer writes its report).
	Editable bool
	// Error comes back with a form the service refused.
	Error             string
	JSONHref, CSVHref string
	Duration, Ended   string
}

// speakerLine is one speaker's time.
type speakerLine struct {
	Name, Group, Region, Time string
	Turns                     int
}

// shareBlock is speaking time summed by group, region or gender.
type shareBlock struct {
	Title string
	Lines []shareLine
}

type shareLine struct{ Name, Speakers, Time string }

// report: GET /sessions/:id/report — the session report as a page: a
// draft for its rapporteurs and moderators once the session has ended,
// public once reported (the service decides, as for the JSON).
func (p *Pages) report(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	return p.renderReport(c, id, http.StatusOK, "")
}

// writeReport: POST /sessions/:id/report — the rapporteur's form: saves
// the key takeaways and calls to action and, with publish, publishes.
func (p *Pages) writeReport(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	here := sessionPath(id) + "/report"
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, here)
	}
	kt, ca := c.FormValue("key_takeaways"), c.FormValue("calls_to_action")
	_, err = p.deps.Sessions.WriteReport(c.Request().Context(), who, id, sessions.ReportChange{KeyTakeaways: &kt, CallsToAction: &ca, Publish: c.FormValue("publish") == "true"})
	if code := igfplus.ErrorCode(err); code == igfplus.EInvalid {
		return p.renderReport(c, id, http.StatusUnprocessableEntity, code)
	}
	if err != nil {
		return err
	}
	return seeOther(c, here)
}

// renderReport renders the report of session id; errCode comes back from
// a form the service refused.
func (p *Pages) renderReport(c echo.Context, id int64, status int, errCode igfplus.Code) error {
	here := sessionPath(id) + "/report"
	who := p.identity(c)
	ctx := c.Request().Context()
	r, err := p.deps.Sessions.ReportOf(ctx, who, id)
	if igfplus.ErrorCode(err) == igfplus.EUnauthorized || (err != nil && who.Anonymous()) {
		return signinFor(c, here)
	}
	if err != nil {
		return err
	}
	v := p.view(c, here)
	d := &reportData{R: r, JSONHref: "/api/sessions/" + strconv.FormatInt(id, 10) + "/report", Editable: r.State == sessions.Ended && p.deps.Sessions.MayWriteReport(ctx, who, id) == nil}
	d.CSVHref = d.JSONHref + ".csv"
	if errCode != "" {
		if d.Error, err = v.T("report.error"); err != nil {
			return err
		}
	}
	if d.Balance, err = balanceOf(v, r.Attendance.Balance); err != nil {
		return err
	}
	if d.Ended, err = v.Date(r.EndedAt); err != nil {
		return err
	}
	d.Ended += " " + clock(r.EndedAt)
	if d.Duration, err = v.Fill("report.speaking_total", "time", minSec(secs(r.Speaking.TotalSeconds))); err != nil {
		return err
	}
	for _, s := range r.Speaking.Speakers {
		line := speakerLine{Name: s.Name, Turns: s.Turns, Time: minSec(secs(s.Seconds))}
		if line.Group, err = v.TK("group", s.StakeholderGroup); err != nil {
			return err
		}
		if line.Region, err = v.TK("region", s.Region); err != nil {
			return err
		}
		d.Speakers = append(d.Speakers, line)
	}
	if d.Shares, err = sharesOf(v, r.Speaking); err != nil {
		return err
	}
	v.Data = d
	return p.render(c, status, "report", v)
}

// sharesOf translates the speaking time per group, region and gender. A
// gender of fewer than five speakers shows "<5" and no time.
func sharesOf(v *view, st sessions.SpeakingTime) ([]shareBlock, error) {
	var out []shareBlock
	for _, b := range []struct {
		title, prefix string
		m             map[string]sessions.Share
	}{{"room.presence.by_group", "group", st.ByGroup}, {"room.presence.by_region", "region", st.ByRegion}} {
		block := shareBlock{}
		var err error
		if block.Title, err = v.T(b.title); err != nil {
			return nil, err
		}
		for _, k := range slices.Sorted(maps.Keys(b.m)) {
			name, err := v.TK(b.prefix, k)
			if err != nil {
				return nil, err
			}
			block.Lines = append(block.Lines, shareLine{Name: name, Speakers: strconv.Itoa(b.m[k].Speakers), Time: minSec(secs(b.m[k].Seconds))})
		}
		out = append(out, block)
	}
	gender := shareBlock{}
	var err error
	if gender.Title, err = v.T("moderate.by_gender"); err != nil {
		return nil, err
	}
	for _, g := range slices.Sorted(maps.Keys(st.ByGender)) {
		share, line := st.ByGender[g], shareLine{Speakers: st.ByGender[g].Speakers, Time: "—"}
		if line.Name, err = genderName(v, g); err != nil {
			return nil, err
		}
		if hidden(share.Speakers) {
			if line.Speakers, err = v.T("presence.few"); err != nil {
				return nil, err
			}
		}
		if share.Seconds != nil {
			line.Time = minSec(secs(*share.Seconds))
		}
		gender.Lines = append(gender.Lines, line)
	}
	return append(out, gender), nil
}

func secs(n int) time.Duration { return time.Duration(n) * time.Second }
