package pages

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
)

// Tracks is what the programme-by-issue, track and directory pages use of
// tracks.Service: the tracks with their initiatives and leads, and what the
// track's planners change.
type Tracks interface {
	TracksOfEdition(ctx context.Context, edition int64) ([]tracks.TrackInfo, error)
	Track(ctx context.Context, id int64) (tracks.TrackInfo, error)
	// MayRunTrack is the planners' forms' check: nil when who may.
	MayRunTrack(ctx context.Context, who igfplus.Identity, track int64) error
	SetLead(ctx context.Context, who igfplus.Identity, track, lead int64) (tracks.TrackInfo, error)
	SetLeadByEmail(ctx context.Context, who igfplus.Identity, track int64, email string) (tracks.TrackInfo, error)
}

var _ Tracks = (*tracks.Service)(nil)

// NRIs is what the programme-by-issue, track and directory pages use of
// nris.Service.
type NRIs interface {
	NRIs(ctx context.Context) ([]nris.NRI, error)
	Links(ctx context.Context, track int64, state nris.LinkState) ([]nris.Link, error)
	Intake(ctx context.Context, track int64) ([]nris.IntakeItem, error)
	AskLink(ctx context.Context, who igfplus.Identity, nriTrack, globalTrack int64, note string) (nris.Link, error)
	DecideLink(ctx context.Context, who igfplus.Identity, id int64, accept bool, reason string) (nris.Link, error)
	Link(ctx context.Context, id int64) (nris.Link, error)
	Merge(ctx context.Context, who igfplus.Identity, item, rec int64) (nris.IntakeItem, error)
	Answer(ctx context.Context, who igfplus.Identity, item int64, answer string) (nris.IntakeItem, error)
	// MayRunNRI and MayLead are the forms' checks: nil when who may.
	MayRunNRI(ctx context.Context, who igfplus.Identity, nri int64) error
	MayLead(ctx context.Context, who igfplus.Identity, track int64) error
	// CoOrganisersOf reads the co-organisers of many sessions at once.
	CoOrganisersOf(ctx context.Context, sessions []int64) (map[int64][]nris.CoOrganiser, error)
	SetCoOrganisers(ctx context.Context, who igfplus.Identity, session int64, list []int64) ([]nris.CoOrganiser, error)
	// RequestsOfSession are the session's requests still waiting, for its
	// planners; RequestsFor those who may answer (none for most people).
	RequestsOfSession(ctx context.Context, who igfplus.Identity, session int64) ([]nris.CoOrganiserRequest, error)
	RequestsFor(ctx context.Context, who igfplus.Identity) ([]nris.CoOrganiserRequest, error)
	DecideCoOrganiser(ctx context.Context, who igfplus.Identity, session, nri int64, accept bool) ([]nris.CoOrganiser, error)
}

var _ NRIs = (*nris.Service)(nil)

// nriRoutes mounts the pages of the programme by policy issue, tracks and
// the NRI directory, with the linking workflow's forms.
func (p *Pages) nriRoutes(g *echo.Group) {
	g.GET("/issues", p.issues)
	g.GET("/nris", p.directory)
	g.GET("/tracks/:id", p.track)
	g.POST("/tracks/:id/lead", p.setLead)
	g.POST("/tracks/:id/links", p.askLink)
	g.GET("/sessions/:id/coorganisers", p.coOrganisersForm)
	g.POST("/sessions/:id/coorganisers", p.setCoOrganisers)
	g.POST("/sessions/:id/coorganisers/:nri/accept", p.decideCoOrganiser(true))
	g.POST("/sessions/:id/coorganisers/:nri/decline", p.decideCoOrganiser(false))
	g.POST("/links/:id/accept", p.decideLink(true))
	g.POST("/links/:id/decline", p.decideLink(false))
	g.POST("/intake/:id/merge", p.decideIntake(true))
	g.POST("/intake/:id/answer", p.decideIntake(false))
}

// issueGroup is a policy issue with its tracks and sessions.
type issueGroup struct {
	tracks.PolicyIssue
	Tracks   []tracks.TrackInfo
	Sessions []sessions.Session
}

type issuesData struct {
	Edition tracks.Edition
	Issues  []issueGroup
	Co      coOrganisers
}

// issues: GET /issues — the programme organised by the focused agenda:
// each strategic policy issue with its tracks and sessions.
func (p *Pages) issues(c echo.Context) error {
	ctx := c.Request().Context()
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	list, err := p.deps.Programme.PolicyIssues(ctx, ed.ID)
	if err != nil {
		return err
	}
	trs, err := p.deps.Tracks.TracksOfEdition(ctx, ed.ID)
	if err != nil {
		return err
	}
	all, err := p.deps.Sessions.SessionsOfEdition(ctx, ed.ID)
	if err != nil {
		return err
	}
	d := &issuesData{Edition: ed}
	if d.Co, err = p.coOrganisersOf(ctx, all); err != nil {
		return err
	}
	for _, pi := range list {
		g := issueGroup{PolicyIssue: pi}
		for _, t := range trs {
			if t.PolicyIssueID == pi.ID {
				g.Tracks = append(g.Tracks, t)
			}
		}
		for _, s := range all {
			if s.PolicyIssueID == pi.ID {
				g.Sessions = append(g.Sessions, s)
			}
		}
		d.Issues = append(d.Issues, g)
	}
	v := p.view(c, "/issues")
	v.Data = d
	return p.render(c, http.StatusOK, "issues", v)
}

