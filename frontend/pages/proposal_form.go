package pages

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/proposals"
)

// speakerRows is how many speaker rows the proposal form offers: the
// most a proposal may name, so that the form needs no script to add one.
const speakerRows = proposals.MaxSpeakers

// proposalData is the proposal page: the proposal (none for a new one),
// the form when the reader may write it, the review form and reviews
// when they may review, and what the choices are.
type proposalData struct {
	formProblems
	P        proposals.Proposal
	New      bool
	Editable bool
	Call     proposals.Call
	Draft    proposals.Draft
	Issues   []tracks.PolicyIssue
	Tracks   []tracks.Track
	NRIs     []nris.NRI
	// Reviewing: the reader is an assigned reviewer; Mine their review.
	Reviewing bool
	Mine      *proposals.Review
	Reviews   []proposals.Review
	Saved     bool
}

// SpeakerRows are the form's speaker rows: the draft's, then empty ones.
func (d *proposalData) SpeakerRows() []proposals.Speaker {
	rows := append([]proposals.Speaker{}, d.Draft.Speakers...)
	for len(rows) < speakerRows {
		rows = append(rows, proposals.Speaker{})
	}
	return rows
}

// Diversity is the balance of the draft's speakers, as written.
func (d *proposalData) Diversity() proposals.Balance { return proposals.Count(d.Draft.Speakers) }

// HasNRI says whether the draft names an initiative.
func (d *proposalData) HasNRI(id int64) bool {
	for _, n := range d.Draft.NRIs {
		if n == id {
			return true
		}
	}
	return false
}

// Score is the reader's score of a criterion (0: none yet).
func (d *proposalData) Score(criterion int64) int {
	if d.Mine == nil {
		return 0
	}
	return d.Mine.Scores[criterion]
}

// Organisers are the draft's organisers one per line.
func (d *proposalData) Organisers() string { return strings.Join(d.Draft.Organisers, "\n") }

// Scale is the score's scale.
func (d *proposalData) Scale() []int {
	var s []int
	for i := proposals.MinScore; i <= proposals.MaxScore; i++ {
		s = append(s, i)
	}
	return s
}

// MinScore and MaxScore bound the scale, for its hint.
func (d *proposalData) MinScore() int { return proposals.MinScore }
func (d *proposalData) MaxScore() int { return proposals.MaxScore }

// IssueTitle names the proposal's policy issue.
func (d *proposalData) IssueTitle() string {
	for _, i := range d.Issues {
		if i.ID == d.P.PolicyIssueID {
			return i.Title
		}
	}
	return ""
}

// TrackTitle names the proposal's track.
func (d *proposalData) TrackTitle() string {
	for _, t := range d.Tracks {
		if t.ID == d.P.TrackID {
			return t.Title
		}
	}
	return ""
}

// NRINames names the initiatives co-organising the proposal.
func (d *proposalData) NRINames() []string {
	var out []string
	for _, n := range d.NRIs {
		if slices.Contains(d.P.NRIs, n.ID) {
			out = append(out, n.Name)
		}
	}
	return out
}

// titledSelect is the argument of the template "titled-select": a
// required choice among List (policy issues or tracks: anything with an ID
// and a Title), the one of id Chosen selected.
type titledSelect struct {
	V               *view
	ID, Name, Label string
	List            any
	Chosen          int64
}

// TitledSelect hands "titled-select" the choice named name among list.
func (v *view) TitledSelect(id, name, label string, list any, chosen int64) titledSelect {
	return titledSelect{V: v, ID: id, Name: name, Label: label, List: list, Chosen: chosen}
}

// Lists of the form's closed choices, for the templates.
func (v *view) Genders() []proposals.Gender        { return proposals.Genders }
func (v *view) Groups() []igfplus.StakeholderGroup { return igfplus.StakeholderGroups }
func (v *view) RegionList() []igfplus.Region       { return igfplus.Regions }
func (v *view) ProposalFormats() []string          { return proposals.Formats }

// newProposal: GET /proposals/new — the empty form.
func (p *Pages) newProposal(c echo.Context) error {
	if p.identity(c).Anonymous() {
		return signinFor(c, "/proposals/new")
	}
	return p.renderProposal(c, http.StatusOK, &proposalData{New: true, Editable: true})
}

// submitProposal: POST /proposals — submits the form, then to the
// proposal's page.
func (p *Pages) submitProposal(c echo.Context) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/proposals/new")
	}
	d := &proposalData{New: true, Editable: true, Draft: draftOf(c)}
	ctx := c.Request().Context()
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	created, err := p.deps.Proposals.Submit(ctx, who, ed.ID, d.Draft)
	if err != nil {
		return p.refused(c, err, d, func() error { return p.renderProposal(c, statusOf(igfplus.ErrorCode(err)), d) })
	}
	return seeOther(c, proposalPath(created.ID)+"?saved=1")
}

// editProposal: POST /proposals/:id — the proposer's edit.
func (p *Pages) editProposal(c echo.Context) error {
	return p.signedIn(c, "proposal", proposalPath, func(who igfplus.Identity, id int64) error {
		d := &proposalData{Draft: draftOf(c)}
		_, err := p.deps.Proposals.Edit(c.Request().Context(), who, id, d.Draft)
		if err != nil {
			return p.refused(c, err, d, func() error { return p.loadProposal(c, who, id, statusOf(igfplus.ErrorCode(err)), d) })
		}
		return seeOther(c, proposalPath(id)+"?saved=1")
	})
}

