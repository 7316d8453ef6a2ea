package pages

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/proposals"
)

// Proposals is what the pages use of proposals.Service: the call for
// session proposals and the MAG's review.
type Proposals interface {
	Call(ctx context.Context, edition int64) (proposals.Call, error)
	OpenCall(ctx context.Context, who igfplus.Identity, edition int64, c proposals.CallChange) (proposals.Call, error)
	SetRubric(ctx context.Context, who igfplus.Identity, edition int64, rubric []proposals.Criterion) (proposals.Call, error)
	Submit(ctx context.Context, who igfplus.Identity, edition int64, d proposals.Draft) (proposals.Proposal, error)
	Edit(ctx context.Context, who igfplus.Identity, id int64, d proposals.Draft) (proposals.Proposal, error)
	Proposal(ctx context.Context, who igfplus.Identity, id int64) (proposals.Proposal, error)
	Mine(ctx context.Context, who igfplus.Identity) ([]proposals.Proposal, error)
	Reviewers(ctx context.Context, who igfplus.Identity) ([]proposals.Person, error)
	Assign(ctx context.Context, who igfplus.Identity, proposal, reviewer int64) error
	Assignments(ctx context.Context, who igfplus.Identity) ([]proposals.Assignment, error)
	Score(ctx context.Context, who igfplus.Identity, proposal int64, s proposals.Scoring) (proposals.Review, error)
	DeclareConflict(ctx context.Context, who igfplus.Identity, proposal int64, comment string) (proposals.Review, error)
	Reviews(ctx context.Context, who igfplus.Identity, proposal int64) ([]proposals.Review, error)
	Board(ctx context.Context, who igfplus.Identity, edition int64) (proposals.Board, error)
	Decide(ctx context.Context, who igfplus.Identity, proposal int64, d proposals.Decision) (proposals.Proposal, error)
}

var _ Proposals = (*proposals.Service)(nil)

func (p *Pages) proposalRoutes(g *echo.Group) {
	g.GET("/call", p.callPage)
	g.POST("/call", p.saveCall)
	g.POST("/call/rubric", p.saveRubric)
	g.GET("/call/board", p.boardPage)
	g.GET("/proposals/new", p.newProposal)
	g.POST("/proposals", p.submitProposal)
	g.GET("/proposals/:id", p.proposalPage)
	g.POST("/proposals/:id", p.editProposal)
	g.POST("/proposals/:id/review", p.scoreProposal)
	g.POST("/proposals/:id/conflict", p.declareConflict)
	g.POST("/proposals/:id/assign", p.assignProposal)
	g.POST("/proposals/:id/decision", p.decideProposal)
}

// HasProposals says whether the navigation offers the call.
func (v *view) HasProposals() bool { return v.p.deps.Proposals != nil }

// callData is the call's page: the call (Open: now), the reader's
// proposals and assignments, and the Secretariat's forms.
type callData struct {
	formProblems
	Edition     tracks.Edition
	Call        proposals.Call
	HasCall     bool
	Open        bool
	Mine        []proposals.Proposal
	Assignments []proposals.Assignment
	// Opens and Closes fill the Secretariat's form (datetime-local, UTC).
	Opens, Closes string
	Saved         string
	// typedIntro and typedRubric are what a refused form held, shown
	// again in place of what is stored, so that nothing typed is lost.
	typedIntro  *string
	typedRubric []proposals.Criterion
	rubricTyped bool
}

// Intro is the introduction for the form: as typed, when the form comes
// back refused, else as stored.
func (d *callData) Intro() string {
	if d.typedIntro != nil {
		return *d.typedIntro
	}
	return d.Call.Intro
}

// criterionRows is how many rubric rows the form offers.
const criterionRows = 6

// Rows are the rubric form's rows: the criteria, then empty ones.
func (d *callData) Rows() []proposals.Criterion {
	rows := append([]proposals.Criterion{}, d.Call.Rubric...)
	if d.rubricTyped {
		rows = append([]proposals.Criterion{}, d.typedRubric...)
	}
	for len(rows) < criterionRows {
		rows = append(rows, proposals.Criterion{})
	}
	return rows
}

// callPage: GET /call — the current edition's call for proposals.
func (p *Pages) callPage(c echo.Context) error {
	return p.renderCall(c, http.StatusOK, &callData{Saved: savedKey(c.QueryParam("saved"))})
}

func savedKey(s string) string {
	switch s {
	case "call", "rubric":
		return "call.saved." + s
	}
	return ""
}

