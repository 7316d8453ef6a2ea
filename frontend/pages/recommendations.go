package pages

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

// Drafting is what the recommendation pages use of recommendations.Service.
type Drafting interface {
	Recommendation(ctx context.Context, id int64) (recommendations.Recommendation, error)
	Recommendations(ctx context.Context, f recommendations.Filter) ([]recommendations.Recommendation, error)
	Version(ctx context.Context, id int64, n int) (recommendations.Version, error)
	Versions(ctx context.Context, id int64) ([]recommendations.Version, error)
	Comments(ctx context.Context, id int64, f recommendations.CommentFilter) ([]recommendations.Comment, error)
	Amendments(ctx context.Context, id int64) ([]recommendations.Amendment, error)
	Record(ctx context.Context, id int64) (recommendations.Record, error)
	// Position is where the recommendation's room stands: read first, so
	// that the page's client misses nothing that follows.
	Position(ctx context.Context, id int64) (recommendations.Position, error)
	Create(ctx context.Context, who igfplus.Identity, d recommendations.NewRecommendation) (recommendations.Recommendation, error)
	EditDraft(ctx context.Context, who igfplus.Identity, id int64, e recommendations.Edit) (recommendations.Recommendation, error)
	Comment(ctx context.Context, who igfplus.Identity, id int64, version, paragraph int, body string) (recommendations.Comment, error)
	Reply(ctx context.Context, who igfplus.Identity, id, replyTo int64, body string) (recommendations.Comment, error)
	ProposeAmendment(ctx context.Context, who igfplus.Identity, id int64, p recommendations.Proposal) (recommendations.Amendment, error)
	Support(ctx context.Context, who igfplus.Identity, id, amendmentID int64) (recommendations.Amendment, error)
	DecideAmendment(ctx context.Context, who igfplus.Identity, id, amendmentID int64, accept bool) (recommendations.Amendment, error)
	SetRecord(ctx context.Context, who igfplus.Identity, id int64, rec recommendations.Record) (recommendations.Record, error)
}

var _ Drafting = (*recommendations.Service)(nil)

// recommendationRoutes mounts the recommendation pages: the list, drafting
// and editing, the page of one recommendation with its forms, and its
// printable view.
func (p *Pages) recommendationRoutes(g *echo.Group) {
	g.GET("/recommendations", p.recommendationList)
	g.GET("/recommendations/new", p.newRecommendation)
	g.POST("/recommendations", p.createRecommendation)
	g.GET("/recommendations/:id", p.recommendation)
	g.GET("/recommendations/:id/print", p.printRecommendation)
	g.GET("/recommendations/:id/edit", p.editRecommendation)
	g.POST("/recommendations/:id/edit", p.saveRecommendation)
	g.POST("/recommendations/:id/comments", p.postComment)
	g.POST("/recommendations/:id/amendments", p.postAmendment)
	g.POST("/recommendations/:id/amendments/:amendment/support", p.supportAmendment)
	g.POST("/recommendations/:id/amendments/:amendment/accept", p.decideAmendment(true))
	g.POST("/recommendations/:id/amendments/:amendment/reject", p.decideAmendment(false))
	g.POST("/recommendations/:id/amendments/:amendment/vote", p.amendmentToVote)
	g.POST("/recommendations/:id/record", p.postRecord)
}

// HasDrafting says whether the navigation offers the recommendations.
func (v *view) HasDrafting() bool { return v.p.deps.Drafting != nil }

// recommendationPath is the page of recommendation id.
func recommendationPath(id int64) string { return "/recommendations/" + strconv.FormatInt(id, 10) }

// recommendationStates are the states the list filters by, in their order.
var recommendationStates = []recommendations.State{recommendations.Draft, recommendations.UnderVote,
	recommendations.Adopted, recommendations.NotAdopted, recommendations.Withdrawn}

// recListData is the current edition's recommendations by policy issue and
// track, filtered by state.
type recListData struct {
	Edition *tracks.Edition
	States  []filterOption
	State   string
	Issues  []recIssue
	Count   int
}

