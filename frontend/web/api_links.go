package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/nris"
)

// listLinks: GET /api/links?state= and GET /api/tracks/{id}/links?state=
// — link requests and decisions, newest first (public).
func (s *Server) listLinks(c echo.Context) error {
	var track int64
	if c.Param("id") != "" {
		var err error
		if track, err = pathID(c, "track"); err != nil {
			return err
		}
	}
	list, err := s.deps.NRIs.Links(c.Request().Context(), track, nris.LinkState(c.QueryParam("state")))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"links": nonNil(list)})
}

// askLink: POST /api/tracks/{id}/links — an NRI track's coordinator asks
// to link it to global_track_id.
func (s *Server) askLink(c echo.Context) error {
	id, err := pathID(c, "track")
	if err != nil {
		return err
	}
	var in struct {
		GlobalTrackID int64  `json:"global_track_id"`
		Note          string `json:"note"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	l, err := s.deps.NRIs.AskLink(c.Request().Context(), s.deps.IdentityOf(c), id, in.GlobalTrackID, in.Note)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, l)
}

// decideLink: POST /api/links/{id}/accept|decline, by the global track's
// lead or the secretariat, with an optional reason.
func (s *Server) decideLink(accept bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c, "link")
		if err != nil {
			return err
		}
		reason, err := optionalReason(c)
		if err != nil {
			return err
		}
		l, err := s.deps.NRIs.DecideLink(c.Request().Context(), s.deps.IdentityOf(c), id, accept, reason)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, l)
	}
}

// listIntake: GET /api/tracks/{id}/intake — what linked tracks adopted,
// with its origin (public).
func (s *Server) listIntake(c echo.Context) error {
	id, err := pathID(c, "track")
	if err != nil {
		return err
	}
	list, err := s.deps.NRIs.Intake(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"intake": nonNil(list)})
}

// mergeIntake: POST /api/intake/{id}/merge — merge the item into a global
// recommendation of its track.
func (s *Server) mergeIntake(c echo.Context) error {
	id, err := pathID(c, "intake item")
	if err != nil {
		return err
	}
	var in struct {
		RecommendationID int64 `json:"recommendation_id"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	it, err := s.deps.NRIs.Merge(c.Request().Context(), s.deps.IdentityOf(c), id, in.RecommendationID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, it)
}

// answerIntake: POST /api/intake/{id}/answer — answer the item instead.
func (s *Server) answerIntake(c echo.Context) error {
	id, err := pathID(c, "intake item")
	if err != nil {
		return err
	}
	var in struct {
		Answer string `json:"answer"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	it, err := s.deps.NRIs.Answer(c.Request().Context(), s.deps.IdentityOf(c), id, in.Answer)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, it)
}

// listNRIs: GET /api/nris — the directory (public).
func (s *Server) listNRIs(c echo.Context) error {
	list, err := s.deps.NRIs.NRIs(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"nris": nonNil(list)})
}

// getNRI: GET /api/nris/{id} — an initiative with its tracks.
func (s *Server) getNRI(c echo.Context) error {
	id, err := pathID(c, "initiative")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	n, err := s.deps.NRIs.NRI(ctx, id)
	if err != nil {
		return err
	}
	ts, err := s.deps.Tracks.TracksOfNRI(ctx, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, struct {
		nris.NRI
		Tracks []tracks.TrackInfo `json:"tracks"`
	}{n, nonNil(ts)})
}

// createNRI: POST /api/nris — the secretariat adds an initiative, naming
// its coordinators.
func (s *Server) createNRI(c echo.Context) error {
	var in nris.NRIChange
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	n, err := s.deps.NRIs.CreateNRI(c.Request().Context(), s.deps.IdentityOf(c), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/nris/"+strconv.FormatInt(n.ID, 10))
	return c.JSON(http.StatusCreated, n)
}

// updateNRI: PATCH /api/nris/{id} — the secretariat changes an initiative
// (fields given only).
func (s *Server) updateNRI(c echo.Context) error {
	id, err := pathID(c, "initiative")
	if err != nil {
		return err
	}
	var in nris.NRIChange
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	n, err := s.deps.NRIs.UpdateNRI(c.Request().Context(), s.deps.IdentityOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, n)
}
