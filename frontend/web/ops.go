package web

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// healthz answers while the process is up.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 only when every dependency (Postgres, Redis when
// configured) answers now, and says which one does not.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	status := http.StatusOK
	checks := make(map[string]string, len(s.deps.Ready))
	for _, ch := range s.deps.Ready {
		if err := ch.Check(ctx); err != nil {
			status = http.StatusServiceUnavailable
			checks[ch.Name] = err.Error()
			continue
		}
		checks[ch.Name] = "ok"
	}
	return c.JSON(status, map[string]any{"ready": status == http.StatusOK, "checks": checks})
}
