package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/proposals"
)

// proposalRoutes registers the call for session proposals and the MAG's
// review. The Service decides who may.
func (s *Server) proposalRoutes(api *echo.Group) {
	api.GET("/editions/:id/call", s.getCall)
	api.PUT("/editions/:id/call", s.putCall)
	api.PUT("/editions/:id/call/rubric", s.putRubric)
	api.GET("/editions/:id/call/board", s.callBoard)
	api.POST("/editions/:id/proposals", s.submitProposal)
	api.GET("/me/proposals", s.myProposals)
	api.GET("/me/assignments", s.myAssignments)
	api.GET("/mag-members", s.magMembers)
	api.GET("/proposals/:id", s.getProposal)
	api.PUT("/proposals/:id", s.editProposal)
	api.POST("/proposals/:id/assignments", s.assignProposal)
	api.GET("/proposals/:id/reviews", s.proposalReviews)
	api.PUT("/proposals/:id/review", s.scoreProposal)
	api.POST("/proposals/:id/conflict", s.declareConflict)
	api.POST("/proposals/:id/decision", s.decideProposal)
}

// sessionProposalJSON is a proposal with its speakers' diversity.
type sessionProposalJSON struct {
	proposals.Proposal
	Diversity proposals.Balance `json:"diversity"`
}

func toSessionProposal(p proposals.Proposal) sessionProposalJSON {
	return sessionProposalJSON{Proposal: p, Diversity: p.Diversity()}
}

// getCall: GET /api/editions/{id}/call — the edition's call with its
// rubric; anyone.
func (s *Server) getCall(c echo.Context) error {
	id, err := pathID(c, "edition")
	if err != nil {
		return err
	}
	call, err := s.deps.Proposals.Call(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, call)
}

// putCall: PUT /api/editions/{id}/call {opens_at, closes_at, intro} opens
// the call or changes it (the Secretariat).
func (s *Server) putCall(c echo.Context) error {
	id, err := pathID(c, "edition")
	if err != nil {
		return err
	}
	var in proposals.CallChange
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	call, err := s.deps.Proposals.OpenCall(c.Request().Context(), s.identity(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, call)
}

// putRubric: PUT /api/editions/{id}/call/rubric {criteria: [{name,
// weight}]} replaces the rubric until a proposal is scored (the
// Secretariat).
func (s *Server) putRubric(c echo.Context) error {
	id, err := pathID(c, "edition")
	if err != nil {
		return err
	}
	var in struct {
		Criteria []proposals.Criterion `json:"criteria"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	call, err := s.deps.Proposals.SetRubric(c.Request().Context(), s.identity(c), id, in.Criteria)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, call)
}

// callBoard: GET /api/editions/{id}/call/board — every proposal with its
// reviewers and aggregated scores, and the accepted programme's balance
// (the Secretariat).
func (s *Server) callBoard(c echo.Context) error {
	id, err := pathID(c, "edition")
	if err != nil {
		return err
	}
	b, err := s.deps.Proposals.Board(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, b)
}

// submitProposal: POST /api/editions/{id}/proposals — proposes a session
// while the call is open (anyone signed in); 201.
func (s *Server) submitProposal(c echo.Context) error {
	id, err := pathID(c, "edition")
	if err != nil {
		return err
	}
	var in proposals.Draft
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := s.deps.Proposals.Submit(c.Request().Context(), s.identity(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toSessionProposal(p))
}

// myProposals: GET /api/me/proposals — the caller's proposals and their
// states.
func (s *Server) myProposals(c echo.Context) error {
	list, err := s.deps.Proposals.Mine(c.Request().Context(), s.identity(c))
	if err != nil {
		return err
	}
	out := make([]sessionProposalJSON, 0, len(list))
	for _, p := range list {
		out = append(out, toSessionProposal(p))
	}
	return c.JSON(http.StatusOK, map[string]any{"proposals": out})
}

// myAssignments: GET /api/me/assignments — the proposals assigned to the
// caller for review (MAG members).
func (s *Server) myAssignments(c echo.Context) error {
	list, err := s.deps.Proposals.Assignments(c.Request().Context(), s.identity(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"assignments": nonNil(list)})
}

// magMembers: GET /api/mag-members — the reviewers to assign to (the
// Secretariat).
func (s *Server) magMembers(c echo.Context) error {
	list, err := s.deps.Proposals.Reviewers(c.Request().Context(), s.identity(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"members": nonNil(list)})
}

// getProposal: GET /api/proposals/{id} — its proposer, its reviewers and
// the Secretariat.
func (s *Server) getProposal(c echo.Context) error {
	id, err := pathID(c, "proposal")
	if err != nil {
		return err
	}
	p, err := s.deps.Proposals.Proposal(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSessionProposal(p))
}

// editProposal: PUT /api/proposals/{id} — the whole draft again, by its
// proposer until the deadline.
func (s *Server) editProposal(c echo.Context) error {
	id, err := pathID(c, "proposal")
	if err != nil {
		return err
	}
	var in proposals.Draft
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := s.deps.Proposals.Edit(c.Request().Context(), s.identity(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSessionProposal(p))
}

// assignProposal: POST /api/proposals/{id}/assignments {reviewer_id}
// (the Secretariat); 204, again as well.
func (s *Server) assignProposal(c echo.Context) error {
	id, err := pathID(c, "proposal")
	if err != nil {
		return err
	}
	var in struct {
		ReviewerID int64 `json:"reviewer_id"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.deps.Proposals.Assign(c.Request().Context(), s.identity(c), id, in.ReviewerID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// proposalReviews: GET /api/proposals/{id}/reviews — all of them for the
// Secretariat; for an assigned reviewer their own, and the others' once
// they scored; 403 for anyone else, the proposer included.
func (s *Server) proposalReviews(c echo.Context) error {
	id, err := pathID(c, "proposal")
	if err != nil {
		return err
	}
	list, err := s.deps.Proposals.Reviews(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"reviews": nonNil(list)})
}

// scoreProposal: PUT /api/proposals/{id}/review {scores: {criterion id:
// score}, comment} — the assigned reviewer's scores (again: replaced).
func (s *Server) scoreProposal(c echo.Context) error {
	id, err := pathID(c, "proposal")
	if err != nil {
		return err
	}
	var in proposals.Scoring
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := s.deps.Proposals.Score(c.Request().Context(), s.identity(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// declareConflict: POST /api/proposals/{id}/conflict {comment} — the
// assigned reviewer declares a conflict of interest, before scoring.
func (s *Server) declareConflict(c echo.Context) error {
	id, err := pathID(c, "proposal")
	if err != nil {
		return err
	}
	var in struct {
		Comment string `json:"comment"`
	}
	if c.Request().ContentLength != 0 {
		if err := bindJSON(c, &in); err != nil {
			return err
		}
	}
	r, err := s.deps.Proposals.DeclareConflict(c.Request().Context(), s.identity(c), id, in.Comment)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// decideProposal: POST /api/proposals/{id}/decision {outcome, merge_with,
// note} (the Secretariat): accepting adds the session to the programme,
// unscheduled; the proposer is mailed.
func (s *Server) decideProposal(c echo.Context) error {
	id, err := pathID(c, "proposal")
	if err != nil {
		return err
	}
	var in proposals.Decision
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := s.deps.Proposals.Decide(c.Request().Context(), s.identity(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSessionProposal(p))
}
