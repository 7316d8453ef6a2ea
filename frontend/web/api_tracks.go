package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/delegates"
)

// trackRoutes registers delegate verification. The routes are always
// registered (so the OpenAPI test sees them); the Service decides who may.
func (s *Server) trackRoutes(api *echo.Group) {
	api.POST("/me/verification", s.askVerification)
	api.GET("/verifications", s.listVerifications)
	api.POST("/verifications/:id/accept", s.decideVerification(true))
	api.POST("/verifications/:id/decline", s.decideVerification(false))
}

// askVerification: POST /api/me/verification — ask the secretariat to
// verify the caller.
func (s *Server) askVerification(c echo.Context) error {
	var in struct {
		VerifyAs string `json:"verify_as"`
		Note     string `json:"note"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := s.deps.Delegates.Ask(c.Request().Context(), s.deps.IdentityOf(c), tracks.Verification(in.VerifyAs), in.Note)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, r)
}

// listVerifications: GET /api/verifications?state= — the secretariat's
// list of requests and decisions, newest first.
func (s *Server) listVerifications(c echo.Context) error {
	list, err := s.deps.Delegates.Requests(c.Request().Context(), s.deps.IdentityOf(c), delegates.State(c.QueryParam("state")))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"verifications": nonNil(list)})
}

// decideVerification: POST /api/verifications/{id}/accept|decline, with an
// optional reason kept in the record.
func (s *Server) decideVerification(accept bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c, "verification request")
		if err != nil {
			return err
		}
		reason, err := optionalReason(c)
		if err != nil {
			return err
		}
		r, err := s.deps.Delegates.Decide(c.Request().Context(), s.deps.IdentityOf(c), id, accept, reason)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, r)
	}
}