// proposalPage: GET /proposals/:id.
func (p *Pages) proposalPage(c echo.Context) error {
	return p.signedIn(c, "proposal", proposalPath, func(who igfplus.Identity, id int64) error {
		return p.loadProposal(c, who, id, http.StatusOK, &proposalData{Saved: c.QueryParam("saved") != ""})
	})
}

// loadProposal fills d with proposal id as who may see it (keeping a
// draft the form sent back) and renders it.
func (p *Pages) loadProposal(c echo.Context, who igfplus.Identity, id int64, status int, d *proposalData) error {
	ctx := c.Request().Context()
	var err error
	if d.P, err = p.deps.Proposals.Proposal(ctx, who, id); err != nil {
		return err
	}
	if d.Draft.Title == "" && d.Draft.Speakers == nil {
		d.Draft = d.P.Draft
	}
	mine := d.P.ProposerID == who.AccountID
	if who.Has(igfplus.RoleMAGMember) && !mine {
		list, err := p.deps.Proposals.Assignments(ctx, who)
		if err != nil {
			return err
		}
		for _, a := range list {
			d.Reviewing = d.Reviewing || a.ProposalID == id
		}
	}
	if d.Reviewing || who.Has(igfplus.RoleSecretariat) {
		if d.Reviews, err = p.deps.Proposals.Reviews(ctx, who, id); err != nil {
			return err
		}
		for i := range d.Reviews {
			if d.Reviews[i].ReviewerID == who.AccountID {
				d.Mine = &d.Reviews[i]
			}
		}
	}
	d.Editable = mine && d.P.State == proposals.Submitted
	return p.renderProposal(c, status, d)
}

// renderProposal reads the call and the choices, and renders d.
func (p *Pages) renderProposal(c echo.Context, status int, d *proposalData) error {
	ctx := c.Request().Context()
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	if d.Call, err = p.deps.Proposals.Call(ctx, ed.ID); err != nil {
		return err
	}
	d.Editable = d.Editable && d.Call.OpenAt(p.deps.Now())
	if d.Issues, err = p.deps.Programme.PolicyIssues(ctx, ed.ID); err != nil {
		return err
	}
	if d.Tracks, err = p.deps.Programme.Tracks(ctx, ed.ID); err != nil {
		return err
	}
	if d.NRIs, err = p.nriChoices(ctx); err != nil {
		return err
	}
	here := "/proposals/new"
	if !d.New {
		here = proposalPath(d.P.ID)
	}
	v := p.view(c, here)
	v.Data = d
	return p.render(c, status, "proposal", v)
}

func proposalPath(id int64) string { return "/proposals/" + strconv.FormatInt(id, 10) }

// draftOf reads the proposal form.
func draftOf(c echo.Context) proposals.Draft {
	num := func(name string) int64 {
		n, _ := strconv.ParseInt(c.FormValue(name), 10, 64)
		return n
	}
	d := proposals.Draft{PolicyIssueID: num("policy_issue_id"), TrackID: num("track_id"), Format: c.FormValue("format"),
		Title: c.FormValue("title"), Description: c.FormValue("description"),
		Organisers: strings.Split(strings.ReplaceAll(c.FormValue("organisers"), "\r\n", "\n"), "\n")}
	ids, _ := formIDs(c, "nri_id")
	d.NRIs = ids
	for i := range speakerRows {
		n := strconv.Itoa(i)
		s := proposals.Speaker{Name: c.FormValue("speaker_name_" + n), StakeholderGroup: igfplus.StakeholderGroup(c.FormValue("speaker_group_" + n)),
			Region: igfplus.Region(c.FormValue("speaker_region_" + n)), Gender: proposals.Gender(c.FormValue("speaker_gender_" + n))}
		if strings.TrimSpace(s.Name) != "" {
			d.Speakers = append(d.Speakers, s)
		}
	}
	return d
}

// scoreProposal: POST /proposals/:id/review {score_<criterion>, comment}.
func (p *Pages) scoreProposal(c echo.Context) error {
	return p.signedIn(c, "proposal", proposalPath, func(who igfplus.Identity, id int64) error {
		form, err := c.FormParams()
		if err != nil {
			return igfplus.Errorf(igfplus.EInvalid, "The form could not be read.")
		}
		s := proposals.Scoring{Scores: map[int64]int{}, Comment: c.FormValue("comment")}
		for name, vals := range form {
			k, ok := strings.CutPrefix(name, "score_")
			criterion, err := strconv.ParseInt(k, 10, 64)
			if !ok || err != nil || len(vals) == 0 {
				continue
			}
			s.Scores[criterion], _ = strconv.Atoi(vals[len(vals)-1])
		}
		if _, err := p.deps.Proposals.Score(c.Request().Context(), who, id, s); err != nil {
			d := &proposalData{}
			return p.refused(c, err, d, func() error { return p.loadProposal(c, who, id, statusOf(igfplus.ErrorCode(err)), d) })
		}
		return seeOther(c, proposalPath(id)+"#reviews")
	})
}

// declareConflict: POST /proposals/:id/conflict {comment}.
func (p *Pages) declareConflict(c echo.Context) error {
	return p.signedIn(c, "proposal", proposalPath, func(who igfplus.Identity, id int64) error {
		if _, err := p.deps.Proposals.DeclareConflict(c.Request().Context(), who, id, c.FormValue("comment")); err != nil {
			d := &proposalData{}
			return p.refused(c, err, d, func() error { return p.loadProposal(c, who, id, statusOf(igfplus.ErrorCode(err)), d) })
		}
		return seeOther(c, proposalPath(id)+"#reviews")
	})
}