func (p *Pages) renderCall(c echo.Context, status int, d *callData) error {
	ctx, who := c.Request().Context(), p.identity(c)
	var err error
	if d.Edition, err = p.deps.Programme.CurrentEdition(ctx); err != nil {
		return err
	}
	call, err := p.deps.Proposals.Call(ctx, d.Edition.ID)
	switch igfplus.ErrorCode(err) {
	case "":
		d.Call, d.HasCall, d.Open = call, true, call.OpenAt(p.deps.Now())
	case igfplus.ENotFound:
	default:
		return err
	}
	if d.Opens == "" && d.HasCall {
		d.Opens, d.Closes = localTime(call.Opens), localTime(call.Closes)
	}
	if !who.Anonymous() {
		if d.Mine, err = p.deps.Proposals.Mine(ctx, who); err != nil {
			return err
		}
	}
	if who.Has(igfplus.RoleMAGMember) {
		if d.Assignments, err = p.deps.Proposals.Assignments(ctx, who); err != nil {
			return err
		}
	}
	v := p.view(c, "/call")
	v.Data = d
	return p.render(c, status, "call", v)
}

// localTime is t for a datetime-local input, in UTC.
func localTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04") }

// saveCall: POST /call {opens_at, closes_at, intro} — the Secretariat
// opens the call or changes its dates.
func (p *Pages) saveCall(c echo.Context) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/call")
	}
	intro := c.FormValue("intro")
	d := &callData{Opens: c.FormValue("opens_at"), Closes: c.FormValue("closes_at"), typedIntro: &intro}
	opens, err1 := time.Parse("2006-01-02T15:04", d.Opens)
	closes, err2 := time.Parse("2006-01-02T15:04", d.Closes)
	if err1 != nil {
		d.Errors = append(d.Errors, fieldError{"opens-at", p.tr(c, "call.error.date")})
	}
	if err2 != nil {
		d.Errors = append(d.Errors, fieldError{"closes-at", p.tr(c, "call.error.date")})
	}
	if len(d.Errors) > 0 {
		return p.renderCall(c, http.StatusUnprocessableEntity, d)
	}
	ctx := c.Request().Context()
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	if _, err := p.deps.Proposals.OpenCall(ctx, who, ed.ID, proposals.CallChange{Opens: opens, Closes: closes, Intro: intro}); err != nil {
		return p.refused(c, err, d, func() error { return p.renderCall(c, statusOf(igfplus.ErrorCode(err)), d) })
	}
	return seeOther(c, "/call?saved=call")
}

// saveRubric: POST /call/rubric {criterion_name_i, criterion_weight_i}.
func (p *Pages) saveRubric(c echo.Context) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/call")
	}
	var rubric []proposals.Criterion
	for i := range criterionRows {
		name := strings.TrimSpace(c.FormValue("criterion_name_" + strconv.Itoa(i)))
		if name == "" {
			continue
		}
		w, _ := strconv.Atoi(c.FormValue("criterion_weight_" + strconv.Itoa(i)))
		rubric = append(rubric, proposals.Criterion{Name: name, Weight: w})
	}
	ctx := c.Request().Context()
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	if _, err := p.deps.Proposals.SetRubric(ctx, who, ed.ID, rubric); err != nil {
		d := &callData{typedRubric: rubric, rubricTyped: true}
		return p.refused(c, err, d, func() error { return p.renderCall(c, statusOf(igfplus.ErrorCode(err)), d) })
	}
	return seeOther(c, "/call?saved=rubric")
}

// refused shows a service's refusal on the form that caused it: its
// words (in the page's language) under a translated heading, the form as
// it was.
// Refusals that are no form's business (not signed in, an internal error)
// go on as errors.
func (p *Pages) refused(c echo.Context, err error, d interface{ problems() *formProblems }, again func() error) error {
	switch igfplus.ErrorCode(err) {
	case igfplus.EInvalid, igfplus.EConflict, igfplus.EForbidden:
		d.problems().Problem = p.tr(c, "proposal.refused")
		d.problems().Detail = p.errorText(c, err)
		return again()
	}
	return err
}

// tr translates id in the request's language, for messages set before
// the view exists.
// errorText is err's message in the language of c's page.
func (p *Pages) errorText(c echo.Context, err error) string {
	return p.cat.Localizer(p.cat.Negotiate(c.Request())).Error(err)
}

func (p *Pages) tr(c echo.Context, id string) string {
	s, err := p.cat.Localizer(p.cat.Negotiate(c.Request())).T(id, nil)
	if err != nil {
		return id
	}
	return s
}

