package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
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

// statusOfCode is the one place domain error kinds meet HTTP statuses.
var statusOfCode = map[igfplus.Code]int{
	igfplus.ENotFound:     http.StatusNotFound,
	igfplus.EInvalid:      http.StatusUnprocessableEntity,
	igfplus.EConflict:     http.StatusConflict,
	igfplus.EUnauthorized: http.StatusUnauthorized,
	igfplus.EForbidden:    http.StatusForbidden,
	igfplus.ERateLimited:  http.StatusTooManyRequests,
	igfplus.EUnavailable:  http.StatusServiceUnavailable,
}

// StatusOf is the HTTP status of a domain error kind.
func StatusOf(code igfplus.Code) int {
	if status, ok := statusOfCode[code]; ok {
		return status
	}
	return http.StatusInternalServerError
}

// codeOfStatus names the kind of an HTTP error raised by echo itself (an
// unknown route, a wrong method, a body too large): the table read
// backwards, any other 4xx being invalid input.
func codeOfStatus(status int) igfplus.Code {
	if status == http.StatusMethodNotAllowed {
		return igfplus.ENotFound
	}
	for code, s := range statusOfCode {
		if s == status && code != igfplus.EInvalid {
			return code
		}
	}
	if status >= 400 && status < 500 {
		return igfplus.EInvalid
	}
	return igfplus.EInternal
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
	code := igfplus.ErrorCode(err)
	status := StatusOf(code)
	return Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: igfplus.ErrorMessage(err), Code: string(code)}
}

// SetRetryAfter tells the client when to try again (Retry-After, in whole
// seconds) when err carries a wait (igfplus.RetryLater): a spent budget
// (429), a busy server (503).
func SetRetryAfter(c echo.Context, err error) {
	if after, ok := igfplus.RetryAfter(err); ok {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int((after+time.Second-1)/time.Second)))
	}
}

// writeProblem writes err as problem+json on a plain http.ResponseWriter
// (used before a WebSocket upgrade, where there is no echo.Context), in
// the language r asks for.
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	p := s.localized(w, r, err)
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
	p := s.localized(c.Response(), c.Request(), err)
	p.Instance = c.Request().URL.Path
	if p.Status >= 500 {
		s.log.Error("request failed", "err", err, "path", c.Request().URL.Path, "request_id", c.Response().Header().Get(echo.HeaderXRequestID))
	}
	if s.deps.HTMLError != nil && wantsHTML(c.Request()) {
		detail := p.Detail
		if problemOf(err).Detail == http.StatusText(p.Status) {
			detail = "" // the page's own heading says it
		}
		if herr := s.deps.HTMLError(c, p.Status, detail); herr == nil {
			return
		}
	}
	SetRetryAfter(c, err)
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	c.Response().WriteHeader(p.Status)
	writeJSON(c.Response(), p)
}
