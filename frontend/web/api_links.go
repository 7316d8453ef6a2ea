package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
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

// askLinkJSON is the body of POST /api/tracks/{id}/links.
type askLinkJSON struct {
	GlobalTrackID int64  `json:"global_track_id"`
	Note          string `json:"note"`
}

// askLink: POST /api/tracks/{id}/links — an NRI track's coordinator asks
// to link it to global_track_id.
func (s *Server) askLink(ctx context.Context, who igfplus.Identity, id int64, in askLinkJSON) (nris.Link, error) {
	return s.deps.NRIs.AskLink(ctx, who, id, in.GlobalTrackID, in.Note)
}

// listIntake: GET /api/tracks/{id}/intake — what linked tracks adopted,
// with its origin (public).
func (s *Server) listIntake(ctx context.Context, _ igfplus.Identity, id int64) ([]nris.IntakeItem, error) {
	return s.deps.NRIs.Intake(ctx, id)
}

// mergeJSON is the body of POST /api/intake/{id}/merge.
type mergeJSON struct {
	RecommendationID int64 `json:"recommendation_id"`
}

// mergeIntake: POST /api/intake/{id}/merge — merge the item into a global
// recommendation of its track.
func (s *Server) mergeIntake(ctx context.Context, who igfplus.Identity, id int64, in mergeJSON) (nris.IntakeItem, error) {
	return s.deps.NRIs.Merge(ctx, who, id, in.RecommendationID)
}

// answerJSON is the body of POST /api/intake/{id}/answer.
type answerJSON struct {
	Answer string `json:"answer"`
}

// answerIntake: POST /api/intake/{id}/answer — answer the item instead.
func (s *Server) answerIntake(ctx context.Context, who igfplus.Identity, id int64, in answerJSON) (nris.IntakeItem, error) {
	return s.deps.NRIs.Answer(ctx, who, id, in.Answer)
}

// nriJSON is an initiative with its tracks.
type nriJSON struct {
	nris.NRI
	Tracks []tracks.TrackInfo `json:"tracks"`
}

// getNRI: GET /api/nris/{id} — an initiative with its tracks.
func (s *Server) getNRI(ctx context.Context, _ igfplus.Identity, id int64) (nriJSON, error) {
	n, err := s.deps.NRIs.NRI(ctx, id)
	if err != nil {
		return nriJSON{}, err
	}
	ts, err := s.deps.Tracks.TracksOfNRI(ctx, id)
	return nriJSON{n, nonNil(ts)}, err
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