// boardData is the Secretariat's review board: the call's aggregates, and
// one page of its proposals (Rows), boardPageSize at a time so that a call
// of thousands stays a page a browser on a slow link can load. Others are
// every proposal, listed once for the merge fields' suggestions.
type boardData struct {
	Board       proposals.Board
	Rows        []proposals.BoardRow
	Page, Pages int
	Reviewers   []proposals.Person
	Issues      map[int64]string
	Others      []proposals.Proposal
}

// boardPageSize is how many proposals the board shows at once.
const boardPageSize = 50

// Prev and Next are the neighbouring pages' numbers.
func (d *boardData) Prev() int { return d.Page - 1 }
func (d *boardData) Next() int { return d.Page + 1 }

// paginate picks page (counted from 1, kept within range) of the rows.
func (d *boardData) paginate(page int) {
	all := d.Board.Rows
	d.Pages = max(1, (len(all)+boardPageSize-1)/boardPageSize)
	d.Page = min(max(page, 1), d.Pages)
	from := (d.Page - 1) * boardPageSize
	d.Rows = all[min(from, len(all)):min(from+boardPageSize, len(all))]
}

// Issue names a policy issue.
func (d *boardData) Issue(id int64) string { return d.Issues[id] }

// boardPage: GET /call/board — the Secretariat's board.
func (p *Pages) boardPage(c echo.Context) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/call/board")
	}
	ctx := c.Request().Context()
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	d := &boardData{Issues: map[int64]string{}}
	if d.Board, err = p.deps.Proposals.Board(ctx, who, ed.ID); err != nil {
		return err
	}
	if d.Reviewers, err = p.deps.Proposals.Reviewers(ctx, who); err != nil {
		return err
	}
	issues, err := p.deps.Programme.PolicyIssues(ctx, ed.ID)
	if err != nil {
		return err
	}
	for _, i := range issues {
		d.Issues[i.ID] = i.Title
	}
	for _, r := range d.Board.Rows {
		d.Others = append(d.Others, r.Proposal)
	}
	page, _ := strconv.Atoi(c.QueryParam("page"))
	d.paginate(page)
	v := p.view(c, "/call/board")
	v.Data = d
	return p.render(c, http.StatusOK, "board", v)
}

// assignProposal: POST /proposals/:id/assign {reviewer_id}.
func (p *Pages) assignProposal(c echo.Context) error {
	return p.signedIn(c, "proposal", backTo("/call/board"), func(who igfplus.Identity, id int64) error {
		reviewer, _ := strconv.ParseInt(c.FormValue("reviewer_id"), 10, 64)
		if err := p.deps.Proposals.Assign(c.Request().Context(), who, id, reviewer); err != nil {
			return err
		}
		return seeOther(c, "/call/board#proposal-"+strconv.FormatInt(id, 10))
	})
}

// decideProposal: POST /proposals/:id/decision {outcome, merge_with,
// note}, then back to the board.
func (p *Pages) decideProposal(c echo.Context) error {
	return p.signedIn(c, "proposal", backTo("/call/board"), func(who igfplus.Identity, id int64) error {
		merge, _ := strconv.ParseInt(c.FormValue("merge_with"), 10, 64)
		d := proposals.Decision{Outcome: proposals.State(c.FormValue("outcome")), MergeWith: merge, Note: c.FormValue("note")}
		if _, err := p.deps.Proposals.Decide(c.Request().Context(), who, id, d); err != nil {
			return err
		}
		return seeOther(c, "/call/board#proposal-"+strconv.FormatInt(id, 10))
	})
}

// nriNames lists the directory for the proposal form.
func (p *Pages) nriChoices(ctx context.Context) ([]nris.NRI, error) {
	if p.deps.NRIs == nil {
		return nil, nil
	}
	return p.deps.NRIs.NRIs(ctx)
}

// Inc is i+1, for numbering rows from 1.
func (v *view) Inc(i int) int { return i + 1 }

// Outcomes are the decisions the board offers on a proposal.
func (v *view) Outcomes() []proposals.State {
	return []proposals.State{proposals.Accepted, proposals.Rejected, proposals.MergeSuggested}
}

// IsMAG says whether the reader reviews proposals.
func (v *view) IsMAG() bool { return v.Me.Has(igfplus.RoleMAGMember) }

// talliesView is the argument of the "tallies" template.
type talliesView struct {
	V               *view
	Heading, Prefix string
	List            []proposals.Tally
}

// Tallies hands counts to the "tallies" template: heading is a message,
// prefix translates each value (as TK).
func (v *view) Tallies(heading, prefix string, list []proposals.Tally) talliesView {
	return talliesView{V: v, Heading: heading, Prefix: prefix, List: list}
}