// nriEntry is an initiative with its tracks.
type nriEntry struct {
	nris.NRI
	Tracks []tracks.TrackInfo
}

// directoryData is the directory, with the co-organiser requests the
// reader may answer and the word on the one they just answered.
type directoryData struct {
	Entries  []nriEntry
	Requests []nris.CoOrganiserRequest
	Answered string
}

// directory: GET /nris — the directory of initiatives, headed by the
// requests to co-organise sessions that the reader may answer.
func (p *Pages) directory(c echo.Context) error {
	ctx := c.Request().Context()
	list, err := p.deps.NRIs.NRIs(ctx)
	if err != nil {
		return err
	}
	d := &directoryData{Answered: answeredKey(c.QueryParam("answered"))}
	if d.Requests, err = p.deps.NRIs.RequestsFor(ctx, p.identity(c)); err != nil {
		return err
	}
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	trs, err := p.deps.Tracks.TracksOfEdition(ctx, ed.ID)
	if err != nil {
		return err
	}
	d.Entries = make([]nriEntry, len(list))
	for i, n := range list {
		d.Entries[i].NRI = n
		for _, t := range trs {
			if t.NRIID == n.ID {
				d.Entries[i].Tracks = append(d.Entries[i].Tracks, t)
			}
		}
	}
	v := p.view(c, "/nris")
	v.Data = d
	return p.render(c, http.StatusOK, "nris", v)
}

func trackPath(id int64) string { return "/tracks/" + strconv.FormatInt(id, 10) }

// pathInt reads the :id path parameter; what names the resource.
func pathInt(c echo.Context, what igfplus.Text) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, igfplus.Errorf(igfplus.ENotFound, "There is no such %s.", what)
	}
	return id, nil
}

// signedIn runs do for the resource of the :id path parameter (what names
// it) and who is signed in; anyone else signs in first, then comes back to
// back(id).
func (p *Pages) signedIn(c echo.Context, what igfplus.Text, back func(int64) string, do func(who igfplus.Identity, id int64) error) error {
	id, err := pathInt(c, what)
	if err != nil {
		return err
	}
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, back(id))
	}
	return do(who, id)
}

// backTo is the way back of signedIn to the one page path, whatever the id.
func backTo(path string) func(int64) string { return func(int64) string { return path } }

// sessionList is a list of sessions with the view that translates it (the
// "session_list" template of lists.html), their co-organisers, and whether
// the viewer plans them (and gets a link to change their co-organisers).
type sessionList struct {
	V    *view
	List []sessions.Session
	Co   coOrganisers
	Plan bool
}

// SessionList hands list to the "session_list" template.
func (v *view) SessionList(list []sessions.Session, co coOrganisers, plan bool) sessionList {
	return sessionList{V: v, List: list, Co: co, Plan: plan}
}

// coOrganisers are the initiatives co-organising sessions, by session.
type coOrganisers map[int64][]nris.CoOrganiser

// coOrganiserList is the argument of the "coorganisers" template.
type coOrganiserList struct {
	V    *view
	List []nris.CoOrganiser
}

// CoOrganisers hands the co-organisers of one session to the
// "coorganisers" template.
func (v *view) CoOrganisers(list []nris.CoOrganiser) coOrganiserList {
	return coOrganiserList{V: v, List: list}
}

// coOrganisersOf reads the co-organisers of all the sessions listed in one
// query (none without the NRIs dependency), however long the list.
func (p *Pages) coOrganisersOf(ctx context.Context, list []sessions.Session) (coOrganisers, error) {
	if p.deps.NRIs == nil || len(list) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(list))
	for i, s := range list {
		ids[i] = s.ID
	}
	return p.deps.NRIs.CoOrganisersOf(ctx, ids)
}

// The co-organisers of a session: the form that sets them, and the
// answers of the initiatives asked.

// coOrganisersData is the form that sets the initiatives co-organising a
// session, for those who plan its track.
type coOrganisersData struct {
	Session sessions.Session
	Track   tracks.TrackInfo
	Choices []coOrganiserChoice
	// Fixed: one choice is the track's own initiative, which always
	// co-organises (the hint says so).
	Fixed bool
}

// coOrganiserChoice is one initiative of the form: Ticked when it
// co-organises the session or was asked to, Pending while it has not
// answered, Fixed when it is the track's own initiative.
type coOrganiserChoice struct {
	ID                     int64
	Name                   string
	Ticked, Pending, Fixed bool
}

func coOrganisersPath(session int64) string { return sessionPath(session) + "/coorganisers" }

