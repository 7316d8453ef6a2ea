package pages

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
)

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
		return p.signedIn(c, "session", func(int64) string { return "/nris" }, func(who igfplus.Identity, id int64) error {
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
