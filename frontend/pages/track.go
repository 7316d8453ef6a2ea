package pages

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

// trackData is a track's page: its sessions, its links and, for a global
// track, its intake, with the forms the viewer may use.
type trackData struct {
	T        tracks.TrackInfo
	Sessions []sessions.Session
	Links    []nris.Link
	Intake   []nris.IntakeItem
	// MayAsk: the viewer coordinates this NRI track's initiative;
	// Globals are the tracks it may ask to link to.
	MayAsk  bool
	Globals []tracks.TrackInfo
	// MayLead: the viewer decides links and intake of this global track;
	// Recs are the track's recommendations to merge into.
	MayLead bool
	Recs    []recommendations.Recommendation
	// MayPlan: the viewer plans this track (its lead, its sessions'
	// co-organisers); Lead is then the change-of-lead form.
	MayPlan bool
	Lead    *leadForm
	// Co are the sessions' co-organising initiatives.
	Co coOrganisers
}

// leadForm is the change-of-lead form; Email and Refused come back when
// the address found no account, so the planner corrects what they typed.
type leadForm struct {
	Email   string
	Refused bool
}

// IsNRI reports whether the page's track is an initiative's.
func (d *trackData) IsNRI() bool { return d.T.NRIID != 0 || d.T.Kind == tracks.NRI }

// track: GET /tracks/:id.
func (p *Pages) track(c echo.Context) error {
	id, err := pathInt(c, "track")
	if err != nil {
		return err
	}
	return p.renderTrack(c, id, http.StatusOK, &leadForm{})
}

// renderTrack renders the page of track id, with the change-of-lead form
// as lead left it.
func (p *Pages) renderTrack(c echo.Context, id int64, status int, lead *leadForm) error {
	ctx, who := c.Request().Context(), p.identity(c)
	d := &trackData{}
	var err error
	if d.T, err = p.deps.Tracks.Track(ctx, id); err != nil {
		return err
	}
	all, err := p.deps.Sessions.SessionsOfEdition(ctx, d.T.EditionID)
	if err != nil {
		return err
	}
	for _, s := range all {
		if s.TrackID == id {
			d.Sessions = append(d.Sessions, s)
		}
	}
	if d.Co, err = p.coOrganisersOf(ctx, d.Sessions); err != nil {
		return err
	}
	if d.Links, err = p.deps.NRIs.Links(ctx, id, ""); err != nil {
		return err
	}
	if !who.Anonymous() && p.deps.Tracks.MayRunTrack(ctx, who, id) == nil {
		d.MayPlan, d.Lead = true, lead
	}
	if d.IsNRI() {
		err = p.nriSide(c, who, d)
	} else {
		err = p.globalSide(c, who, d)
	}
	if err != nil {
		return err
	}
	v := p.view(c, trackPath(id))
	p.translateTrack(ctx, v, d)
	v.Data = d
	return p.render(c, status, "track", v)
}

// setLead: POST /tracks/:id/lead {email} or {remove} — the track's
// planners change or remove its lead. An address that finds no account
// comes back to the form, kept, with the problem next to it.
func (p *Pages) setLead(c echo.Context) error {
	return p.signedIn(c, "track", trackPath, func(who igfplus.Identity, id int64) error {
		ctx, email := c.Request().Context(), strings.TrimSpace(c.FormValue("email"))
		var err error
		if c.FormValue("remove") != "" {
			_, err = p.deps.Tracks.SetLead(ctx, who, id, 0)
		} else {
			_, err = p.deps.Tracks.SetLeadByEmail(ctx, who, id, email)
		}
		if igfplus.ErrorCode(err) == igfplus.EInvalid {
			return p.renderTrack(c, id, statusOf(igfplus.EInvalid), &leadForm{Email: email, Refused: true})
		}
		if err != nil {
			return err
		}
		return seeOther(c, trackPath(id)+"#lead")
	})
}

// nriSide fills the ask-to-link form for the initiative's coordinators.
func (p *Pages) nriSide(c echo.Context, who igfplus.Identity, d *trackData) error {
	ctx := c.Request().Context()
	if d.T.NRIID == 0 || p.deps.NRIs.MayRunNRI(ctx, who, d.T.NRIID) != nil {
		return nil
	}
	d.MayAsk = true
	trs, err := p.deps.Tracks.TracksOfEdition(ctx, d.T.EditionID)
	for _, t := range trs {
		if t.NRIID == 0 && t.Kind != tracks.NRI {
			d.Globals = append(d.Globals, t)
		}
	}
	return err
}

// globalSide reads the intake and, for its lead, what to merge into.
func (p *Pages) globalSide(c echo.Context, who igfplus.Identity, d *trackData) error {
	ctx := c.Request().Context()
	var err error
	if d.Intake, err = p.deps.NRIs.Intake(ctx, d.T.ID); err != nil {
		return err
	}
	if p.deps.NRIs.MayLead(ctx, who, d.T.ID) != nil {
		return nil
	}
	d.MayLead = true
	if p.deps.Recommendations != nil {
		d.Recs, err = p.deps.Recommendations.Recommendations(ctx, recommendations.Filter{TrackID: d.T.ID})
	}
	return err
}

// askLink: POST /tracks/:id/links — the coordinator's form.
func (p *Pages) askLink(c echo.Context) error {
	return p.signedIn(c, "track", trackPath, func(who igfplus.Identity, id int64) error {
		global, _ := strconv.ParseInt(c.FormValue("global_track_id"), 10, 64)
		if _, err := p.deps.NRIs.AskLink(c.Request().Context(), who, id, global, c.FormValue("note")); err != nil {
			return err
		}
		return seeOther(c, trackPath(id))
	})
}

// decideLink: POST /links/:id/accept|decline — from the global track's
// page.
func (p *Pages) decideLink(accept bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathInt(c, "link")
		if err != nil {
			return err
		}
		ctx, who := c.Request().Context(), p.identity(c)
		l, err := p.deps.NRIs.Link(ctx, id)
		if err != nil {
			return err
		}
		if who.Anonymous() {
			return signinFor(c, trackPath(l.GlobalTrackID))
		}
		if _, err := p.deps.NRIs.DecideLink(ctx, who, id, accept, c.FormValue("reason")); err != nil {
			return err
		}
		return seeOther(c, trackPath(l.GlobalTrackID)+"#link-"+strconv.FormatInt(id, 10))
	}
}

// decideIntake: POST /intake/:id/merge (recommendation_id) or
// /intake/:id/answer (answer); back to the track's page.
func (p *Pages) decideIntake(merge bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathInt(c, "intake item")
		if err != nil {
			return err
		}
		ctx, who := c.Request().Context(), p.identity(c)
		if who.Anonymous() {
			back, _ := strconv.ParseInt(c.FormValue("track"), 10, 64)
			return signinFor(c, trackPath(back))
		}
		var it nris.IntakeItem
		if merge {
			rec, _ := strconv.ParseInt(c.FormValue("recommendation_id"), 10, 64)
			it, err = p.deps.NRIs.Merge(ctx, who, id, rec)
		} else {
			it, err = p.deps.NRIs.Answer(ctx, who, id, c.FormValue("answer"))
		}
		if err != nil {
			return err
		}
		return seeOther(c, trackPath(it.GlobalTrackID)+"#intake-"+strconv.FormatInt(id, 10))
	}
}