// coOrganisersForm: GET /sessions/:id/coorganisers — the form, for the
// secretariat and, on an initiative's track, its coordinators.
func (p *Pages) coOrganisersForm(c echo.Context) error {
	return p.signedIn(c, "session", coOrganisersPath, func(who igfplus.Identity, id int64) error {
		return p.renderCoOrganisers(c, who, id)
	})
}

// renderCoOrganisers renders the form of session id for who, refused
// unless they plan its track.
func (p *Pages) renderCoOrganisers(c echo.Context, who igfplus.Identity, id int64) error {
	ctx := c.Request().Context()
	d := &coOrganisersData{}
	var err error
	if d.Session, err = p.deps.Sessions.Session(ctx, id); err != nil {
		return err
	}
	if d.Track, err = p.deps.Tracks.Track(ctx, d.Session.TrackID); err != nil {
		return err
	}
	if err := p.deps.Tracks.MayRunTrack(ctx, who, d.Track.ID); err != nil {
		return err
	}
	all, err := p.deps.NRIs.NRIs(ctx)
	if err != nil {
		return err
	}
	co, err := p.deps.NRIs.CoOrganisersOf(ctx, []int64{id})
	if err != nil {
		return err
	}
	asked, err := p.deps.NRIs.RequestsOfSession(ctx, who, id)
	if err != nil {
		return err
	}
	d.Choices = coOrganiserChoices(all, co[id], asked, d.Track.NRIID)
	d.Fixed = d.Track.NRIID != 0
	v := p.view(c, coOrganisersPath(id))
	v.Data = d
	return p.render(c, http.StatusOK, "coorganisers", v)
}

// coOrganiserChoices lists the directory's initiatives for the form,
// ticking those in co and asked (marked as waiting), and fixing own (the
// track's initiative). Withdrawn initiatives are offered only when they
// are already ticked, so that they can be taken off but not newly added.
func coOrganiserChoices(all []nris.NRI, co []nris.CoOrganiser, asked []nris.CoOrganiserRequest, own int64) []coOrganiserChoice {
	ticked := make(map[int64]bool, len(co)+len(asked))
	for _, n := range co {
		ticked[n.ID] = true
	}
	pending := make(map[int64]bool, len(asked))
	for _, r := range asked {
		ticked[r.NRI.ID], pending[r.NRI.ID] = true, true
	}
	var out []coOrganiserChoice
	for _, n := range all {
		if n.Recognition == nris.Withdrawn && !ticked[n.ID] {
			continue
		}
		out = append(out, coOrganiserChoice{ID: n.ID, Name: n.Name, Ticked: ticked[n.ID] || n.ID == own, Pending: pending[n.ID], Fixed: n.ID == own})
	}
	return out
}

// decideCoOrganiser: POST /sessions/:id/coorganisers/:nri/accept or
// /decline — the initiative's coordinators answer its request, then back
// to the directory's requests, which say what was done.
func (p *Pages) decideCoOrganiser(accept bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		return p.signedIn(c, "session", backTo("/nris"), func(who igfplus.Identity, id int64) error {
			nri, err := strconv.ParseInt(c.Param("nri"), 10, 64)
			if err != nil || nri <= 0 {
				return igfplus.Errorf(igfplus.ENotFound, "There is no such initiative.")
			}
			if _, err := p.deps.NRIs.DecideCoOrganiser(c.Request().Context(), who, id, nri, accept); err != nil {
				return err
			}
			answered := "declined"
			if accept {
				answered = "accepted"
			}
			return seeOther(c, "/nris?answered="+answered+"#coorganiser-requests")
		})
	}
}

// answeredKey is the catalogue key of the directory's word on the request
// just answered (answered=accepted or declined), "" for anything else.
func answeredKey(answered string) string {
	switch answered {
	case "accepted", "declined":
		return "coorganisers.answered." + answered
	}
	return ""
}

// setCoOrganisers: POST /sessions/:id/coorganisers {nri_id...} — replaces
// the co-organisers with those ticked, then back to the track's page,
// which lists them under the session.
func (p *Pages) setCoOrganisers(c echo.Context) error {
	return p.signedIn(c, "session", coOrganisersPath, func(who igfplus.Identity, id int64) error {
		list, err := formIDs(c, "nri_id")
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		sess, err := p.deps.Sessions.Session(ctx, id)
		if err != nil {
			return err
		}
		if _, err := p.deps.NRIs.SetCoOrganisers(ctx, who, id, list); err != nil {
			return err
		}
		return seeOther(c, trackPath(sess.TrackID))
	})
}

// formIDs reads the ids a form sends under name (ticked checkboxes);
// anything but positive numbers is a forged form.
func formIDs(c echo.Context, name string) ([]int64, error) {
	form, err := c.FormParams()
	if err != nil {
		return nil, igfplus.Errorf(igfplus.EInvalid, "The form could not be read.")
	}
	var list []int64
	for _, s := range form[name] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return nil, igfplus.Errorf(igfplus.EInvalid, "The form sent %q, which is not an id.", s)
		}
		list = append(list, n)
	}
	return list, nil
}
