package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// publishingRoutes registers the high-level body's review and the public
// archive of published recommendations (under /api/publications, apart
// from drafting's /api/recommendations/:id), the bodies registry with its
// deliveries, bodies' signed answers, and the Atom feed.
func (s *Server) publishingRoutes(api *echo.Group) {
	api.GET("/publications", s.listPublications)
	api.GET("/publications/queue", s.publicationQueue)
	api.GET("/publications/:id", s.getPublication)
	api.GET("/publications/:id/review", s.reviewPublication)
	api.PUT("/publications/:id/summary", s.setPublicationSummary)
	api.PUT("/publications/:id/translations/:lang", s.setPublicationTranslation)
	api.POST("/publications/:id/approvals", s.approvePublication)
	s.bodyRoutes(api)
	s.e.GET("/recommendations.atom", s.publicationsAtom)
}

// published reads the archive selected by ?edition=&policy_issue=&track=.
func (s *Server) published(c echo.Context) ([]publishing.Item, error) {
	var f publishing.Filter
	var err error
	if f.EditionID, err = queryInt(c, "edition"); err != nil {
		return nil, err
	}
	if f.PolicyIssueID, err = queryInt(c, "policy_issue"); err != nil {
		return nil, err
	}
	if f.TrackID, err = queryInt(c, "track"); err != nil {
		return nil, err
	}
	return s.deps.Publishing.Published(c.Request().Context(), f)
}

// listPublications: GET /api/publications — the public archive.
func (s *Server) listPublications(c echo.Context) error {
	items, err := s.published(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"publications": nonNil(items)})
}

// publicationQueue: GET /api/publications/queue — HLB members' review queue.
func (s *Server) publicationQueue(c echo.Context) error {
	items, err := s.deps.Publishing.Queue(c.Request().Context(), s.identity(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"queue": nonNil(items)})
}

// getPublication: GET /api/publications/:id — a published recommendation
// with its provenance and public timeline.
func (s *Server) getPublication(c echo.Context) error {
	id, err := pathID(c, "publication")
	if err != nil {
		return err
	}
	item, steps, err := s.deps.Publishing.Publication(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"publication": item, "timeline": nonNil(steps)})
}

// reviewPublication: GET /api/publications/:id/review — one item of the
// queue (or already published), for reviewers.
func (s *Server) reviewPublication(c echo.Context) error {
	id, err := pathID(c, "recommendation")
	if err != nil {
		return err
	}
	item, err := s.deps.Publishing.Item(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, item)
}

// setPublicationSummary: PUT /api/publications/:id/summary {summary}.
func (s *Server) setPublicationSummary(c echo.Context) error {
	id, err := pathID(c, "recommendation")
	if err != nil {
		return err
	}
	var req struct {
		Summary string `json:"summary"`
	}
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if err := s.deps.Publishing.SetSummary(c.Request().Context(), s.identity(c), id, req.Summary); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// setPublicationTranslation: PUT /api/publications/:id/translations/:lang {text}.
func (s *Server) setPublicationTranslation(c echo.Context) error {
	id, err := pathID(c, "recommendation")
	if err != nil {
		return err
	}
	var req struct {
		Text string `json:"text"`
	}
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if err := s.deps.Publishing.SetTranslation(c.Request().Context(), s.identity(c), id, c.Param("lang"), req.Text); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// approvePublication: POST /api/publications/:id/approvals
// [{"content_hash": …}] — the caller's approval of the content they read
// (409 if it changed since; without a body, of the content as it stands);
// the second member's approval of the same content publishes (201 either
// way, with whether it published).
func (s *Server) approvePublication(c echo.Context) error {
	id, err := pathID(c, "recommendation")
	if err != nil {
		return err
	}
	if s.identity(c).Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in first.")
	}
	var in struct {
		ContentHash string `json:"content_hash"`
	}
	if c.Request().ContentLength != 0 {
		if err := bindJSON(c, &in); err != nil {
			return err
		}
	}
	published, err := s.deps.Publishing.Approve(c.Request().Context(), s.identity(c), id, in.ContentHash)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]bool{"published": published})
}
