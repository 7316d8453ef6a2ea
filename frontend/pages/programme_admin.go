package pages

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Planning is what the Secretariat's programme page uses of
// tracks.Service: the edition, its focused agenda and its tracks.
type Planning interface {
	AddEdition(ctx context.Context, who igfplus.Identity, f tracks.EditionFields) (tracks.Edition, error)
	UpdateEdition(ctx context.Context, who igfplus.Identity, id int64, f tracks.EditionFields) (tracks.Edition, error)
	AddPolicyIssue(ctx context.Context, who igfplus.Identity, n tracks.NewPolicyIssue) (tracks.PolicyIssue, error)
	UpdatePolicyIssue(ctx context.Context, who igfplus.Identity, id int64, f tracks.PolicyIssueFields) (tracks.PolicyIssue, error)
	TracksOfEdition(ctx context.Context, edition int64) ([]tracks.TrackInfo, error)
	AddTrack(ctx context.Context, who igfplus.Identity, n tracks.NewTrack) (tracks.TrackInfo, error)
	UpdateTrack(ctx context.Context, who igfplus.Identity, id int64, f tracks.TrackFields) (tracks.TrackInfo, error)
}

var _ Planning = (*tracks.Service)(nil)

const programmeAdminPath = "/admin/programme"

// programmeAdminData is the Secretariat's programme page: the current
// edition's form, its policy issues and its tracks, each editable, and the
// forms to add them. Refused names the form that came back refused, with
// what was posted and the problem.
type programmeAdminData struct {
	Edition        *tracks.Edition
	Issues         []tracks.PolicyIssue
	Tracks         []tracks.TrackInfo
	Formats, Kinds []option
	Countries      []option
	Refused        string
	Form           planForm
}

// planForm is a posted form that came back: its values and its problems.
type planForm struct {
	formProblems
	Values url.Values
}

// Value returns what form id shows in field: what was posted when it is
// the form that came back, else its current value.
func (d *programmeAdminData) Value(id, field string, current any) string {
	if d.Refused == id {
		return d.Form.Values.Get(field)
	}
	switch v := current.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int64:
		if v == 0 {
			return ""
		}
		return strconv.FormatInt(v, 10)
	case time.Time:
		if v.IsZero() {
			return ""
		}
		return v.Format(time.DateOnly)
	}
	return ""
}

// Problem returns the refusal of form id, if it came back.
func (d *programmeAdminData) Problem(id string) *formProblems {
	if d.Refused != id {
		return &formProblems{}
	}
	return &d.Form.formProblems
}

// HasPlanning reports whether the Secretariat's programme page is served.
func (v *view) HasPlanning() bool { return v.p.deps.Planning != nil }

func (p *Pages) programmeAdminRoutes(g *echo.Group) {
	g.GET(programmeAdminPath, p.programmeAdmin)
	g.POST(programmeAdminPath+"/edition", p.saveEdition)
	g.POST(programmeAdminPath+"/issues", p.addIssue)
	g.POST(programmeAdminPath+"/issues/:id", p.saveIssue)
	g.POST(programmeAdminPath+"/tracks", p.addPlannedTrack)
	g.POST(programmeAdminPath+"/tracks/:id", p.savePlannedTrack)
}

// programmeAdmin: GET /admin/programme — the Secretariat's page.
func (p *Pages) programmeAdmin(c echo.Context) error {
	return p.renderProgrammeAdmin(c, http.StatusOK, "", nil)
}

// renderProgrammeAdmin renders the page; when refused names a form, it
// comes back with what was posted and the problem err describes.
func (p *Pages) renderProgrammeAdmin(c echo.Context, status int, refused string, err error) error {
	if _, ok, err := p.secretariatPage(c, programmeAdminPath); !ok || err != nil {
		return err
	}
	ctx, v := c.Request().Context(), p.view(c, programmeAdminPath)
	d := &programmeAdminData{Refused: refused}
	if refused != "" {
		form, _ := c.FormParams()
		d.Form.Values = form
		// The service's own words say which field and why.
		msg, terr := v.T("planning.error." + string(igfplus.ErrorCode(err)))
		if terr != nil {
			return terr
		}
		d.Form.Problem, d.Form.Detail = msg, v.loc.Error(err)
	}
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	switch {
	case igfplus.ErrorCode(err) == igfplus.ENotFound:
	case err != nil:
		return err
	default:
		d.Edition = &ed
		if d.Issues, err = p.deps.Programme.PolicyIssues(ctx, ed.ID); err != nil {
			return err
		}
		if d.Tracks, err = p.deps.Planning.TracksOfEdition(ctx, ed.ID); err != nil {
			return err
		}
	}
	chosen := ""
	if d.Edition != nil {
		chosen = d.Edition.HostCountry
	}
	d.Countries = countryOptions(v.Lang, d.Value("edition", "host_country", chosen))
	if err := d.choices(v); err != nil {
		return err
	}
	v.Data = d
	return p.render(c, status, "programme_admin", v)
}

