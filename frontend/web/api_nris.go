package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
)

// nriRoutes registers the NRI directory, the programme's writes (policy
// issues, tracks, sessions), track links and the global tracks' intake.
// The routes are always registered (so the OpenAPI test sees them); the
// Service decides who may.
func (s *Server) nriRoutes(api *echo.Group) {
	api.GET("/policy-issues", s.listPolicyIssues)
	api.POST("/policy-issues", s.addPolicyIssue)
	api.GET("/tracks", s.listTracks)
	api.POST("/tracks", s.addTrack)
	api.GET("/tracks/:id", s.getTrack)
	api.PUT("/tracks/:id/lead", s.setLead)
	api.POST("/tracks/:id/sessions", s.addSession)
	api.GET("/tracks/:id/links", s.listLinks)
	api.POST("/tracks/:id/links", s.askLink)
	api.GET("/tracks/:id/intake", s.listIntake)
	api.GET("/links", s.listLinks)
	api.POST("/links/:id/accept", s.decideLink(true))
	api.POST("/links/:id/decline", s.decideLink(false))
	api.POST("/intake/:id/merge", s.mergeIntake)
	api.POST("/intake/:id/answer", s.answerIntake)
	api.GET("/sessions/:id/coorganisers", s.coOrganisers)
	api.PUT("/sessions/:id/coorganisers", s.coOrganisers)
	api.GET("/nris", s.listNRIs)
	api.POST("/nris", s.createNRI)
	api.GET("/nris/:id", s.getNRI)
	api.PATCH("/nris/:id", s.updateNRI)
}

// listPolicyIssues: GET /api/policy-issues — the current edition's
// focused agenda, in order.
func (s *Server) listPolicyIssues(c echo.Context) error {
	ctx := c.Request().Context()
	e, err := s.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	issues, err := s.deps.Programme.PolicyIssues(ctx, e.ID)
	if err != nil {
		return err
	}
	out := make([]policyIssueJSON, len(issues))
	for i, pi := range issues {
		out[i] = toPolicyIssue(pi)
	}
	return c.JSON(http.StatusOK, map[string]any{"edition_id": e.ID, "max_policy_issues": e.MaxPolicyIssues, "policy_issues": out})
}

// addPolicyIssue: POST /api/policy-issues — the secretariat adds a
// strategic policy issue, within the edition's cap (409 beyond it).
func (s *Server) addPolicyIssue(c echo.Context) error {
	var in nris.NewPolicyIssue
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.orCurrentEdition(c, &in.EditionID); err != nil {
		return err
	}
	pi, err := s.deps.NRIs.AddPolicyIssue(c.Request().Context(), s.deps.IdentityOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toPolicyIssue(pi))
}

// listTracks: GET /api/tracks — the current edition's tracks, with their
// initiatives and leads.
func (s *Server) listTracks(c echo.Context) error {
	ctx := c.Request().Context()
	e, err := s.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	list, err := s.deps.NRIs.TracksOfEdition(ctx, e.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"tracks": nonNil(list)})
}

// addTrack: POST /api/tracks — the secretariat adds any track, an
// initiative's coordinators an NRI track of their own.
func (s *Server) addTrack(c echo.Context) error {
	var in nris.NewTrack
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.orCurrentEdition(c, &in.EditionID); err != nil {
		return err
	}
	t, err := s.deps.NRIs.AddTrack(c.Request().Context(), s.deps.IdentityOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, t)
}

// getTrack: GET /api/tracks/{id}.
func (s *Server) getTrack(c echo.Context) error {
	id, err := pathID(c, "track")
	if err != nil {
		return err
	}
	t, err := s.deps.NRIs.Track(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

// setLead: PUT /api/tracks/{id}/lead {"lead_id": N} — those who plan the
// track (the secretariat; an initiative's coordinators for its track)
// change its lead; 0 leaves it without one. lead_id is required, so that
// a body missing it never clears the lead by accident.
func (s *Server) setLead(c echo.Context) error {
	id, err := pathID(c, "track")
	if err != nil {
		return err
	}
	var in struct {
		LeadID *int64 `json:"lead_id"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.LeadID == nil {
		return igfplus.Errorf(igfplus.EInvalid, "lead_id is required: an account's id, or 0 for no lead.")
	}
	t, err := s.deps.NRIs.SetLead(c.Request().Context(), s.deps.IdentityOf(c), id, *in.LeadID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

// addSession: POST /api/tracks/{id}/sessions — a session tied to a policy
// issue, moderated by its creator unless moderator_id says otherwise.
func (s *Server) addSession(c echo.Context) error {
	id, err := pathID(c, "track")
	if err != nil {
		return err
	}
	var in nris.NewSession
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	sid, err := s.deps.NRIs.AddSession(c.Request().Context(), s.deps.IdentityOf(c), id, in)
	if err != nil {
		return err
	}
	sess, err := s.deps.Sessions.Session(c.Request().Context(), sid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toSession(sess, nil))
}

func toPolicyIssue(i tracks.PolicyIssue) policyIssueJSON {
	return policyIssueJSON{i.ID, i.Position, i.Slug, i.Title, i.Summary}
}

// orCurrentEdition sets *id to the current edition when the request named
// none.
func (s *Server) orCurrentEdition(c echo.Context, id *int64) error {
	if *id != 0 {
		return nil
	}
	e, err := s.deps.Programme.CurrentEdition(c.Request().Context())
	*id = e.ID
	return err
}

// coOrganisers: GET and PUT /api/sessions/{id}/coorganisers — the
// initiatives co-organising a session; PUT {"nri_ids": [...]} replaces
// them (the secretariat, or the coordinators of the track's initiative).
func (s *Server) coOrganisers(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var list []nris.CoOrganiser
	if c.Request().Method == http.MethodPut {
		var in struct {
			NRIIDs []int64 `json:"nri_ids"`
		}
		if err := bindJSON(c, &in); err != nil {
			return err
		}
		list, err = s.deps.NRIs.SetCoOrganisers(ctx, s.deps.IdentityOf(c), id, in.NRIIDs)
	} else {
		list, err = s.deps.NRIs.CoOrganisers(ctx, id)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"coorganisers": nonNil(list)})
}
