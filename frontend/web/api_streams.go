package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// streamRoutes are a session's meeting and stream links and its remote
// hubs (#20 point 4).
func (s *Server) streamRoutes(api *echo.Group) {
	api.GET("/sessions/:id/streams", sessionList(s, "streams", s.deps.Sessions.StreamsOf))
	api.PUT("/sessions/:id/streams", writeByID(s, "session", http.StatusOK, s.setStreams))
	api.GET("/sessions/:id/hubs", sessionList(s, "hubs", s.deps.Sessions.HubsOf))
	api.POST("/sessions/:id/hubs", writeByID(s, "session", http.StatusCreated, s.registerHub))
}

// streamsJSON is the body of PUT /api/sessions/:id/streams.
type streamsJSON struct {
	Streams []sessions.Stream `json:"streams"`
}

// setStreams: PUT /api/sessions/:id/streams — those who run the session
// replace its links.
func (s *Server) setStreams(ctx context.Context, who igfplus.Identity, id int64, in streamsJSON) (map[string][]sessions.Stream, error) {
	list, err := s.deps.Sessions.SetStreams(ctx, who, id, in.Streams)
	return map[string][]sessions.Stream{"streams": list}, err
}

// registerHub: POST /api/sessions/:id/hubs — register a remote hub that the
// caller speaks for.
func (s *Server) registerHub(ctx context.Context, who igfplus.Identity, id int64, in sessions.Hub) (sessions.Hub, error) {
	return s.deps.Sessions.RegisterHub(ctx, who, id, sessions.Hub{Name: in.Name, City: in.City, Country: in.Country, Expected: in.Expected})
}
