package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/delegates"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// trackRoutes registers delegate verification. The routes are always
// registered (so the OpenAPI test sees them); the Service decides who may.
func (s *Server) trackRoutes(api *echo.Group) {
	api.POST("/me/verification", write(s, http.StatusCreated, s.askVerification))
	api.GET("/verifications", s.listVerifications)
	// With an optional reason kept in the record.
	api.POST("/verifications/:id/accept", decideByID(s, "verification request", true, s.deps.Delegates.Decide))
	api.POST("/verifications/:id/decline", decideByID(s, "verification request", false, s.deps.Delegates.Decide))
}

// verifyJSON is the body of POST /api/me/verification.
type verifyJSON struct {
	VerifyAs string `json:"verify_as"`
	Note     string `json:"note"`
}

// askVerification: POST /api/me/verification — ask the secretariat to
// verify the caller.
func (s *Server) askVerification(ctx context.Context, who igfplus.Identity, in verifyJSON) (delegates.Request, error) {
	return s.deps.Delegates.Ask(ctx, who, tracks.Verification(in.VerifyAs), in.Note)
}

// listVerifications: GET /api/verifications?state= — the secretariat's
// list of requests and decisions, newest first.
func (s *Server) listVerifications(c echo.Context) error {
	return listMine(s, "verifications", func(ctx context.Context, who igfplus.Identity) ([]delegates.Request, error) {
		return s.deps.Delegates.Requests(ctx, who, delegates.State(c.QueryParam("state")))
	})(c)
}
