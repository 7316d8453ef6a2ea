package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/proposals"
)

// proposalRoutes registers the call for session proposals and the MAG's
// review. The Service decides who may.
func (s *Server) proposalRoutes(api *echo.Group) {
	p := s.deps.Proposals
	api.GET("/editions/:id/call", answerByID(s, "edition", s.getCall))
	// {opens_at, closes_at, intro} opens the call or changes it (the
	// Secretariat).
	api.PUT("/editions/:id/call", writeByID(s, "edition", http.StatusOK, p.OpenCall))
	api.PUT("/editions/:id/call/rubric", writeByID(s, "edition", http.StatusOK, s.putRubric))
	// Every proposal with its reviewers and aggregated scores, and the
	// accepted programme's balance (the Secretariat).
	api.GET("/editions/:id/call/board", answerByID(s, "edition", p.Board))
	api.POST("/editions/:id/proposals", writeByID(s, "edition", http.StatusCreated, s.submitProposal))
	api.GET("/me/proposals", listMine(s, "proposals", s.myProposals))
	// The proposals assigned to the caller for review (MAG members).
	api.GET("/me/assignments", listMine(s, "assignments", p.Assignments))
	// The reviewers to assign to (the Secretariat).
	api.GET("/mag-members", listMine(s, "members", p.Reviewers))
	api.GET("/proposals/:id", answerByID(s, "proposal", s.getProposal))
	api.PUT("/proposals/:id", writeByID(s, "proposal", http.StatusOK, s.editProposal))
	api.POST("/proposals/:id/assignments", changeByID(s, "proposal", s.assignProposal))
	// All of them for the Secretariat; for an assigned reviewer their own,
	// and the others' once they scored; 403 for anyone else, the proposer
	// included.
	api.GET("/proposals/:id/reviews", listByID(s, "proposal", "reviews", p.Reviews))
	// {scores: {criterion id: score}, comment}: the assigned reviewer's
	// scores (again: replaced).
	api.PUT("/proposals/:id/review", writeByID(s, "proposal", http.StatusOK, p.Score))
	api.POST("/proposals/:id/conflict", s.declareConflict)
	api.POST("/proposals/:id/decision", writeByID(s, "proposal", http.StatusOK, s.decideProposal))
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
func (s *Server) getCall(ctx context.Context, _ igfplus.Identity, id int64) (proposals.Call, error) {
	return s.deps.Proposals.Call(ctx, id)
}

// rubricJSON is the body of PUT /api/editions/{id}/call/rubric.
type rubricJSON struct {
	Criteria []proposals.Criterion `json:"criteria"`
}

// putRubric: PUT /api/editions/{id}/call/rubric {criteria: [{name,
// weight}]} replaces the rubric until a proposal is scored (the
// Secretariat).
func (s *Server) putRubric(ctx context.Context, who igfplus.Identity, id int64, in rubricJSON) (proposals.Call, error) {
	return s.deps.Proposals.SetRubric(ctx, who, id, in.Criteria)
}

// submitProposal: POST /api/editions/{id}/proposals — proposes a session
// while the call is open (anyone signed in); 201.
func (s *Server) submitProposal(ctx context.Context, who igfplus.Identity, id int64, in proposals.Draft) (sessionProposalJSON, error) {
	p, err := s.deps.Proposals.Submit(ctx, who, id, in)
	return toSessionProposal(p), err
}

// myProposals: GET /api/me/proposals — the caller's proposals and their
// states.
func (s *Server) myProposals(ctx context.Context, who igfplus.Identity) ([]sessionProposalJSON, error) {
	list, err := s.deps.Proposals.Mine(ctx, who)
	out := make([]sessionProposalJSON, 0, len(list))
	for _, p := range list {
		out = append(out, toSessionProposal(p))
	}
	return out, err
}

// getProposal: GET /api/proposals/{id} — its proposer, its reviewers and
// the Secretariat.
func (s *Server) getProposal(ctx context.Context, who igfplus.Identity, id int64) (sessionProposalJSON, error) {
	p, err := s.deps.Proposals.Proposal(ctx, who, id)
	return toSessionProposal(p), err
}

// editProposal: PUT /api/proposals/{id} — the whole draft again, by its
// proposer until the deadline.
func (s *Server) editProposal(ctx context.Context, who igfplus.Identity, id int64, in proposals.Draft) (sessionProposalJSON, error) {
	p, err := s.deps.Proposals.Edit(ctx, who, id, in)
	return toSessionProposal(p), err
}

// assignJSON is the body of POST /api/proposals/{id}/assignments.
type assignJSON struct {
	ReviewerID int64 `json:"reviewer_id"`
}

// assignProposal: POST /api/proposals/{id}/assignments {reviewer_id}
// (the Secretariat); 204, again as well.
func (s *Server) assignProposal(ctx context.Context, who igfplus.Identity, id int64, in assignJSON) error {
	return s.deps.Proposals.Assign(ctx, who, id, in.ReviewerID)
}

// conflictJSON is the optional body of POST /api/proposals/{id}/conflict.
type conflictJSON struct {
	Comment string `json:"comment"`
}

// declareConflict: POST /api/proposals/{id}/conflict {comment} — the
// assigned reviewer declares a conflict of interest, before scoring.
func (s *Server) declareConflict(c echo.Context) error {
	return answerByID(s, "proposal", func(ctx context.Context, who igfplus.Identity, id int64) (proposals.Review, error) {
		var in conflictJSON
		if err := bindOptionalJSON(c, &in); err != nil {
			return proposals.Review{}, err
		}
		return s.deps.Proposals.DeclareConflict(ctx, who, id, in.Comment)
	})(c)
}

// decideProposal: POST /api/proposals/{id}/decision {outcome, merge_with,
// note} (the Secretariat): accepting adds the session to the programme,
// unscheduled; the proposer is mailed.
func (s *Server) decideProposal(ctx context.Context, who igfplus.Identity, id int64, in proposals.Decision) (sessionProposalJSON, error) {
	p, err := s.deps.Proposals.Decide(ctx, who, id, in)
	return toSessionProposal(p), err
}
