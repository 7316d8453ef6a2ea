package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// sessionReportCSV: GET /api/sessions/:id/report.csv — the same report as
// CSV, one row per record, its kind in the section column.
func (s *Server) sessionReportCSV(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	r, err := s.deps.Sessions.ReportOf(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, `attachment; filename="session-`+strconv.FormatInt(id, 10)+`-report.csv"`)
	c.Response().WriteHeader(http.StatusOK)
	w := csv.NewWriter(c.Response())
	w.WriteAll(reportRows(r)) // a client gone mid-way is no error of ours
	return nil
}

type reportChangeJSON struct {
	KeyTakeaways  *string `json:"key_takeaways"`
	CallsToAction *string `json:"calls_to_action"`
	Publish       bool    `json:"publish"`
}

// writeReport: PUT /api/sessions/:id/report replaces the rapporteur's text
// (a field left out becomes empty); PATCH changes only the fields sent.
// With "publish": true the report is complete and the session reported.
func (s *Server) writeReport(c echo.Context) error {
	replace := c.Request().Method == http.MethodPut
	return writeByID(s, "session", http.StatusOK, func(ctx context.Context, who igfplus.Identity, id int64, in reportChangeJSON) (sessions.Report, error) {
		if replace {
			for _, f := range []**string{&in.KeyTakeaways, &in.CallsToAction} {
				if *f == nil {
					*f = new(string)
				}
			}
		}
		return s.deps.Sessions.WriteReport(ctx, who, id,
			sessions.ReportChange{KeyTakeaways: in.KeyTakeaways, CallsToAction: in.CallsToAction, Publish: in.Publish})
	})(c)
}

// reportHeader names the report CSV's columns.
var reportHeader = []string{"section", "key", "label", "stakeholder_group", "region", "count", "seconds", "votes", "answered", "text"}

// reportRows lays a report out as CSV rows, header first. Sections:
// session, attendance, attendance_by_group|region|gender, speaking,
// speaker, speaking_by_group|region|gender, question, poll, poll_option,
// reactions, report.
func reportRows(r sessions.Report) [][]string {
	rows := [][]string{reportHeader}
	row := func(section, key string, cells map[string]string) {
		out := make([]string, len(reportHeader))
		out[0], out[1] = section, key
		for i, col := range reportHeader[2:] {
			out[i+2] = spreadsheetSafe(cells[col])
		}
		rows = append(rows, out)
	}
	itoa := strconv.Itoa
	row("session", "id", map[string]string{"text": strconv.FormatInt(r.SessionID, 10)})
	row("session", "title", map[string]string{"text": r.Title})
	row("session", "state", map[string]string{"text": string(r.State)})
	row("session", "starts_at", map[string]string{"text": r.StartsAt.UTC().Format(time.RFC3339)})
	row("session", "ended_at", map[string]string{"text": r.EndedAt.UTC().Format(time.RFC3339)})
	a := r.Attendance
	row("attendance", "total", map[string]string{"count": itoa(a.Total)})
	row("attendance", "joins", map[string]string{"count": itoa(a.Joins)})
	row("attendance", "leaves", map[string]string{"count": itoa(a.Leaves)})
	for _, part := range []struct {
		section string
		counts  map[string]string
	}{{"attendance_by_group", a.ByGroup}, {"attendance_by_region", a.ByRegion}, {"attendance_by_gender", a.ByGender}} {
		for _, k := range sortedKeys(part.counts) {
			row(part.section, k, map[string]string{"count": part.counts[k]})
		}
	}
	sp := r.Speaking
	row("speaking", "total", map[string]string{"seconds": itoa(sp.TotalSeconds)})
	for _, p := range sp.Speakers {
		row("speaker", strconv.FormatInt(p.AccountID, 10), map[string]string{"label": p.Name, "stakeholder_group": string(p.StakeholderGroup),
			"region": string(p.Region), "count": itoa(p.Turns), "seconds": itoa(p.Seconds)})
	}
	for _, part := range []struct {
		section string
		shares  map[string]sessions.Share
	}{{"speaking_by_group", sp.ByGroup}, {"speaking_by_region", sp.ByRegion}} {
		for _, k := range sortedKeys(part.shares) {
			row(part.section, k, map[string]string{"count": itoa(part.shares[k].Speakers), "seconds": itoa(part.shares[k].Seconds)})
		}
	}
	for _, k := range sortedKeys(sp.ByGender) {
		g := sp.ByGender[k]
		cells := map[string]string{"count": g.Speakers}
		if g.Seconds != nil {
			cells["seconds"] = itoa(*g.Seconds)
		}
		row("speaking_by_gender", k, cells)
	}
	for _, q := range r.Questions {
		row("question", strconv.FormatInt(q.ID, 10), map[string]string{"label": q.AuthorName, "votes": itoa(q.Votes),
			"answered": strconv.FormatBool(q.Answered), "text": q.Body})
	}
	for _, p := range r.Polls {
		row("poll", strconv.FormatInt(p.ID, 10), map[string]string{"label": p.Outcome, "text": p.Question})
		for _, o := range p.Options {
			row("poll_option", strconv.FormatInt(p.ID, 10), map[string]string{"label": o.Label, "votes": itoa(o.Votes)})
		}
	}
	for _, k := range sortedKeys(r.Reactions) {
		row("reactions", k, map[string]string{"count": itoa(r.Reactions[k])})
	}
	row("report", "key_takeaways", map[string]string{"text": r.KeyTakeaways})
	row("report", "calls_to_action", map[string]string{"text": r.CallsToAction})
	return rows
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// spreadsheetSafe keeps a cell that people wrote from running as a
// formula when the CSV is opened in a spreadsheet: such a cell gets a
// leading apostrophe.
func spreadsheetSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
