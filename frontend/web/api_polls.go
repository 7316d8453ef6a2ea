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
	api.POST("/polls", s.createPoll)
	api.GET("/polls/:id", s.getPoll)
	api.PATCH("/polls/:id", s.updatePoll)
	api.POST("/polls/:id/open", s.openPoll)
	api.POST("/polls/:id/close", s.closePoll)
	api.POST("/polls/:id/ballots", s.castBallot)
	api.GET("/polls/:id/ballots/mine", s.myBallot)
	api.GET("/polls/:id/turnout", s.pollTurnout)
	api.GET("/polls/:id/log", s.pollLog)
	api.GET("/sessions/:id/polls", s.sessionPolls)
	api.GET("/recommendations/:id/polls", s.recommendationPolls)
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
func (s *Server) createPoll(c echo.Context) error {
	var in pollSettingsJSON
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := s.deps.Voting.CreatePoll(c.Request().Context(), s.identity(c), in.settings())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, p)
}

// getPoll: GET /api/polls/:id — a poll, with its result once closed; a
// draft only to those who may run it (404 to anyone else).
func (s *Server) getPoll(c echo.Context) error {
	id, err := pathID(c, "poll")
	if err != nil {
		return err
	}
	p, err := s.deps.Voting.PollFor(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// updatePoll: PATCH /api/polls/:id — change a draft poll's settings (the
// whole set); refused with 409 once it has opened.
func (s *Server) updatePoll(c echo.Context) error {
	id, err := pathID(c, "poll")
	if err != nil {
		return err
	}
	var in pollSettingsJSON
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := s.deps.Voting.UpdatePoll(c.Request().Context(), s.identity(c), id, in.settings())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// openPoll: POST /api/polls/:id/open — open a draft poll now.
func (s *Server) openPoll(c echo.Context) error {
	return s.pollAction(c, s.deps.Voting.OpenPoll)
}

// closePoll: POST /api/polls/:id/close — close an open poll now; closing a
// closed poll returns the same result.
func (s *Server) closePoll(c echo.Context) error {
	return s.pollAction(c, s.deps.Voting.ClosePoll)
}

func (s *Server) pollAction(c echo.Context, act func(context.Context, igfplus.Identity, int64) (voting.Poll, error)) error {
	id, err := pathID(c, "poll")
	if err != nil {
		return err
	}
	p, err := act(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
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

// pollTurnout: GET /api/polls/:id/turnout — while a secret poll is open,
// the total only, in steps of 5, for those who may follow its session; a
// named poll's ballots by stakeholder group and its running tally unless
// hidden; a closed poll's result.
func (s *Server) pollTurnout(c echo.Context) error {
	id, err := pathID(c, "poll")
	if err != nil {
		return err
	}
	t, err := s.deps.Voting.Turnout(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

// pollLog: GET /api/polls/:id/log — a closed poll's public ballot log, what
// `igfplus verify` checks.
func (s *Server) pollLog(c echo.Context) error {
	id, err := pathID(c, "poll")
	if err != nil {
		return err
	}
	l, err := s.deps.Voting.PublicLog(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, l)
}

// sessionPolls: GET /api/sessions/:id/polls — the polls held in a session
// (drafts only for those who may run them).
func (s *Server) sessionPolls(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	list, err := s.deps.Voting.PollsOfSessionFor(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"polls": list})
}

// recommendationPolls: GET /api/recommendations/:id/polls — the polls on a
// recommendation and its amendments (drafts only for those who may run
// them).
func (s *Server) recommendationPolls(c echo.Context) error {
	id, err := pathID(c, "recommendation")
	if err != nil {
		return err
	}
	list, err := s.deps.Voting.PollsOfRecommendationFor(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"polls": list})
}
