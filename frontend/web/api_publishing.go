package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/translations"
)

// publishingRoutes registers the high-level body's review and the public
// archive of published recommendations (under /api/publications, apart
// from drafting's /api/recommendations/:id), the bodies registry with its
// deliveries, bodies' signed answers, and the Atom feed.
func (s *Server) publishingRoutes(api *echo.Group) {
	api.GET("/publications", s.listPublications)
	// HLB members' review queue.
	api.GET("/publications/queue", listMine(s, "queue", s.deps.Publishing.Queue))
	api.GET("/publications/:id", answerByID(s, "publication", s.getPublication))
	// One item of the queue (or already published), for reviewers.
	api.GET("/publications/:id/review", answerByID(s, "recommendation", s.deps.Publishing.Item))
	api.PUT("/publications/:id/summary", changeByID(s, "recommendation", s.setPublicationSummary))
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

// getPublication: GET /api/publications/:id — a published recommendation
// with its provenance and public timeline.
func (s *Server) getPublication(ctx context.Context, _ igfplus.Identity, id int64) (map[string]any, error) {
	item, steps, err := s.deps.Publishing.Publication(ctx, id)
	return map[string]any{"publication": item, "timeline": nonNil(steps)}, err
}

// summaryJSON is the body of PUT /api/publications/:id/summary.
type summaryJSON struct {
	Summary string `json:"summary"`
}

// setPublicationSummary: PUT /api/publications/:id/summary {summary}.
func (s *Server) setPublicationSummary(ctx context.Context, who igfplus.Identity, id int64, in summaryJSON) error {
	return s.deps.Publishing.SetSummary(ctx, who, id, in.Summary)
}

// translationTextJSON is the body of PUT /api/publications/:id/translations/:lang.
type translationTextJSON struct {
	Text   string              `json:"text"`
	Origin translations.Origin `json:"origin"`
	Engine string              `json:"engine"`
}

// setPublicationTranslation: PUT /api/publications/:id/translations/:lang
// {text, origin, engine}.
func (s *Server) setPublicationTranslation(c echo.Context) error {
	return changeByID(s, "recommendation", func(ctx context.Context, who igfplus.Identity, id int64, in translationTextJSON) error {
		t := publishing.Translation{Language: c.Param("lang"), Text: in.Text, Origin: in.Origin, Engine: in.Engine}
		return s.deps.Publishing.SetTranslation(ctx, who, id, t)
	})(c)
}

// approvalJSON is the optional body of POST /api/publications/:id/approvals.
type approvalJSON struct {
	ContentHash string `json:"content_hash"`
}

// approvePublication: POST /api/publications/:id/approvals
// [{"content_hash": …}] — the caller's approval of the content they read
// (409 if it changed since; without a body, of the content as it stands);
// the second member's approval of the same content publishes (201 either
// way, with whether it published).
func (s *Server) approvePublication(c echo.Context) error {
	return respondByID(s, "recommendation", http.StatusCreated, func(ctx context.Context, who igfplus.Identity, id int64) (map[string]bool, error) {
		if who.Anonymous() {
			return nil, igfplus.Errorf(igfplus.EUnauthorized, "Sign in first.")
		}
		var in approvalJSON
		if err := bindOptionalJSON(c, &in); err != nil {
			return nil, err
		}
		published, err := s.deps.Publishing.Approve(ctx, who, id, in.ContentHash)
		return map[string]bool{"published": published}, err
	})(c)
}
