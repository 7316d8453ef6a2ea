package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// editionSessions: GET /api/sessions?lang= — the current edition's
// sessions.
func (s *Server) editionSessions(ctx context.Context) ([]sessions.Session, error) {
	var edition int64
	if err := s.orCurrentEdition(ctx, &edition); err != nil {
		return nil, err
	}
	return s.deps.Sessions.SessionsOfEdition(ctx, edition)
}

// getSession: GET /api/sessions/:id?lang= — a session with its agenda and
// their translations, the texts in lang where translated.
func (s *Server) getSession(c echo.Context) error {
	sess, agenda, err := s.sessionAndAgenda(c)
	if err != nil {
		return err
	}
	out := toSession(sess, agenda)
	if err := s.translateSession(c, &out, sess, agenda); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// sessionAndAgenda reads the session named by the path and its agenda.
func (s *Server) sessionAndAgenda(c echo.Context) (sessions.Session, []sessions.AgendaItem, error) {
	id, err := pathID(c, "session")
	if err != nil {
		return sessions.Session{}, nil, err
	}
	ctx := c.Request().Context()
	sess, err := s.deps.Sessions.Session(ctx, id)
	if err != nil {
		return sessions.Session{}, nil, err
	}
	agenda, err := s.deps.Sessions.Agenda(ctx, id)
	return sess, agenda, err
}

// listChat: GET /api/sessions/:id/chat?limit=N — the newest messages and
// the position to resume the live stream from.
func (s *Server) listChat(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	limit := 50
	if v := c.QueryParam("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 200 {
			return igfplus.Errorf(igfplus.EInvalid, "limit must be a whole number from 1 to 200.")
		}
	}
	msgs, pos, err := s.deps.Sessions.RecentChat(c.Request().Context(), s.identity(c), id, limit)
	if err != nil {
		return err
	}
	if msgs == nil {
		msgs = []sessions.ChatMessage{}
	}
	return c.JSON(http.StatusOK, chatPageJSON{Messages: msgs, Position: pos})
}

type postChatJSON struct {
	Body string `json:"body"`
	// ReplyTo is the message answered (optional).
	ReplyTo int64 `json:"reply_to"`
}

// postChat: POST /api/sessions/:id/chat — post a message, as over the
// WebSocket.
func (s *Server) postChat(ctx context.Context, who igfplus.Identity, id int64, in postChatJSON) (sessions.ChatMessage, error) {
	return s.deps.Sessions.PostReply(ctx, who, id, in.Body, in.ReplyTo)
}

type moveJSON struct {
	State sessions.State `json:"state"`
}

// moveSession: POST /api/sessions/:id/state — a moderator moves the session
// along its lifecycle (scheduled, live, ended, reported).
func (s *Server) moveSession(ctx context.Context, who igfplus.Identity, id int64, in moveJSON) (sessions.Progress, error) {
	return s.deps.Sessions.MoveTo(ctx, who, id, in.State)
}

type startItemJSON struct {
	ItemID int64 `json:"item_id"`
}

// startItem: POST /api/sessions/:id/agenda/current — a moderator starts an
// agenda item; its time box runs from now.
func (s *Server) startItem(ctx context.Context, who igfplus.Identity, id int64, in startItemJSON) (sessions.Progress, error) {
	return s.deps.Sessions.StartItem(ctx, who, id, in.ItemID)
}

// sessionRoom: GET /ws/sessions/:id — the session room's WebSocket.
func sessionRoom(_ igfplus.Identity, id int64) string { return sessions.RoomName(id) }

// waitingRoom: GET /ws/sessions/:id/waiting — the waiting page's own
// socket: the room of the signed-in person's place in the waiting room,
// which says when they are admitted (docs/PROTOCOL.md, Admission). The
// room is named from the request's identity, never from the client.
func waitingRoom(who igfplus.Identity, id int64) string {
	return sessions.WaitingRoomName(id, who.AccountID)
}

type floorRequestJSON struct {
	Mode         sessions.Mode `json:"mode"`
	PointOfOrder bool          `json:"point_of_order"`
	// HubID asks as a remote hub the caller registered (the mode is then
	// remote_hub).
	HubID int64 `json:"hub_id"`
}

