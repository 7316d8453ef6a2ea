package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// findingRoutes mounts search, following and the calendar token.
func (s *Server) findingRoutes(api *echo.Group) {
	api.GET("/search", s.search)
	api.PUT("/sessions/:id/follow", s.followSession)
	api.DELETE("/sessions/:id/follow", s.followSession)
	api.GET("/me/schedule", s.sessionsOf(s.mySchedule))
	api.POST("/me/calendar-token", s.calendarToken)
	api.DELETE("/me/calendar-token", s.calendarToken)
}

// search: GET /api/search?q=&lang= — full-text search over sessions,
// recommendations and publications, anyone; 422 for an empty or
// over-long q. lang (the reader's language) stems the query as well.
func (s *Server) search(c echo.Context) error {
	lang := c.QueryParam("lang")
	if lang == "" {
		lang = "en"
	}
	results, err := s.deps.Finding.Search(c.Request().Context(), c.QueryParam("q"), lang)
	if err != nil {
		return err
	}
	if results == nil {
		results = []finding.Result{}
	}
	return c.JSON(http.StatusOK, map[string]any{"results": results})
}

// followSession: PUT /api/sessions/:id/follow follows a session, DELETE
// stops; both idempotent (204).
func (s *Server) followSession(c echo.Context) error {
	on := c.Request().Method == http.MethodPut
	return actByID(s, "session", http.StatusNoContent, func(ctx context.Context, who igfplus.Identity, id int64) error {
		return s.deps.Finding.Follow(ctx, who, id, on)
	})(c)
}

// mySchedule: GET /api/me/schedule — the sessions the caller follows.
func (s *Server) mySchedule(ctx context.Context, who igfplus.Identity) ([]sessions.Session, error) {
	return s.deps.Finding.Schedule(ctx, who)
}

// sessionsOf answers the sessions read returns for the caller as
// {"sessions": [...]}, without their agendas, with their translations and,
// for a reader of ?lang= (when given), their texts in it where translated.
func (s *Server) sessionsOf(read func(context.Context, igfplus.Identity) ([]sessions.Session, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		list, err := read(c.Request().Context(), s.identity(c))
		if err != nil {
			return err
		}
		out := make([]sessionJSON, 0, len(list))
		for _, sess := range list {
			out = append(out, toSession(sess, nil))
		}
		if err := s.translateSessions(c, out, list); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]any{"sessions": out})
	}
}

// calendarToken: POST /api/me/calendar-token makes the caller's personal
// feed address (the token, shown once; the one before stops working);
// DELETE revokes it.
func (s *Server) calendarToken(c echo.Context) error {
	ctx, who := c.Request().Context(), s.identity(c)
	if c.Request().Method == http.MethodDelete {
		if err := s.deps.Finding.RevokeCalendarToken(ctx, who); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
	token, err := s.deps.Finding.NewCalendarToken(ctx, who)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, map[string]string{"token": token, "url": "/me/calendar.ics?" + url.Values{"token": {token}}.Encode()})
}
