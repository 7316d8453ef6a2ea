package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
)

// addEdition: POST /api/editions — the secretariat opens an edition (the
// latest year's is the current one).
func (s *Server) addEdition(c echo.Context) error {
	var in tracks.EditionFields
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	e, err := s.deps.Tracks.AddEdition(c.Request().Context(), s.deps.IdentityOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toEdition(e, nil, nil))
}

// updateEdition: PATCH /api/editions/{id} — the secretariat changes an
// edition; every field is sent (the edition as it should be), and a cap
// below its policy issues' number is a conflict.
func (s *Server) updateEdition(c echo.Context) error {
	id, err := pathID(c, "edition")
	if err != nil {
		return err
	}
	var in tracks.EditionFields
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	e, err := s.deps.Tracks.UpdateEdition(c.Request().Context(), s.deps.IdentityOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toEdition(e, nil, nil))
}

// updatePolicyIssue: PATCH /api/policy-issues/{id} {title, summary}.
func (s *Server) updatePolicyIssue(c echo.Context) error {
	id, err := pathID(c, "policy issue")
	if err != nil {
		return err
	}
	var in tracks.PolicyIssueFields
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	pi, err := s.deps.Tracks.UpdatePolicyIssue(c.Request().Context(), s.deps.IdentityOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toPolicyIssue(pi))
}

// updateTrack: PATCH /api/tracks/{id} {title, description,
// policy_issue_id} — those who plan the track.
func (s *Server) updateTrack(c echo.Context) error {
	id, err := pathID(c, "track")
	if err != nil {
		return err
	}
	var in tracks.TrackFields
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t, err := s.deps.Tracks.UpdateTrack(c.Request().Context(), s.deps.IdentityOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}
