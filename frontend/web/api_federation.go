package web

import (
	"context"
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
	f := s.deps.Federation
	api.POST("/federation/peers", write(s, http.StatusCreated, s.addPeer))
	// A new secret for a peer, shown once; the old one is revoked.
	api.POST("/federation/peers/:id/secret", respondByID(s, "peer", http.StatusOK, f.RotatePeerSecret))
	// The peer's signed messages.
	api.GET("/federation/peers/:id/agenda", signedAnswer(f.ServeAgenda))
	api.POST("/federation/peers/:id/links", signedAnswer(f.ReceiveLink))
	api.POST("/federation/peers/:id/outputs", s.peerOutput)
	api.PUT("/federation/upstream", s.setUpstream)
	// The global agenda, pulled from the upstream (and kept a while) for the
	// secretariat and coordinators.
	api.GET("/federation/upstream/agenda", answerMine(s, f.RemoteAgenda))
	// This installation's links upstream with their pushes.
	api.GET("/federation/links", listMine(s, "links", public(f.Links)))
	api.POST("/federation/links", write(s, http.StatusCreated, s.askFederationLink))
}

// addPeer: POST /api/federation/peers — the secretariat registers an
// NRI's installation; the answer carries its secret, shown once.
func (s *Server) addPeer(ctx context.Context, who igfplus.Identity, in federation.Peer) (federation.Peer, error) {
	return s.deps.Federation.AddPeer(ctx, who, federation.Peer{Name: in.Name, NRIID: in.NRIID})
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

// signedAnswer answers a peer's signed message (GET
// /api/federation/peers/{id}/agenda, POST .../links) with what do makes
// of it.
func signedAnswer[T any](do func(context.Context, int64, http.Header, []byte) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, raw, err := signedBody(c)
		if err != nil {
			return err
		}
		v, err := do(c.Request().Context(), id, c.Request().Header, raw)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	}
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

// fedLinkJSON is the body of POST /api/federation/links.
type fedLinkJSON struct {
	TrackID       int64  `json:"track_id"`
	GlobalTrackID int64  `json:"global_track_id"`
	Note          string `json:"note"`
}

// askFederationLink: POST /api/federation/links — a coordinator links a
// local NRI track to a global track of the upstream.
func (s *Server) askFederationLink(ctx context.Context, who igfplus.Identity, in fedLinkJSON) (federation.FedLink, error) {
	return s.deps.Federation.AskLink(ctx, who, in.TrackID, in.GlobalTrackID, in.Note)
}
