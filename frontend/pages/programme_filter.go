package pages

import (
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// filterView is the programme's filter form: the choices and what is
// chosen (form values, kept as sent when they are among the choices).
type filterView struct {
	Days                                             []time.Time
	Issues                                           []tracks.PolicyIssue
	Tracks                                           []tracks.Track
	Formats                                          []sessions.Format
	Languages                                        []string
	Stakeholders                                     []igfplus.StakeholderGroup
	Day, Issue, Track, Format, Language, Stakeholder string
	// Active: something filters; Count is how many sessions are shown.
	Active bool
	Count  int
}

// filterProgramme reads the filter form (GET /?day=&issue=&track=&format=
// &language=&stakeholder=) and keeps the sessions it lets through. A value
// that is not among the choices filters nothing. Without the Finding
// dependency the programme is not filtered.
func (p *Pages) filterProgramme(c echo.Context, ed tracks.Edition, issues []tracks.PolicyIssue, trs []tracks.Track, list []sessions.Session) ([]sessions.Session, *filterView, error) {
	if p.deps.Finding == nil {
		return list, nil, nil
	}
	ctx := c.Request().Context()
	fv := &filterView{Days: finding.Days(ed.StartsOn, ed.EndsOn), Issues: issues, Tracks: trs, Formats: sessions.Formats, Stakeholders: igfplus.StakeholderGroups}
	var err error
	if fv.Languages, err = p.deps.Finding.Languages(ctx, ed.ID); err != nil {
		return nil, nil, err
	}
	var f finding.Filter
	q := c.QueryParams()
	if d, err := time.Parse(time.DateOnly, q.Get("day")); err == nil && slices.ContainsFunc(fv.Days, d.Equal) {
		f.Day, fv.Day = d, q.Get("day")
	}
	if id, ok := chosenID(q.Get("issue"), issues, func(i tracks.PolicyIssue) int64 { return i.ID }); ok {
		f.PolicyIssueID, fv.Issue = id, q.Get("issue")
	}
	if id, ok := chosenID(q.Get("track"), trs, func(t tracks.Track) int64 { return t.ID }); ok {
		f.TrackID, fv.Track = id, q.Get("track")
	}
	if v := sessions.Format(q.Get("format")); v.Valid() {
		f.Format, fv.Format = v, string(v)
	}
	if v := q.Get("language"); slices.Contains(fv.Languages, v) {
		f.Language, fv.Language = v, v
	}
	if v := igfplus.StakeholderGroup(q.Get("stakeholder")); slices.Contains(fv.Stakeholders, v) {
		f.Stakeholder, fv.Stakeholder = v, string(v)
	}
	fv.Active = !f.Empty()
	if !fv.Active {
		fv.Count = len(list)
		return list, fv, nil
	}
	facts, err := p.deps.Finding.Facts(ctx, ed.ID)
	if err != nil {
		return nil, nil, err
	}
	loc, err := p.deps.Finding.Location(ctx, ed.ID)
	if err != nil {
		return nil, nil, err
	}
	list = f.Apply(list, facts, loc)
	fv.Count = len(list)
	return list, fv, nil
}

// chosenID parses s as the id of one of items.
func chosenID[T any](s string, items []T, id func(T) int64) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, slices.ContainsFunc(items, func(t T) bool { return id(t) == n })
}

// Selected says whether an option's value is the chosen one.
func (f *filterView) Selected(chosen string, value any) bool {
	switch v := value.(type) {
	case int64:
		return chosen == strconv.FormatInt(v, 10)
	case time.Time:
		return chosen == v.Format(time.DateOnly)
	}
	return false
}

// filterForm is the argument of the "programme_filters" template.
type filterForm struct {
	V *view
	F *filterView
}

// FilterForm hands the filters to their template.
func (v *view) FilterForm(f *filterView) filterForm { return filterForm{V: v, F: f} }

// withSessions keeps the groups that have sessions: a filtered programme
// does not list every track without a match.
func withSessions(groups []trackGroup) []trackGroup {
	return slices.DeleteFunc(groups, func(g trackGroup) bool { return len(g.Sessions) == 0 })
}
