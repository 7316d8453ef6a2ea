package pages

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

// recFormData is the drafter's form: a new recommendation (ID zero: with
// its place in the programme) or an edit of one (title, summary, text).
type recFormData struct {
	formProblems
	ID      int64
	BasedOn int
	// Title of the recommendation being edited, as it stands.
	Current                                string
	Issues, Tracks, Sessions               []filterOption
	Issue, Track, Session                  string
	Title, Summary, Body, Note             string
	MaxTitle, MaxSummary, MaxBody, MaxNote int
}

func newRecForm() *recFormData {
	return &recFormData{MaxTitle: recommendations.MaxTitleRunes, MaxSummary: recommendations.MaxSummaryRunes,
		MaxBody: recommendations.MaxBodyRunes, MaxNote: recommendations.MaxNoteRunes}
}

// Action is where the form posts.
func (f *recFormData) Action() string {
	if f.ID == 0 {
		return "/recommendations"
	}
	return recommendationPath(f.ID) + "/edit"
}

func editPath(id int64) string { return recommendationPath(id) + "/edit" }

// newRecommendation: GET /recommendations/new — the form, for anyone
// signed in (the service decides who may draft: the Secretariat, the
// platform's and the session's moderators).
func (p *Pages) newRecommendation(c echo.Context) error {
	if p.identity(c).Anonymous() {
		return signinFor(c, "/recommendations/new")
	}
	return p.renderRecForm(c, http.StatusOK, newRecForm())
}

// renderRecForm renders f with the choices of the current edition.
func (p *Pages) renderRecForm(c echo.Context, status int, f *recFormData) error {
	here := "/recommendations/new"
	if f.ID != 0 {
		here = editPath(f.ID)
	} else if err := p.recChoices(c, f); err != nil {
		return err
	}
	v := p.view(c, here)
	v.Data = f
	return p.render(c, status, "recommendation_form", v)
}

// recChoices fills in the policy issues, tracks and sessions of the
// current edition, marking those chosen.
func (p *Pages) recChoices(c echo.Context, f *recFormData) error {
	ctx := c.Request().Context()
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	issues, err := p.deps.Programme.PolicyIssues(ctx, ed.ID)
	if err != nil {
		return err
	}
	for _, is := range issues {
		f.Issues = append(f.Issues, filterOption{ID: is.ID, Name: is.Title, Selected: strconv.FormatInt(is.ID, 10) == f.Issue})
	}
	trs, err := p.deps.Programme.Tracks(ctx, ed.ID)
	if err != nil {
		return err
	}
	for _, t := range trs {
		f.Tracks = append(f.Tracks, filterOption{ID: t.ID, Name: t.Title, Selected: strconv.FormatInt(t.ID, 10) == f.Track})
	}
	list, err := p.deps.Sessions.SessionsOfEdition(ctx, ed.ID)
	if err != nil {
		return err
	}
	for _, s := range list {
		f.Sessions = append(f.Sessions, filterOption{ID: s.ID, Name: s.Title, Selected: strconv.FormatInt(s.ID, 10) == f.Session})
	}
	return nil
}

// postedRecForm reads the form as posted.
func postedRecForm(c echo.Context) *recFormData {
	f := newRecForm()
	f.Issue, f.Track, f.Session = c.FormValue("policy_issue"), c.FormValue("track"), c.FormValue("session")
	f.Title, f.Summary, f.Body, f.Note = c.FormValue("title"), c.FormValue("summary"), c.FormValue("body"), c.FormValue("note")
	f.BasedOn, _ = strconv.Atoi(c.FormValue("based_on"))
	return f
}

