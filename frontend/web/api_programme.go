package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
)

// currentEdition: GET /api/editions/current?lang= — the edition with its
// focused agenda and tracks, and their translations (the texts in lang
// where translated).
func (s *Server) currentEdition(c echo.Context) error {
	ctx := c.Request().Context()
	e, issues, err := s.currentAgenda(ctx)
	if err != nil {
		return err
	}
	ts, err := s.deps.Programme.Tracks(ctx, e.ID)
	if err != nil {
		return err
	}
	out := toEdition(e, issues, ts)
	if err := s.translateEdition(c, &out); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// currentAgenda is the current edition with its focused agenda, in order.
func (s *Server) currentAgenda(ctx context.Context) (tracks.Edition, []tracks.PolicyIssue, error) {
	e, err := s.deps.Programme.CurrentEdition(ctx)
	if err != nil {
		return e, nil, err
	}
	issues, err := s.deps.Programme.PolicyIssues(ctx, e.ID)
	return e, issues, err
}
