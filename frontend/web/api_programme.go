package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// currentEdition: GET /api/editions/current — the edition with its focused
// agenda and tracks.
func (s *Server) currentEdition(c echo.Context) error {
	ctx := c.Request().Context()
	e, err := s.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	issues, err := s.deps.Programme.PolicyIssues(ctx, e.ID)
	if err != nil {
		return err
	}
	ts, err := s.deps.Programme.Tracks(ctx, e.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toEdition(e, issues, ts))
}
