package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
)

// The live room's history, rules and admission (issue #4).

// sessionAgenda: GET /api/sessions/:id/agenda — the agenda in order and
// where the session stands (public, like the session itself).
func (s *Server) sessionAgenda(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	sess, err := s.deps.Sessions.Session(ctx, id)
	if err != nil {
		return err
	}
	agenda, err := s.deps.Sessions.Agenda(ctx, id)
	if err != nil {
		return err
	}
	out := toSession(sess, agenda)
	if out.Agenda == nil {
		out.Agenda = []agendaItemJSON{}
	}
	p := sessions.Progress{State: sess.State, CurrentItemID: sess.CurrentItemID, ItemStartedAt: sess.ItemStartedAt}
	for _, a := range agenda {
		if a.ID == sess.CurrentItemID {
			p.ItemMinutes = a.Minutes
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"agenda": out.Agenda, "progress": p})
}

// floorHistory: GET /api/sessions/:id/floor/requests — every request for
// the floor, with what became of it.
func (s *Server) floorHistory(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	rs, err := s.deps.Sessions.FloorHistory(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	if rs == nil {
		rs = []sessions.FloorRequest{}
	}
	return c.JSON(http.StatusOK, map[string]any{"requests": rs})
}

// speakingTime: GET /api/sessions/:id/speaking — speaking time per speaker,
// stakeholder group, region and gender so far.
func (s *Server) speakingTime(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	st, err := s.deps.Sessions.SpeakingTimeOf(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, st)
}

// sessionSettings: GET /api/sessions/:id/settings — the room's rules
// (public: a newcomer needs them before coming in).
func (s *Server) sessionSettings(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	sess, err := s.deps.Sessions.Session(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sess.Settings)
}

// changeSettings: PATCH /api/sessions/:id/settings — moderators change the
// room's rules.
func (s *Server) changeSettings(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	var in sessions.SettingsChange
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	set, err := s.deps.Sessions.ChangeSettings(c.Request().Context(), s.identity(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, set)
}

// admission: GET /api/sessions/:id/admission — where the caller stands;
// POST knocks (enters the waiting room, or is admitted at once).
func (s *Server) admission(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	get := s.deps.Sessions.AdmissionOf
	if c.Request().Method == http.MethodPost {
		get = s.deps.Sessions.Knock
	}
	a, err := get(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

// registration: POST /api/sessions/:id/registration registers the caller;
// DELETE takes the registration back.
func (s *Server) registration(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	a, err := s.deps.Sessions.Register(c.Request().Context(), s.identity(c), id, c.Request().Method == http.MethodPost)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

// waitingList: GET /api/sessions/:id/admissions — who waits, for
// moderators.
func (s *Server) waitingList(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	ws, err := s.deps.Sessions.WaitingList(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	if ws == nil {
		ws = []sessions.Waiter{}
	}
	return c.JSON(http.StatusOK, map[string]any{"waiting": ws})
}

// admit: POST /api/sessions/:id/admissions/:account — a moderator admits a
// waiting person (removing or banning is POST .../restrictions).
func (s *Server) admit(c echo.Context) error {
	id, account, err := sessionAndChild(c, "account")
	if err != nil {
		return err
	}
	if err := s.deps.Sessions.Admit(c.Request().Context(), s.identity(c), id, account); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
