package web

import (
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// federationRoutes registers the server-to-server API (signed by the
// peer's secret, docs/FEDERATION.md) and the secretariat's and
// coordinators' federation set-up.
func (s *Server) federationRoutes(api *echo.Group) {
	api.POST("/federation/peers", s.addPeer)
	api.GET("/federation/peers/:id/agenda", s.peerAgenda)
	api.POST("/federation/peers/:id/links", s.peerLink)
	api.POST("/federation/peers/:id/outputs", s.peerOutput)
	api.PUT("/federation/upstream", s.setUpstream)
	api.GET("/federation/upstream/agenda", s.upstreamAgenda)
	api.GET("/federation/links", s.federationLinks)
	api.POST("/federation/links", s.askFederationLink)
}

// addPeer: POST /api/federation/peers — the secretariat registers an
// NRI's installation; the answer carries its secret, shown once.
func (s *Server) addPeer(c echo.Context) error {
	var in federation.Peer
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := s.deps.Federation.AddPeer(c.Request().Context(), s.deps.IdentityOf(c), federation.Peer{Name: in.Name, NRIID: in.NRIID})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, p)
}

// signedBody reads the raw body of a peer's message (the signature covers
// its bytes) and the peer named by the path.
func signedBody(c echo.Context) (int64, []byte, error) {
	id, err := pathID(c, "peer")
	if err != nil {
		return 0, nil, err
	}
	raw, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return 0, nil, &igfplus.Error{Code: igfplus.EInvalid, Message: "The body could not be read.", Err: err}
	}
	return id, raw, nil
}

// peerAgenda: GET /api/federation/peers/{id}/agenda — signed.
func (s *Server) peerAgenda(c echo.Context) error {
	id, raw, err := signedBody(c)
	if err != nil {
		return err
	}
	a, err := s.deps.Federation.ServeAgenda(c.Request().Context(), id, c.Request().Header, raw)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

// peerLink: POST /api/federation/peers/{id}/links — signed.
func (s *Server) peerLink(c echo.Context) error {
	id, raw, err := signedBody(c)
	if err != nil {
		return err
	}
	a, err := s.deps.Federation.ReceiveLink(c.Request().Context(), id, c.Request().Header, raw)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

// peerOutput: POST /api/federation/peers/{id}/outputs — signed; 409 while
// the link is not accepted (the peer retries).
func (s *Server) peerOutput(c echo.Context) error {
	id, raw, err := signedBody(c)
	if err != nil {
		return err
	}
	if err := s.deps.Federation.ReceiveOutput(c.Request().Context(), id, c.Request().Header, raw); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// setUpstream: PUT /api/federation/upstream — the secretariat of an NRI's
// installation sets the global installation it reports to.
func (s *Server) setUpstream(c echo.Context) error {
	var in federation.Upstream
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.deps.Federation.SetUpstream(c.Request().Context(), s.deps.IdentityOf(c), in); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// upstreamAgenda: GET /api/federation/upstream/agenda — the global agenda,
// pulled from the upstream (and kept a while) for the secretariat and
// coordinators.
func (s *Server) upstreamAgenda(c echo.Context) error {
	a, err := s.deps.Federation.RemoteAgenda(c.Request().Context(), s.identity(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

// federationLinks: GET /api/federation/links — this installation's links
// upstream with their pushes.
func (s *Server) federationLinks(c echo.Context) error {
	list, err := s.deps.Federation.Links(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"links": nonNil(list)})
}

// askFederationLink: POST /api/federation/links — a coordinator links a
// local NRI track to a global track of the upstream.
func (s *Server) askFederationLink(c echo.Context) error {
	var in struct {
		TrackID       int64  `json:"track_id"`
		GlobalTrackID int64  `json:"global_track_id"`
		Note          string `json:"note"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	l, err := s.deps.Federation.AskLink(c.Request().Context(), s.deps.IdentityOf(c), in.TrackID, in.GlobalTrackID, in.Note)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, l)
}