type recIssue struct {
	Issue  tracks.PolicyIssue
	Tracks []recTrack
}

type recTrack struct {
	Track tracks.Track
	Items []recItem
}

// recItem is one recommendation of the list.
type recItem struct {
	recommendations.Recommendation
	Href, StateLabel string
}

// recommendationList: GET /recommendations[?state=] — the current
// edition's recommendations, for anyone.
func (p *Pages) recommendationList(c echo.Context) error {
	ctx := c.Request().Context()
	v := p.view(c, "/recommendations")
	d := &recListData{}
	v.Data = d
	state := recommendations.State(c.QueryParam("state"))
	if !slices.Contains(recommendationStates, state) {
		state = ""
	}
	d.State = string(state)
	for i, s := range recommendationStates {
		label, err := v.T("recommendation.state." + string(s))
		if err != nil {
			return err
		}
		d.States = append(d.States, filterOption{ID: int64(i), Name: label, Selected: s == state})
	}
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if igfplus.ErrorCode(err) == igfplus.ENotFound {
		return p.render(c, http.StatusOK, "recommendations", v)
	}
	if err != nil {
		return err
	}
	d.Edition = &ed
	issues, err := p.deps.Programme.PolicyIssues(ctx, ed.ID)
	if err != nil {
		return err
	}
	trs, err := p.deps.Programme.Tracks(ctx, ed.ID)
	if err != nil {
		return err
	}
	list, err := p.deps.Drafting.Recommendations(ctx, recommendations.Filter{EditionID: ed.ID})
	if err != nil {
		return err
	}
	list = slices.DeleteFunc(list, func(r recommendations.Recommendation) bool { return state != "" && r.State != state })
	slices.SortStableFunc(list, func(a, b recommendations.Recommendation) int { return cmp.Compare(a.ID, b.ID) })
	for _, is := range issues {
		group := recIssue{Issue: is}
		for _, t := range trs {
			rt := recTrack{Track: t}
			for _, r := range list {
				if r.PolicyIssueID != is.ID || r.TrackID != t.ID {
					continue
				}
				label, err := v.TK("recommendation.state", r.State)
				if err != nil {
					return err
				}
				rt.Items = append(rt.Items, recItem{Recommendation: r, Href: recommendationPath(r.ID), StateLabel: label})
				d.Count++
			}
			if len(rt.Items) > 0 {
				group.Tracks = append(group.Tracks, rt)
			}
		}
		if len(group.Tracks) > 0 {
			d.Issues = append(d.Issues, group)
		}
	}
	return p.render(c, http.StatusOK, "recommendations", v)
}

// StateValue is the value of the list's state option i.
func (d *recListData) StateValue(i int64) string { return string(recommendationStates[i]) }

// refusal says in the reader's language why the service refused a form,
// with the service's own words (in the page's language) as the detail when they say
// more. Internal failures are not refusals: ok is false and the caller
// returns err.
func refusal(v *view, err error) (msg, detail string, ok bool, terr error) {
	code := igfplus.ErrorCode(err)
	if code == igfplus.EInternal || code == igfplus.EUnavailable {
		return "", "", false, nil
	}
	key := "recommendation.error." + string(code)
	for _, known := range []struct {
		err error
		key string
	}{
		{recommendations.ErrPastEdition, "recommendation.error.past_edition"},
		{recommendations.ErrSupportedAlready, "recommendation.error.supported_already"},
		{recommendations.ErrOwnAmendment, "recommendation.error.own_amendment"},
		{recommendations.ErrNotProposed, "recommendation.error.not_proposed"},
		{recommendations.ErrNothingChanged, "recommendation.error.nothing_changed"},
	} {
		if errors.Is(err, known.err) {
			key = known.key
			break
		}
	}
	if key == "recommendation.error."+string(code) {
		detail = v.loc.Error(err)
	}
	msg, terr = v.T(key)
	return msg, detail, true, terr
}
