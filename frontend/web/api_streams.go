package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
)

// streamRoutes are a session's meeting and stream links and its remote
// hubs (#20 point 4).
func (s *Server) streamRoutes(api *echo.Group) {
	api.GET("/sessions/:id/streams", sessionList(s, "streams", s.deps.Sessions.StreamsOf))
	api.PUT("/sessions/:id/streams", s.setStreams)
	api.GET("/sessions/:id/hubs", sessionList(s, "hubs", s.deps.Sessions.HubsOf))
	api.POST("/sessions/:id/hubs", s.registerHub)
}

// setStreams: PUT /api/sessions/:id/streams — those who run the session
// replace its links.
func (s *Server) setStreams(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	var in struct {
		Streams []sessions.Stream `json:"streams"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	list, err := s.deps.Sessions.SetStreams(c.Request().Context(), s.identity(c), id, in.Streams)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string][]sessions.Stream{"streams": list})
}

// registerHub: POST /api/sessions/:id/hubs — register a remote hub that the
// caller speaks for.
func (s *Server) registerHub(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	var in sessions.Hub
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	h, err := s.deps.Sessions.RegisterHub(c.Request().Context(), s.identity(c), id, sessions.Hub{Name: in.Name, City: in.City, Country: in.Country, Expected: in.Expected})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, h)
}
