package web

import (
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

// coOrganisers: GET and PUT /api/sessions/{id}/coorganisers — the
// initiatives co-organising a session; PUT {"nri_ids": [...]} replaces
// them (the secretariat, or the coordinators of the track's initiative).
// nri_ids is required, so that a body missing it never clears them by
// accident; an explicit [] does.
func (s *Server) coOrganisers(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var list []nris.CoOrganiser
	if c.Request().Method == http.MethodPut {
		var in struct {
			NRIIDs *[]int64 `json:"nri_ids"`
		}
		if err := bindJSON(c, &in); err != nil {
			return err
		}
		if in.NRIIDs == nil {
			return igfplus.Errorf(igfplus.EInvalid, "nri_ids is required: the initiatives' ids, or [] for none.")
		}
		list, err = s.deps.NRIs.SetCoOrganisers(ctx, s.deps.IdentityOf(c), id, *in.NRIIDs)
	} else {
		list, err = s.deps.NRIs.CoOrganisers(ctx, id)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"coorganisers": nonNil(list)})
}
