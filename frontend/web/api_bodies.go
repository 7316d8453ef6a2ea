package web

import (
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
	api.GET("/bodies", s.listBodies)
	api.POST("/bodies", s.createBody)
	api.POST("/bodies/:id/endpoints", s.endpointWrite(true))
	api.POST("/bodies/:id/inbound-secret", s.rotateInboundSecret)
	api.POST("/bodies/:id/answers", s.receiveAnswer)
	api.PUT("/endpoints/:id", s.endpointWrite(false))
	api.GET("/endpoints/:id/secrets", s.listSecrets)
	api.POST("/endpoints/:id/secrets", s.addSecret)
	api.DELETE("/secrets/:id", s.retireSecret)
	api.GET("/endpoints/:id/deliveries", s.listDeliveries)
	api.POST("/deliveries/:id/replay", s.replayDelivery)
}

func (s *Server) listBodies(c echo.Context) error {
	bodies, err := s.deps.Publishing.BodiesFor(c.Request().Context(), s.identity(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"bodies": nonNil(bodies)})
}

func (s *Server) createBody(c echo.Context) error {
	var req struct {
		Name string              `json:"name"`
		Kind publishing.BodyKind `json:"kind"`
	}
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	b, err := s.deps.Publishing.CreateBody(c.Request().Context(), s.identity(c), publishing.Body{Name: req.Name, Kind: req.Kind})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, b)
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
	return func(c echo.Context) error {
		id, err := pathID(c, "body or endpoint")
		if err != nil {
			return err
		}
		var req endpointRequest
		if err := bindJSON(c, &req); err != nil {
			return err
		}
		e := publishing.Endpoint{URL: req.URL, Enabled: req.Enabled == nil || *req.Enabled, AllowPrivate: req.AllowPrivate}
		ctx, who := c.Request().Context(), s.identity(c)
		if adding {
			e.BodyID = id
			e, err = s.deps.Publishing.AddEndpoint(ctx, who, e)
		} else {
			e.ID = id
			e, err = s.deps.Publishing.SetEndpoint(ctx, who, e)
		}
		if err != nil {
			return err
		}
		if adding {
			return c.JSON(http.StatusCreated, e)
		}
		return c.JSON(http.StatusOK, e)
	}
}

func (s *Server) addSecret(c echo.Context) error {
	id, err := pathID(c, "endpoint")
	if err != nil {
		return err
	}
	var req struct {
		Kind publishing.SecretKind `json:"kind"`
	}
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	sec, err := s.deps.Publishing.AddSecret(c.Request().Context(), s.identity(c), id, req.Kind)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, sec)
}

// listSecrets: GET /api/endpoints/:id/secrets — the endpoint's signing
// secrets, active and retired, without their values (the Secretariat's;
// the public registry never lists them).
func (s *Server) listSecrets(c echo.Context) error {
	id, err := pathID(c, "endpoint")
	if err != nil {
		return err
	}
	list, err := s.deps.Publishing.Secrets(c.Request().Context(), s.identity(c), []int64{id})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"secrets": nonNil(list)})
}

func (s *Server) retireSecret(c echo.Context) error {
	id, err := pathID(c, "secret")
	if err != nil {
		return err
	}
	if err := s.deps.Publishing.RetireSecret(c.Request().Context(), s.identity(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) rotateInboundSecret(c echo.Context) error {
	id, err := pathID(c, "body")
	if err != nil {
		return err
	}
	secret, err := s.deps.Publishing.RotateInboundSecret(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]string{"secret": secret})
}

func (s *Server) listDeliveries(c echo.Context) error {
	id, err := pathID(c, "endpoint")
	if err != nil {
		return err
	}
	log, err := s.deps.Publishing.Deliveries(c.Request().Context(), s.identity(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"deliveries": nonNil(log)})
}

func (s *Server) replayDelivery(c echo.Context) error {
	id, err := pathID(c, "delivery")
	if err != nil {
		return err
	}
	if err := s.deps.Publishing.Replay(c.Request().Context(), s.identity(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusAccepted)
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
