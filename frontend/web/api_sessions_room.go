package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// The live room's history, rules and admission (issue #4).

// sessionRead answers a GET with what read returns for the caller and the
// session in the path.
func sessionRead[T any](s *Server, read func(context.Context, igfplus.Identity, int64) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c, "session")
		if err != nil {
			return err
		}
		v, err := read(c.Request().Context(), s.identity(c), id)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	}
}

// sessionList is sessionRead for a list, answered as {key: [...]}, never
// null.
func sessionList[T any](s *Server, key string, read func(context.Context, igfplus.Identity, int64) ([]T, error)) echo.HandlerFunc {
	return sessionRead(s, func(ctx context.Context, who igfplus.Identity, id int64) (map[string][]T, error) {
		list, err := read(ctx, who, id)
		if list == nil {
			list = []T{}
		}
		return map[string][]T{key: list}, err
	})
}

// listCaptions: GET /api/sessions/:id/captions — the transcript: every
// caption channel's lines in order, or with ?channel= one channel's
// (public for a public session, as its transcript page is).
func (s *Server) listCaptions(c echo.Context) error {
	channel := int64(0)
	if q := c.QueryParam("channel"); q != "" {
		n, err := strconv.ParseInt(q, 10, 64)
		if err != nil || n <= 0 {
			return igfplus.Errorf(igfplus.EInvalid, "channel is a caption channel's id.")
		}
		channel = n
	}
	return sessionList(s, "captions", func(ctx context.Context, who igfplus.Identity, id int64) ([]sessions.Caption, error) {
		lines, err := s.deps.Sessions.Transcript(ctx, who, id)
		if err != nil || channel == 0 {
			return lines, err
		}
		return slices.DeleteFunc(lines, func(l sessions.Caption) bool { return l.ChannelID != channel }), nil
	})(c)
}

// sessionAgenda: GET /api/sessions/:id/agenda — the agenda in order and
// where the session stands (public, like the session itself).
func (s *Server) sessionAgenda(c echo.Context) error {
	sess, agenda, err := s.sessionAndAgenda(c)
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
