package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// bodyRoutes registers the Secretariat's registry of decision-making
// bodies, the relay's delivery log, and bodies' signed answers.
func (s *Server) bodyRoutes(api *echo.Group) {
	p := s.deps.Publishing
	api.GET("/bodies", listMine(s, "bodies", p.BodiesFor))
	api.POST("/bodies", write(s, http.StatusCreated, s.createBody))
	api.POST("/bodies/:id/endpoints", s.endpointWrite(true))
	api.POST("/bodies/:id/inbound-secret", respondByID(s, "body", http.StatusCreated, s.rotateInboundSecret))
	api.POST("/bodies/:id/answers", s.receiveAnswer)
	api.PUT("/endpoints/:id", s.endpointWrite(false))
	api.GET("/endpoints/:id/secrets", listByID(s, "endpoint", "secrets", s.listSecrets))
	api.POST("/endpoints/:id/secrets", writeByID(s, "endpoint", http.StatusCreated, s.addSecret))
	api.DELETE("/secrets/:id", actByID(s, "secret", http.StatusNoContent, p.RetireSecret))
	api.GET("/endpoints/:id/deliveries", listByID(s, "endpoint", "deliveries", p.Deliveries))
	api.POST("/deliveries/:id/replay", actByID(s, "delivery", http.StatusAccepted, p.Replay))
}

// newBodyJSON is the body of POST /api/bodies.
type newBodyJSON struct {
	Name string              `json:"name"`
	Kind publishing.BodyKind `json:"kind"`
}

// createBody: POST /api/bodies — the Secretariat registers a
// decision-making body.
func (s *Server) createBody(ctx context.Context, who igfplus.Identity, in newBodyJSON) (publishing.Body, error) {
	return s.deps.Publishing.CreateBody(ctx, who, publishing.Body{Name: in.Name, Kind: in.Kind})
}

type endpointRequest struct {
	URL          string `json:"url"`
	Enabled      *bool  `json:"enabled"`
	AllowPrivate bool   `json:"allow_private"`
}

// endpointWrite handles POST /api/bodies/:id/endpoints (adding: the path
// names the body) and PUT /api/endpoints/:id (changing: it names the
// endpoint). Enabled defaults to true.
func (s *Server) endpointWrite(adding bool) echo.HandlerFunc {
	status := http.StatusOK
	if adding {
		status = http.StatusCreated
	}
	return writeByID(s, "body or endpoint", status, func(ctx context.Context, who igfplus.Identity, id int64, req endpointRequest) (publishing.Endpoint, error) {
		e := publishing.Endpoint{URL: req.URL, Enabled: req.Enabled == nil || *req.Enabled, AllowPrivate: req.AllowPrivate}
		if adding {
			e.BodyID = id
			return s.deps.Publishing.AddEndpoint(ctx, who, e)
		}
		e.ID = id
		return s.deps.Publishing.SetEndpoint(ctx, who, e)
	})
}

// secretKindJSON is the body of POST /api/endpoints/:id/secrets.
type secretKindJSON struct {
	Kind publishing.SecretKind `json:"kind"`
}

// addSecret: POST /api/endpoints/:id/secrets — a new signing secret of the
// endpoint, its value shown this once.
func (s *Server) addSecret(ctx context.Context, who igfplus.Identity, id int64, in secretKindJSON) (publishing.Secret, error) {
	return s.deps.Publishing.AddSecret(ctx, who, id, in.Kind)
}

// listSecrets: GET /api/endpoints/:id/secrets — the endpoint's signing
// secrets, active and retired, without their values (the Secretariat's;
// the public registry never lists them).
func (s *Server) listSecrets(ctx context.Context, who igfplus.Identity, id int64) ([]publishing.Secret, error) {
	return s.deps.Publishing.Secrets(ctx, who, []int64{id})
}

// rotateInboundSecret: POST /api/bodies/:id/inbound-secret — a new secret
// for the body's signed answers (shown once); the one it replaces keeps
// verifying during the rotation.
func (s *Server) rotateInboundSecret(ctx context.Context, who igfplus.Identity, id int64) (map[string]string, error) {
	secret, err := s.deps.Publishing.RotateInboundSecret(ctx, who, id)
	return map[string]string{"secret": secret}, err
}

// receiveAnswer: POST /api/bodies/:id/answers — a body's answer, signed
// with its inbound secret by the Standard Webhooks scheme. The signature
// covers the raw bytes, so the body is read before it is decoded.
func (s *Server) receiveAnswer(c echo.Context) error {
	id, err := pathID(c, "body")
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return &igfplus.Error{Code: igfplus.EInvalid, Message: "The body could not be read.", Err: err}
	}
	var req struct {
		RecommendationID int64                  `json:"recommendation_id"`
		State            publishing.AnswerState `json:"state"`
		Text             string                 `json:"text"`
		Link             string                 `json:"link"`
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return &igfplus.Error{Code: igfplus.EInvalid, Message: "The body is not valid JSON for this request.", Err: err}
	}
	a := publishing.Answer{RecommendationID: req.RecommendationID, State: req.State, Text: req.Text, Link: req.Link}
	a, err = s.deps.Publishing.ReceiveAnswer(c.Request().Context(), id, c.Request().Header, raw, a)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, a)
}
