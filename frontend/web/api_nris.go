package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
)

// nriRoutes registers the NRI directory, sessions' co-organisers, track
// links and the global tracks' intake. The routes are always registered
// (so the OpenAPI test sees them); the Service decides who may.
func (s *Server) nriRoutes(api *echo.Group) {
	api.GET("/tracks/:id/links", s.listLinks)
	api.POST("/tracks/:id/links", writeByID(s, "track", http.StatusCreated, s.askLink))
	api.GET("/tracks/:id/intake", listByID(s, "track", "intake", s.listIntake))
	api.GET("/links", s.listLinks)
	// By the global track's lead or the secretariat, with an optional
	// reason.
	api.POST("/links/:id/accept", decideByID(s, "link", true, s.deps.NRIs.DecideLink))
	api.POST("/links/:id/decline", decideByID(s, "link", false, s.deps.NRIs.DecideLink))
	api.POST("/intake/:id/merge", writeByID(s, "intake item", http.StatusOK, s.mergeIntake))
	api.POST("/intake/:id/answer", writeByID(s, "intake item", http.StatusOK, s.answerIntake))
	api.GET("/sessions/:id/coorganisers", s.coOrganisers)
	api.PUT("/sessions/:id/coorganisers", s.coOrganisers)
	// The session's requests still waiting, for its planners.
	api.GET("/sessions/:id/coorganiser-requests", listByID(s, "session", "requests", s.deps.NRIs.RequestsOfSession))
	api.POST("/sessions/:id/coorganisers/:nri/accept", s.decideCoOrganiser(true))
	api.POST("/sessions/:id/coorganisers/:nri/decline", s.decideCoOrganiser(false))
	// Those waiting for the initiative's answer, for its coordinators and
	// the secretariat.
	api.GET("/nris/:id/coorganiser-requests", listByID(s, "initiative", "requests", s.deps.NRIs.RequestsTo))
	// The directory (public).
	api.GET("/nris", listMine(s, "nris", public(s.deps.NRIs.NRIs)))
	api.POST("/nris", s.createNRI)
	api.GET("/nris/:id", answerByID(s, "initiative", s.getNRI))
	// The secretariat changes an initiative (fields given only).
	api.PATCH("/nris/:id", writeByID(s, "initiative", http.StatusOK, s.deps.NRIs.UpdateNRI))
}

// coOrganisers: GET and PUT /api/sessions/{id}/coorganisers — the
// initiatives co-organising a session (those that accepted); PUT
// {"nri_ids": [...]} makes the list (the secretariat, or the coordinators
// of the track's initiative): an initiative newly named is a request its
// coordinators answer, unless the caller runs it too, and PUT's answer
// lists the requests still waiting ("requested"). nri_ids is required, so
// that a body missing it never clears them by accident; an explicit []
// does.
func (s *Server) coOrganisers(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if c.Request().Method != http.MethodPut {
		list, err := s.deps.NRIs.CoOrganisers(ctx, id)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]any{"coorganisers": nonNil(list)})
	}
	var in struct {
		NRIIDs *[]int64 `json:"nri_ids"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.NRIIDs == nil {
		return igfplus.Errorf(igfplus.EInvalid, "nri_ids is required: the initiatives' ids, or [] for none.")
	}
	who := s.deps.IdentityOf(c)
	list, err := s.deps.NRIs.SetCoOrganisers(ctx, who, id, *in.NRIIDs)
	if err != nil {
		return err
	}
	asked, err := s.deps.NRIs.RequestsOfSession(ctx, who, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"coorganisers": nonNil(list), "requested": nonNil(asked)})
}

// decideCoOrganiser: POST /api/sessions/{id}/coorganisers/{nri}/accept or
// /decline — the initiative's coordinators (or the secretariat) answer
// its request; the answer is the session's co-organisers after it.
func (s *Server) decideCoOrganiser(accept bool) echo.HandlerFunc {
	return answerByIDs(s, "session", "nri", "initiative", func(ctx context.Context, who igfplus.Identity, id, nri int64) (map[string][]nris.CoOrganiser, error) {
		list, err := s.deps.NRIs.DecideCoOrganiser(ctx, who, id, nri, accept)
		return map[string][]nris.CoOrganiser{"coorganisers": nonNil(list)}, err
	})
}