// requestFloor: POST /api/sessions/:id/floor — ask for the floor.
func (s *Server) requestFloor(ctx context.Context, who igfplus.Identity, id int64, in floorRequestJSON) (sessions.Floor, error) {
	if in.HubID != 0 {
		return s.deps.Sessions.RequestFloorForHub(ctx, who, id, in.HubID, in.PointOfOrder)
	}
	return s.deps.Sessions.RequestFloor(ctx, who, id, in.Mode, in.PointOfOrder)
}

// moderateFloor: POST /api/sessions/:id/floor/:request/:action — a
// moderator grants, ends or declines a request.
func (s *Server) moderateFloor(c echo.Context) error {
	act := map[string]func(context.Context, igfplus.Identity, int64, int64) (sessions.Floor, error){
		"grant": s.deps.Sessions.GrantFloor, "end": s.deps.Sessions.EndFloor, "decline": s.deps.Sessions.DeclineFloor,
	}[c.Param("action")]
	if act == nil {
		return igfplus.Errorf(igfplus.ENotFound, "The action must be grant, end or decline.")
	}
	return answerByIDs(s, "session", "request", "request", act)(c)
}

type askJSON struct {
	Body      string `json:"body"`
	Anonymous bool   `json:"anonymous"`
}

// askQuestion: POST /api/sessions/:id/questions — ask a question.
func (s *Server) askQuestion(ctx context.Context, who igfplus.Identity, id int64, in askJSON) (sessions.Question, error) {
	return s.deps.Sessions.Ask(ctx, who, id, in.Body, in.Anonymous)
}

type questionChangeJSON struct {
	Pinned     *bool `json:"pinned"`
	Answered   *bool `json:"answered"`
	MergedInto int64 `json:"merged_into"`
	// Hidden hides (true, with an optional reason) or lets through (false)
	// a question; it goes alone.
	Hidden *bool  `json:"hidden"`
	Reason string `json:"reason"`
}

// changeQuestion: PATCH /api/sessions/:id/questions/:question — moderators
// pin, mark answered or merge, or hide or let through.
func (s *Server) changeQuestion(c echo.Context) error {
	id, qid, err := idAndChild(c, "session", "question", "question")
	if err != nil {
		return err
	}
	var in questionChangeJSON
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Hidden != nil {
		return s.hideQuestion(c, id, qid, *in.Hidden, in.Reason)
	}
	q, err := s.deps.Sessions.ChangeQuestion(c.Request().Context(), s.identity(c), id, qid,
		sessions.QuestionChange{Pinned: in.Pinned, Answered: in.Answered, MergedInto: in.MergedInto})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, q)
}

// removeChat: DELETE /api/sessions/:id/chat/:message[?reason=] — a
// moderator removes a message for everyone (the reason goes to the log).
func (s *Server) removeChat(c echo.Context) error {
	return actByIDs(s, "session", "message", "message", http.StatusNoContent, func(ctx context.Context, who igfplus.Identity, id, mid int64) error {
		return s.deps.Sessions.RemoveChat(ctx, who, id, mid, c.QueryParam("reason"))
	})(c)
}

type reportJSON struct {
	Reason string `json:"reason"`
}

// reportChat: POST /api/sessions/:id/chat/:message/reports — report a
// message to the moderators, with a reason.
func (s *Server) reportChat(c echo.Context) error {
	return actByIDs(s, "session", "message", "message", http.StatusCreated, func(ctx context.Context, who igfplus.Identity, id, mid int64) error {
		var in reportJSON
		if err := bindJSON(c, &in); err != nil {
			return err
		}
		return s.deps.Sessions.ReportChat(ctx, who, id, mid, in.Reason)
	})(c)
}

type restrictJSON struct {
	AccountID   int64                `json:"account_id"`
	Restriction sessions.Restriction `json:"restriction"`
	Reason      string               `json:"reason"`
}

// restrict: POST /api/sessions/:id/restrictions — a moderator mutes,
// removes or bans someone.
func (s *Server) restrict(ctx context.Context, who igfplus.Identity, id int64, in restrictJSON) error {
	return s.deps.Sessions.Restrict(ctx, who, id, in.AccountID, in.Restriction, in.Reason)
}
