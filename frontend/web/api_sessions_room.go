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
	return answerByID(s, "session", read)
}

// sessionList is sessionRead for a list, answered as {key: [...]}, never
// null.
func sessionList[T any](s *Server, key string, read func(context.Context, igfplus.Identity, int64) ([]T, error)) echo.HandlerFunc {
	return listByID(s, "session", key, read)
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
	return answerByID(s, "session", func(ctx context.Context, _ igfplus.Identity, id int64) (sessions.Settings, error) {
		sess, err := s.deps.Sessions.Session(ctx, id)
		return sess.Settings, err
	})(c)
}

// changeSettings: PATCH /api/sessions/:id/settings — moderators change the
// room's rules.
func (s *Server) changeSettings(c echo.Context) error {
	return writeByID(s, "session", http.StatusOK, s.deps.Sessions.ChangeSettings)(c)
}

// admission: GET /api/sessions/:id/admission — where the caller stands;
// POST knocks (enters the waiting room, or is admitted at once).
func (s *Server) admission(c echo.Context) error {
	get := s.deps.Sessions.AdmissionOf
	if c.Request().Method == http.MethodPost {
		get = s.deps.Sessions.Knock
	}
	return answerByID(s, "session", get)(c)
}

// registration: POST /api/sessions/:id/registration registers the caller;
// DELETE takes the registration back.
func (s *Server) registration(c echo.Context) error {
	return answerByID(s, "session", func(ctx context.Context, who igfplus.Identity, id int64) (sessions.Admission, error) {
		return s.deps.Sessions.Register(ctx, who, id, c.Request().Method == http.MethodPost)
	})(c)
}
