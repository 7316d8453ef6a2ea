package web

import (
	"context"
	"net/http"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/labstack/echo/v4"
)

// liftRestriction: DELETE /api/sessions/:id/restrictions/:account[?reason=]
// — a moderator unmutes, readmits or unbans someone (the reason goes to the
// moderation log).
func (s *Server) liftRestriction(c echo.Context) error {
	return actByIDs(s, "session", "account", "account", http.StatusNoContent, func(ctx context.Context, who igfplus.Identity, id, account int64) error {
		return s.deps.Sessions.Lift(ctx, who, id, account, c.QueryParam("reason"))
	})(c)
}

// hideQuestion hides a question with its reason, or lets a held or hidden
// one through (PATCH .../questions/:question with "hidden").
func (s *Server) hideQuestion(c echo.Context, id, qid int64, hide bool, reason string) error {
	ctx, who := c.Request().Context(), s.identity(c)
	if !hide {
		q, err := s.deps.Sessions.ReleaseQuestion(ctx, who, id, qid)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, q)
	}
	q, err := s.deps.Sessions.HideQuestion(ctx, who, id, qid, reason)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, q)
}
