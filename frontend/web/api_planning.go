package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// planningRoutes registers the programme's writes (policy issues, tracks
// and their leads, sessions) and the tracks as their planners see them.
// The routes are always registered (so the OpenAPI test sees them); the
// Service decides who may.
func (s *Server) planningRoutes(api *echo.Group) {
	api.POST("/editions", s.addEdition)
	api.PATCH("/editions/:id", s.updateEdition)
	api.GET("/policy-issues", s.listPolicyIssues)
	api.POST("/policy-issues", s.addPolicyIssue)
	api.PATCH("/policy-issues/:id", s.updatePolicyIssue)
	api.GET("/tracks", s.listTracks)
	api.POST("/tracks", s.addTrack)
	api.GET("/tracks/:id", s.getTrack)
	api.PATCH("/tracks/:id", s.updateTrack)
	api.PUT("/tracks/:id/lead", s.setLead)
	api.POST("/tracks/:id/sessions", s.addSession)
}

// listPolicyIssues: GET /api/policy-issues — the current edition's
// focused agenda, in order.
func (s *Server) listPolicyIssues(c echo.Context) error {
	e, issues, err := s.currentAgenda(c.Request().Context())
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
	var in tracks.NewPolicyIssue
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.orCurrentEdition(c, &in.EditionID); err != nil {
		return err
	}
	pi, err := s.deps.Tracks.AddPolicyIssue(c.Request().Context(), s.deps.IdentityOf(c), in)
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
	list, err := s.deps.Tracks.TracksOfEdition(ctx, e.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"tracks": nonNil(list)})
}

// addTrack: POST /api/tracks — the secretariat adds any track, an
// initiative's coordinators an NRI track of their own.
func (s *Server) addTrack(c echo.Context) error {
	var in tracks.NewTrack
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.orCurrentEdition(c, &in.EditionID); err != nil {
		return err
	}
	t, err := s.deps.Tracks.AddTrack(c.Request().Context(), s.deps.IdentityOf(c), in)
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
	t, err := s.deps.Tracks.Track(c.Request().Context(), id)
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
	t, err := s.deps.Tracks.SetLead(c.Request().Context(), s.deps.IdentityOf(c), id, *in.LeadID)
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
	var in tracks.NewSession
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	sid, err := s.deps.Tracks.AddSession(c.Request().Context(), s.deps.IdentityOf(c), id, in)
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
	return policyIssueJSON{ID: i.ID, Position: i.Position, Slug: i.Slug, Title: i.Title, Summary: i.Summary, localisedJSON: localisedJSON{SourceLang: i.SourceLang}}
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