// choices names the formats and track kinds in the reader's language.
func (d *programmeAdminData) choices(v *view) error {
	format := d.Value("edition", "format", "hybrid")
	if d.Edition != nil && d.Refused != "edition" {
		format = d.Edition.Format
	}
	for _, f := range tracks.EditionFormats() {
		label, err := v.T("edition_format." + f)
		if err != nil {
			return err
		}
		d.Formats = append(d.Formats, option{Value: f, Label: label, Selected: f == format})
	}
	kind := d.Value("track-new", "kind", string(tracks.Thematic))
	for _, k := range tracks.Kinds {
		if k == tracks.NRI {
			continue // an initiative's coordinators add its tracks
		}
		label, err := v.T("kind." + string(k))
		if err != nil {
			return err
		}
		d.Kinds = append(d.Kinds, option{Value: string(k), Label: label, Selected: string(k) == kind})
	}
	return nil
}

// planned runs a form's change for the Secretariat: back to the page's
// part anchor when it is done, or the page with the form refused.
func (p *Pages) planned(c echo.Context, form, anchor string, do func(who igfplus.Identity) error) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, programmeAdminPath)
	}
	err := do(who)
	switch code := igfplus.ErrorCode(err); {
	case err == nil:
		return seeOther(c, programmeAdminPath+"#"+anchor)
	case code == igfplus.EInvalid || code == igfplus.EConflict || code == igfplus.ENotFound:
		return p.renderProgrammeAdmin(c, statusOf(code), form, err)
	default:
		return err
	}
}

// plannedItem runs the change of the policy issue or track (what) whose
// id the path carries, going back to its own form, prefix-id.
func (p *Pages) plannedItem(c echo.Context, what igfplus.Text, prefix string, save func(ctx context.Context, who igfplus.Identity, id int64) error) error {
	id, err := pathInt(c, what)
	if err != nil {
		return err
	}
	at := prefix + "-" + strconv.FormatInt(id, 10)
	return p.planned(c, at, at, func(who igfplus.Identity) error { return save(c.Request().Context(), who, id) })
}

// saveEdition: POST /admin/programme/edition — the current edition
// changed, or the first one opened (no id).
func (p *Pages) saveEdition(c echo.Context) error {
	cap, _ := strconv.Atoi(c.FormValue("max_policy_issues"))
	f := tracks.EditionFields{Title: c.FormValue("title"), Theme: c.FormValue("theme"), HostCountry: c.FormValue("host_country"),
		Venue: c.FormValue("venue"), StartsOn: c.FormValue("starts_on"), EndsOn: c.FormValue("ends_on"),
		TimeZone: c.FormValue("time_zone"), Format: c.FormValue("format"), MaxPolicyIssues: cap}
	id, _ := strconv.ParseInt(c.FormValue("id"), 10, 64)
	return p.planned(c, "edition", "edition", func(who igfplus.Identity) error {
		var err error
		if id == 0 {
			_, err = p.deps.Planning.AddEdition(c.Request().Context(), who, f)
		} else {
			_, err = p.deps.Planning.UpdateEdition(c.Request().Context(), who, id, f)
		}
		return err
	})
}

// addIssue: POST /admin/programme/issues — a policy issue added within
// the edition's cap.
func (p *Pages) addIssue(c echo.Context) error {
	edition, _ := strconv.ParseInt(c.FormValue("edition_id"), 10, 64)
	n := tracks.NewPolicyIssue{EditionID: edition, Slug: c.FormValue("slug"), Title: c.FormValue("title"), Summary: c.FormValue("summary")}
	return p.planned(c, "issue-new", "issues", func(who igfplus.Identity) error {
		_, err := p.deps.Planning.AddPolicyIssue(c.Request().Context(), who, n)
		return err
	})
}

// saveIssue: POST /admin/programme/issues/:id.
func (p *Pages) saveIssue(c echo.Context) error {
	f := tracks.PolicyIssueFields{Title: c.FormValue("title"), Summary: c.FormValue("summary")}
	return p.plannedItem(c, "policy issue", "issue", func(ctx context.Context, who igfplus.Identity, id int64) error {
		_, err := p.deps.Planning.UpdatePolicyIssue(ctx, who, id, f)
		return err
	})
}

// addPlannedTrack: POST /admin/programme/tracks.
func (p *Pages) addPlannedTrack(c echo.Context) error {
	edition, _ := strconv.ParseInt(c.FormValue("edition_id"), 10, 64)
	issue, _ := strconv.ParseInt(c.FormValue("policy_issue_id"), 10, 64)
	n := tracks.NewTrack{EditionID: edition, PolicyIssueID: issue, Kind: tracks.Kind(c.FormValue("kind")),
		Slug: c.FormValue("slug"), Title: c.FormValue("title"), Description: c.FormValue("description")}
	return p.planned(c, "track-new", "tracks", func(who igfplus.Identity) error {
		_, err := p.deps.Planning.AddTrack(c.Request().Context(), who, n)
		return err
	})
}

// savePlannedTrack: POST /admin/programme/tracks/:id.
func (p *Pages) savePlannedTrack(c echo.Context) error {
	issue, _ := strconv.ParseInt(c.FormValue("policy_issue_id"), 10, 64)
	f := tracks.TrackFields{Title: c.FormValue("title"), Description: c.FormValue("description"), PolicyIssueID: issue}
	return p.plannedItem(c, "track", "track", func(ctx context.Context, who igfplus.Identity, id int64) error {
		_, err := p.deps.Planning.UpdateTrack(ctx, who, id, f)
		return err
	})
}
