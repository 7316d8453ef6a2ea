package web

import (
	"context"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// addEdition: POST /api/editions — the secretariat opens an edition (the
// latest year's is the current one).
func (s *Server) addEdition(ctx context.Context, who igfplus.Identity, in tracks.EditionFields) (editionJSON, error) {
	e, err := s.deps.Tracks.AddEdition(ctx, who, in)
	return toEdition(e, nil, nil), err
}

// updateEdition: PATCH /api/editions/{id} — the secretariat changes an
// edition; every field is sent (the edition as it should be), and a cap
// below its policy issues' number is a conflict.
func (s *Server) updateEdition(ctx context.Context, who igfplus.Identity, id int64, in tracks.EditionFields) (editionJSON, error) {
	e, err := s.deps.Tracks.UpdateEdition(ctx, who, id, in)
	return toEdition(e, nil, nil), err
}

// updatePolicyIssue: PATCH /api/policy-issues/{id} {title, summary}.
func (s *Server) updatePolicyIssue(ctx context.Context, who igfplus.Identity, id int64, in tracks.PolicyIssueFields) (policyIssueJSON, error) {
	pi, err := s.deps.Tracks.UpdatePolicyIssue(ctx, who, id, in)
	return toPolicyIssue(pi), err
}