// check catches the common mistakes in the reader's language.
func (f *recFormData) check(v *view) error {
	missing := func(field, key string, empty bool) error {
		if !empty {
			return nil
		}
		msg, err := v.T(key)
		f.Errors = append(f.Errors, fieldError{Field: field, Message: msg})
		return err
	}
	if f.ID == 0 {
		if err := missing("rec-issue", "recommendation.form.error.issue", f.Issue == ""); err != nil {
			return err
		}
		if err := missing("rec-track", "recommendation.form.error.track", f.Track == ""); err != nil {
			return err
		}
	}
	if err := missing("rec-title", "recommendation.form.error.title", strings.TrimSpace(f.Title) == ""); err != nil {
		return err
	}
	return missing("rec-body", "recommendation.form.error.body", len(recommendations.Paragraphs(f.Body)) == 0)
}

// refuse puts the service's refusal on the form, or returns the error
// when it is no refusal.
func (f *recFormData) refuse(v *view, err error) error {
	msg, detail, ok, terr := refusal(v, err)
	if !ok {
		return err
	}
	f.Problem, f.Detail = msg, detail
	return terr
}

// createRecommendation: POST /recommendations — starts a recommendation,
// then goes to its page; the form comes back with what is wrong.
func (p *Pages) createRecommendation(c echo.Context) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/recommendations/new")
	}
	f := postedRecForm(c)
	v := p.view(c, "/recommendations/new")
	if err := f.check(v); err != nil {
		return err
	}
	if len(f.Errors) > 0 {
		return p.renderRecForm(c, http.StatusUnprocessableEntity, f)
	}
	d := recommendations.NewRecommendation{Title: f.Title, Summary: f.Summary, Body: f.Body, Note: f.Note}
	d.PolicyIssueID, _ = strconv.ParseInt(f.Issue, 10, 64)
	d.TrackID, _ = strconv.ParseInt(f.Track, 10, 64)
	d.SessionID, _ = strconv.ParseInt(f.Session, 10, 64)
	r, err := p.deps.Drafting.Create(c.Request().Context(), who, d)
	if err != nil {
		if err := f.refuse(v, err); err != nil {
			return err
		}
		return p.renderRecForm(c, statusOf(igfplus.ErrorCode(err)), f)
	}
	return seeOther(c, recommendationPath(r.ID))
}

// editRecommendation: GET /recommendations/:id/edit — the drafters' form.
func (p *Pages) editRecommendation(c echo.Context) error {
	return p.signedIn(c, "recommendation", editPath, func(who igfplus.Identity, id int64) error {
		ctx := c.Request().Context()
		r, err := p.deps.Drafting.Recommendation(ctx, id)
		if err != nil {
			return err
		}
		if !r.IsDrafter(who.AccountID) {
			return igfplus.Errorf(igfplus.EForbidden, "Only the recommendation's drafters can edit it.")
		}
		cur, err := p.deps.Drafting.Version(ctx, id, 0)
		if err != nil {
			return err
		}
		f := newRecForm()
		f.ID, f.BasedOn, f.Current = id, cur.Version, r.Title
		f.Title, f.Summary, f.Body = r.Title, r.Summary, cur.Body
		return p.renderRecForm(c, http.StatusOK, f)
	})
}

// saveRecommendation: POST /recommendations/:id/edit — a drafter's
// change, then back to the recommendation.
func (p *Pages) saveRecommendation(c echo.Context) error {
	return p.signedIn(c, "recommendation", editPath, func(who igfplus.Identity, id int64) error {
		f := postedRecForm(c)
		f.ID = id
		v := p.view(c, editPath(id))
		if err := f.check(v); err != nil {
			return err
		}
		r, err := p.deps.Drafting.Recommendation(c.Request().Context(), id)
		if err != nil {
			return err
		}
		f.Current = r.Title
		if len(f.Errors) > 0 {
			return p.renderRecForm(c, http.StatusUnprocessableEntity, f)
		}
		_, err = p.deps.Drafting.EditDraft(c.Request().Context(), who, id, recommendations.Edit{
			BasedOn: f.BasedOn, Title: f.Title, Summary: f.Summary, Body: f.Body, Note: f.Note})
		if err != nil {
			if err := f.refuse(v, err); err != nil {
				return err
			}
			return p.renderRecForm(c, statusOf(igfplus.ErrorCode(err)), f)
		}
		return seeOther(c, recommendationPath(id))
	})
}
