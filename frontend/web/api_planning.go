package web

import (
	"context"
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
	t := s.deps.Tracks
	api.POST("/editions", write(s, http.StatusCreated, s.addEdition))
	api.PATCH("/editions/:id", writeByID(s, "edition", http.StatusOK, s.updateEdition))
	api.GET("/policy-issues", s.listPolicyIssues)
	api.POST("/policy-issues", write(s, http.StatusCreated, s.addPolicyIssue))
	api.PATCH("/policy-issues/:id", writeByID(s, "policy issue", http.StatusOK, s.updatePolicyIssue))
	api.GET("/tracks", listMine(s, "tracks", public(s.listTracks)))
	api.POST("/tracks", write(s, http.StatusCreated, s.addTrack))
	api.GET("/tracks/:id", answerByID(s, "track", s.getTrack))
	// {title, description, policy_issue_id}: those who plan the track.
	api.PATCH("/tracks/:id", writeByID(s, "track", http.StatusOK, t.UpdateTrack))
	api.PUT("/tracks/:id/lead", writeByID(s, "track", http.StatusOK, s.setLead))
	api.POST("/tracks/:id/sessions", writeByID(s, "track", http.StatusCreated, s.addSession))
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
func (s *Server) addPolicyIssue(ctx context.Context, who igfplus.Identity, in tracks.NewPolicyIssue) (policyIssueJSON, error) {
	if err := s.orCurrentEdition(ctx, &in.EditionID); err != nil {
		return policyIssueJSON{}, err
	}
	pi, err := s.deps.Tracks.AddPolicyIssue(ctx, who, in)
	return toPolicyIssue(pi), err
}

// listTracks: GET /api/tracks — the current edition's tracks, with their
// initiatives and leads.
func (s *Server) listTracks(ctx context.Context) ([]tracks.TrackInfo, error) {
	var edition int64
	if err := s.orCurrentEdition(ctx, &edition); err != nil {
		return nil, err
	}
	return s.deps.Tracks.TracksOfEdition(ctx, edition)
}

// addTrack: POST /api/tracks — the secretariat adds any track, an
// initiative's coordinators an NRI track of their own.
func (s *Server) addTrack(ctx context.Context, who igfplus.Identity, in tracks.NewTrack) (tracks.TrackInfo, error) {
	if err := s.orCurrentEdition(ctx, &in.EditionID); err != nil {
		return tracks.TrackInfo{}, err
	}
	return s.deps.Tracks.AddTrack(ctx, who, in)
}

// getTrack: GET /api/tracks/{id}.
func (s *Server) getTrack(ctx context.Context, _ igfplus.Identity, id int64) (tracks.TrackInfo, error) {
	return s.deps.Tracks.Track(ctx, id)
}

// leadJSON is the body of PUT /api/tracks/{id}/lead.
type leadJSON struct {
	LeadID *int64 `json:"lead_id"`
}

// setLead: PUT /api/tracks/{id}/lead {"lead_id": N} — those who plan the
// track (the secretariat; an initiative's coordinators for its track)
// change its lead; 0 leaves it without one. lead_id is required, so that
// a body missing it never clears the lead by accident.
func (s *Server) setLead(ctx context.Context, who igfplus.Identity, id int64, in leadJSON) (tracks.TrackInfo, error) {
	if in.LeadID == nil {
		return tracks.TrackInfo{}, igfplus.Errorf(igfplus.EInvalid, "lead_id is required: an account's id, or 0 for no lead.")
	}
	return s.deps.Tracks.SetLead(ctx, who, id, *in.LeadID)
}

// addSession: POST /api/tracks/{id}/sessions — a session tied to a policy
// issue, moderated by its creator unless moderator_id says otherwise.
func (s *Server) addSession(ctx context.Context, who igfplus.Identity, id int64, in tracks.NewSession) (sessionJSON, error) {
	sid, err := s.deps.Tracks.AddSession(ctx, who, id, in)
	if err != nil {
		return sessionJSON{}, err
	}
	sess, err := s.deps.Sessions.Session(ctx, sid)
	return toSession(sess, nil), err
}

func toPolicyIssue(i tracks.PolicyIssue) policyIssueJSON {
	return policyIssueJSON{ID: i.ID, Position: i.Position, Slug: i.Slug, Title: i.Title, Summary: i.Summary, localisedJSON: localisedJSON{SourceLang: i.SourceLang}}
}

// orCurrentEdition sets *id to the current edition when the request named
// none.
func (s *Server) orCurrentEdition(ctx context.Context, id *int64) error {
	if *id != 0 {
		return nil
	}
	e, err := s.deps.Programme.CurrentEdition(ctx)
	*id = e.ID
	return err
}
