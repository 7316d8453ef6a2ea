package web

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// pollRoutes registers the voting API.
func (s *Server) pollRoutes(api *echo.Group) {
	if s.deps.Voting == nil {
		return
	}
	v := s.deps.Voting
	api.POST("/polls", write(s, http.StatusCreated, s.createPoll))
	// A poll, with its result once closed; a draft only to those who may
	// run it (404 to anyone else).
	api.GET("/polls/:id", answerByID(s, "poll", v.PollFor))
	api.PATCH("/polls/:id", writeByID(s, "poll", http.StatusOK, s.updatePoll))
	// Open a draft poll now.
	api.POST("/polls/:id/open", answerByID(s, "poll", v.OpenPoll))
	// Close an open poll now; closing a closed poll returns the same result.
	api.POST("/polls/:id/close", answerByID(s, "poll", v.ClosePoll))
	api.POST("/polls/:id/ballots", s.castBallot)
	api.GET("/polls/:id/ballots/mine", s.myBallot)
	// While a secret poll is open, the total only, in steps of 5, for those
	// who may follow its session; a named poll's ballots by stakeholder
	// group and its running tally unless hidden; a closed poll's result.
	api.GET("/polls/:id/turnout", answerByID(s, "poll", v.Turnout))
	api.GET("/polls/:id/log", answerByID(s, "poll", s.pollLog))
	// The polls held in a session, or on a recommendation and its
	// amendments (drafts only for those who may run them).
	api.GET("/sessions/:id/polls", listByID(s, "session", "polls", v.PollsOfSessionFor))
	api.GET("/recommendations/:id/polls", listByID(s, "recommendation", "polls", v.PollsOfRecommendationFor))
}

// pollSettingsJSON is a poll's settings as clients send them.
type pollSettingsJSON struct {
	RecommendationID int64              `json:"recommendation_id"`
	AmendmentID      int64              `json:"amendment_id"`
	SessionID        int64              `json:"session_id"`
	Question         string             `json:"question"`
	Kind             string             `json:"kind"`
	Options          []string           `json:"options"`
	Candidates       []voting.Candidate `json:"candidates"`
	ChooseMax        int                `json:"choose_max"`
	Secret           bool               `json:"secret"`
	Rule             string             `json:"rule"`
	QuorumPercent    int                `json:"quorum_percent"`
	HideResults      bool               `json:"hide_results"`
	ElectorateScope  string             `json:"electorate_scope"`
	OpensAt          *time.Time         `json:"opens_at"`
	ClosesAt         *time.Time         `json:"closes_at"`
}

func (in pollSettingsJSON) settings() voting.Settings {
	return voting.Settings{RecommendationID: in.RecommendationID, AmendmentID: in.AmendmentID, SessionID: in.SessionID,
		Question: in.Question, Kind: voting.Kind(in.Kind), Options: in.Options, Candidates: in.Candidates, ChooseMax: in.ChooseMax, Secret: in.Secret,
		Rule: voting.Rule(in.Rule), QuorumPercent: in.QuorumPercent, HideResults: in.HideResults,
		Electorate: voting.ElectorateScope(in.ElectorateScope), OpensAt: in.OpensAt, ClosesAt: in.ClosesAt}
}

// createPoll: POST /api/polls — a session's moderator (or the secretariat)
// sets up a draft poll: on a recommendation, or with a session_id and no
// recommendation_id a question put to the session's room; with candidates,
// an election (choose, or ranked for instant runoff).
func (s *Server) createPoll(ctx context.Context, who igfplus.Identity, in pollSettingsJSON) (voting.Poll, error) {
	return s.deps.Voting.CreatePoll(ctx, who, in.settings())
}

// updatePoll: PATCH /api/polls/:id — change a draft poll's settings (the
// whole set); refused with 409 once it has opened.
func (s *Server) updatePoll(ctx context.Context, who igfplus.Identity, id int64, in pollSettingsJSON) (voting.Poll, error) {
	return s.deps.Voting.UpdatePoll(ctx, who, id, in.settings())
}

// castBallot: POST /api/polls/:id/ballots — vote. 201 with the receipt once
// the ballot is committed; 200 with the receipt of the ballot already cast
// (already_voted) when the voter had voted: a retry after a timeout learns
// its receipt.
func (s *Server) castBallot(c echo.Context) error {
	id, err := pathID(c, "poll")
	if err != nil {
		return err
	}
	var in voting.Choice
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := s.deps.Voting.Cast(c.Request().Context(), s.identity(c), id, in)
	if err != nil {
		return err
	}
	if r.AlreadyVoted {
		return c.JSON(http.StatusOK, r)
	}
	return c.JSON(http.StatusCreated, r)
}

// myBallot: GET /api/polls/:id/ballots/mine — the caller's own receipt in
// an open poll (404 when they have not voted, or once it has closed).
func (s *Server) myBallot(c echo.Context) error {
	id, err := pathID(c, "poll")
	if err != nil {
		return err
	}
	r, err := s.deps.Voting.MyBallot(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, r)
}

// pollLog: GET /api/polls/:id/log — a closed poll's public ballot log, what
// `igfplus verify` checks; anyone's.
func (s *Server) pollLog(ctx context.Context, _ igfplus.Identity, id int64) (voting.PublicLog, error) {
	return s.deps.Voting.PublicLog(ctx, id)
}
