package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

// recommendationRoutes registers the drafting of recommendations. Reading
// is public; the Service decides who may write.
func (s *Server) recommendationRoutes(api *echo.Group) {
	api.GET("/recommendations", s.listRecommendations)
	api.POST("/recommendations", s.createRecommendation)
	api.GET("/recommendations/:id", s.getRecommendation)
	api.GET("/recommendations/:id/versions", listByID(s, "recommendation", "versions", s.listVersions))
	api.POST("/recommendations/:id/versions", writeByID(s, "recommendation", http.StatusCreated, s.reviseRecommendation))
	api.GET("/recommendations/:id/comments", s.listRecommendationComments)
	api.POST("/recommendations/:id/comments", writeByID(s, "recommendation", http.StatusCreated, s.commentRecommendation))
	api.POST("/recommendations/:id/amendments", writeByID(s, "recommendation", http.StatusCreated, s.proposeAmendment))
	api.POST("/recommendations/:id/amendments/:amendment/accept", s.decideAmendment(true))
	api.POST("/recommendations/:id/amendments/:amendment/reject", s.decideAmendment(false))
	// A participant supports a proposed amendment, once.
	api.POST("/recommendations/:id/amendments/:amendment/support", answerByIDs(s, "recommendation", "amendment", "amendment", s.deps.Recommendations.Support))
	api.PATCH("/recommendations/:id", writeByID(s, "recommendation", http.StatusOK, s.editRecommendation))
	// The recommendation's live room (docs/PROTOCOL.md): read-only, for
	// anyone signed in.
	s.e.GET("/ws/recommendations/:id", roomSocket(s, "recommendation", recommendationRoom))
	api.PUT("/recommendations/:id/record", writeByID(s, "recommendation", http.StatusOK, s.setRecommendationRecord))
}

type recommendationJSON struct {
	ID            int64                    `json:"id"`
	PolicyIssueID int64                    `json:"policy_issue_id"`
	TrackID       int64                    `json:"track_id"`
	SessionID     int64                    `json:"session_id,omitempty"`
	Title         string                   `json:"title"`
	Summary       string                   `json:"summary"`
	SourceLang    string                   `json:"source_lang"`
	EditionID     int64                    `json:"edition_id"`
	State         recommendations.State    `json:"state"`
	Version       int                      `json:"version"`
	CreatedBy     recommendations.Person   `json:"created_by"`
	CreatedAt     time.Time                `json:"created_at"`
	AdoptedAt     time.Time                `json:"adopted_at,omitzero"`
	Drafters      []recommendations.Person `json:"drafters"`
}

// recommendationDetailJSON is a recommendation with its current text, cut
// into the numbered paragraphs that comments and amendments refer to.
type recommendationDetailJSON struct {
	recommendationJSON
	Current    recommendations.Version     `json:"current"`
	Paragraphs []recommendations.Paragraph `json:"paragraphs"`
	Record     recommendations.Record      `json:"record"`
	Amendments []recommendations.Amendment `json:"amendments"`
}

func toRecommendation(r recommendations.Recommendation) recommendationJSON {
	return recommendationJSON{
		ID: r.ID, PolicyIssueID: r.PolicyIssueID, TrackID: r.TrackID, SessionID: r.SessionID, Title: r.Title,
		Summary: r.Summary, SourceLang: r.SourceLang, EditionID: r.EditionID, State: r.State, Version: r.Version, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, AdoptedAt: r.AdoptedAt,
		Drafters: nonNil(r.Drafters),
	}
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// paramID reads the positive integer path parameter name; what names the
// resource in the error.
func paramID(c echo.Context, name string, what igfplus.Text) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, igfplus.Errorf(igfplus.ENotFound, "There is no such %s.", what)
	}
	return id, nil
}

// queryInt reads an optional non-negative integer query parameter (zero
// when absent).
func queryInt(c echo.Context, name string) (int64, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, igfplus.Errorf(igfplus.EInvalid, "%s must be a positive whole number.", name)
	}
	return n, nil
}

// listRecommendations: GET /api/recommendations?edition=&policy_issue=&track=
// — newest first; with no filter, the current edition's.
func (s *Server) listRecommendations(c echo.Context) error {
	ctx := c.Request().Context()
	var f recommendations.Filter
	var err error
	if f.EditionID, err = queryInt(c, "edition"); err != nil {
		return err
	}
	if f.PolicyIssueID, err = queryInt(c, "policy_issue"); err != nil {
		return err
	}
	if f.TrackID, err = queryInt(c, "track"); err != nil {
		return err
	}
	if f == (recommendations.Filter{}) {
		if err := s.orCurrentEdition(ctx, &f.EditionID); err != nil {
			return err
		}
	}
	list, err := s.deps.Recommendations.Recommendations(ctx, f)
	if err != nil {
		return err
	}
	out := make([]recommendationJSON, 0, len(list))
	for _, r := range list {
		out = append(out, toRecommendation(r))
	}
	return c.JSON(http.StatusOK, map[string]any{"recommendations": out})
}

// recommendationDetail reads everything GET /api/recommendations/:id shows.
func (s *Server) recommendationDetail(c echo.Context, r recommendations.Recommendation) error {
	ctx := c.Request().Context()
	svc := s.deps.Recommendations
	v, err := svc.Version(ctx, r.ID, 0)
	if err != nil {
		return err
	}
	rec, err := svc.Record(ctx, r.ID)
	if err != nil {
		return err
	}
	amendments, err := svc.Amendments(ctx, r.ID)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if c.Request().Method == http.MethodPost {
		status = http.StatusCreated
	}
	return c.JSON(status, recommendationDetailJSON{
		recommendationJSON: toRecommendation(r), Current: v, Paragraphs: nonNil(v.Paragraphs()),
		Record: rec, Amendments: nonNil(amendments),
	})
}

