package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
)

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Code     string `json:"code"`
	Instance string `json:"instance,omitempty"`
}

// StatusOf is the one place domain error kinds become HTTP statuses.
func StatusOf(code tracks.Code) int {
	switch code {
	case tracks.ENotFound:
		return http.StatusNotFound
	case tracks.EInvalid:
		return http.StatusUnprocessableEntity
	case tracks.EConflict:
		return http.StatusConflict
	case tracks.EUnauthorized:
		return http.StatusUnauthorized
	case tracks.EForbidden:
		return http.StatusForbidden
	case tracks.ERateLimited:
		return http.StatusTooManyRequests
	case tracks.EUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// codeOfStatus names the kind of an HTTP error raised by echo itself (an
// unknown route, a wrong method, a body too large).
func codeOfStatus(status int) tracks.Code {
	switch status {
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		return tracks.ENotFound
	case http.StatusUnauthorized:
		return tracks.EUnauthorized
	case http.StatusForbidden:
		return tracks.EForbidden
	case http.StatusTooManyRequests:
		return tracks.ERateLimited
	case http.StatusServiceUnavailable:
		return tracks.EUnavailable
	}
	if status >= 400 && status < 500 {
		return tracks.EInvalid
	}
	return tracks.EInternal
}

// problemOf turns any error into a problem document. Internal errors keep
// their detail for the log only.
func problemOf(err error) Problem {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		detail := http.StatusText(he.Code)
		if msg, ok := he.Message.(string); ok {
			detail = msg
		}
		code := codeOfStatus(he.Code)
		return Problem{Type: "about:blank", Title: http.StatusText(he.Code), Status: he.Code, Detail: detail, Code: string(code)}
	}
	code := tracks.ErrorCode(err)
	status := StatusOf(code)
	return Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: tracks.ErrorMessage(err), Code: string(code)}
}

// WriteProblem writes err as problem+json on a plain http.ResponseWriter
// (used before a WebSocket upgrade, where there is no echo.Context).
func WriteProblem(w http.ResponseWriter, r *http.Request, err error) {
	p := problemOf(err)
	p.Instance = r.URL.Path
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	writeJSON(w, p)
}

// errorHandler is echo's HTTPErrorHandler: problem+json for the API and any
// client that does not ask for HTML; the pages' own error page otherwise.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	p := problemOf(err)
	p.Instance = c.Request().URL.Path
	if p.Status >= 500 {
		s.log.Error("request failed", "err", err, "path", c.Request().URL.Path, "request_id", c.Response().Header().Get(echo.HeaderXRequestID))
	}
	if s.deps.HTMLError != nil && wantsHTML(c.Request()) {
		if herr := s.deps.HTMLError(c, p.Status, p.Detail); herr == nil {
			return
		}
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	c.Response().WriteHeader(p.Status)
	writeJSON(c.Response(), p)
}