type createRecommendationJSON struct {
	PolicyIssueID int64   `json:"policy_issue_id"`
	TrackID       int64   `json:"track_id"`
	SessionID     int64   `json:"session_id"`
	Title         string  `json:"title"`
	Summary       string  `json:"summary"`
	Body          string  `json:"body"`
	Note          string  `json:"note"`
	CoDrafters    []int64 `json:"co_drafters"`
}

// createRecommendation: POST /api/recommendations — the Secretariat or a
// session's moderators start a recommendation.
func (s *Server) createRecommendation(c echo.Context) error {
	var in createRecommendationJSON
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := s.deps.Recommendations.Create(c.Request().Context(), s.identity(c), recommendations.NewRecommendation(in))
	if err != nil {
		return err
	}
	return s.recommendationDetail(c, r)
}

// getRecommendation: GET /api/recommendations/:id.
func (s *Server) getRecommendation(c echo.Context) error {
	id, err := pathID(c, "recommendation")
	if err != nil {
		return err
	}
	r, err := s.deps.Recommendations.Recommendation(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.recommendationDetail(c, r)
}

// listVersions: GET /api/recommendations/:id/versions — oldest first;
// anyone's.
func (s *Server) listVersions(ctx context.Context, _ igfplus.Identity, id int64) ([]recommendations.Version, error) {
	return s.deps.Recommendations.Versions(ctx, id)
}

type reviseJSON struct {
	BasedOn int    `json:"based_on"`
	Body    string `json:"body"`
	Note    string `json:"note"`
}

type commentJSON struct {
	Version   int    `json:"version"`
	Paragraph int    `json:"paragraph"`
	Body      string `json:"body"`
	// ReplyTo, when set, answers that comment (version and paragraph are
	// then its own).
	ReplyTo int64 `json:"reply_to"`
}

type editJSON struct {
	BasedOn int    `json:"based_on"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Body    string `json:"body"`
	Note    string `json:"note"`
}

type proposalJSON struct {
	Version   int    `json:"version"`
	Paragraph int    `json:"paragraph"`
	Text      string `json:"text"`
	Rationale string `json:"rationale"`
}

// reviseRecommendation: POST /api/recommendations/:id/versions — a drafter
// adds the next version.
func (s *Server) reviseRecommendation(ctx context.Context, who igfplus.Identity, id int64, in reviseJSON) (recommendations.Version, error) {
	return s.deps.Recommendations.Revise(ctx, who, id, in.BasedOn, in.Body, in.Note)
}

// commentRecommendation: POST /api/recommendations/:id/comments — a
// participant comments on a paragraph.
func (s *Server) commentRecommendation(ctx context.Context, who igfplus.Identity, id int64, in commentJSON) (recommendations.Comment, error) {
	if in.ReplyTo != 0 {
		return s.deps.Recommendations.Reply(ctx, who, id, in.ReplyTo, in.Body)
	}
	return s.deps.Recommendations.Comment(ctx, who, id, in.Version, in.Paragraph, in.Body)
}

// editRecommendation: PATCH /api/recommendations/:id — a drafter changes
// the title, summary and text (a changed text is the next version).
func (s *Server) editRecommendation(ctx context.Context, who igfplus.Identity, id int64, in editJSON) (recommendationJSON, error) {
	r, err := s.deps.Recommendations.EditDraft(ctx, who, id, recommendations.Edit(in))
	return toRecommendation(r), err
}

// recommendationRoom: GET /ws/recommendations/:id — the live room.
func recommendationRoom(_ igfplus.Identity, id int64) string { return recommendations.RoomName(id) }

// proposeAmendment: POST /api/recommendations/:id/amendments.
func (s *Server) proposeAmendment(ctx context.Context, who igfplus.Identity, id int64, in proposalJSON) (recommendations.Amendment, error) {
	return s.deps.Recommendations.ProposeAmendment(ctx, who, id, recommendations.Proposal(in))
}

// listRecommendationComments: GET /api/recommendations/:id/comments?version=&paragraph=.
func (s *Server) listRecommendationComments(c echo.Context) error {
	id, err := pathID(c, "recommendation")
	if err != nil {
		return err
	}
	version, err := queryInt(c, "version")
	if err != nil {
		return err
	}
	paragraph, err := queryInt(c, "paragraph")
	if err != nil {
		return err
	}
	list, err := s.deps.Recommendations.Comments(c.Request().Context(), id,
		recommendations.CommentFilter{Version: int(version), Paragraph: int(paragraph)})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"comments": nonNil(list)})
}

// decideAmendment: POST /api/recommendations/:id/amendments/:amendment/accept
// and .../reject — a drafter decides a proposed amendment.
func (s *Server) decideAmendment(accept bool) echo.HandlerFunc {
	return answerByIDs(s, "recommendation", "amendment", "amendment", func(ctx context.Context, who igfplus.Identity, id, amendment int64) (recommendations.Amendment, error) {
		return s.deps.Recommendations.DecideAmendment(ctx, who, id, amendment, accept)
	})
}

type recordJSON struct {
	Consensus string                    `json:"consensus"`
	Dissent   []recommendations.Dissent `json:"dissent"`
}

// setRecommendationRecord: PUT /api/recommendations/:id/record — replace
// the record of consensus and dissent.
func (s *Server) setRecommendationRecord(ctx context.Context, who igfplus.Identity, id int64, in recordJSON) (recommendations.Record, error) {
	return s.deps.Recommendations.SetRecord(ctx, who, id, recommendations.Record{Consensus: in.Consensus, Dissent: in.Dissent})
}
