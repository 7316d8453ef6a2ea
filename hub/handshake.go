package hub

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// handshakeProblem is the RFC 9457 problem document the rest of the API
// answers with (frontend/web's Problem), for a request that reaches the
// WebSocket upgrade but is no handshake.
type handshakeProblem struct {
	Type     string       `json:"type"`
	Title    string       `json:"title"`
	Status   int          `json:"status"`
	Detail   string       `json:"detail,omitempty"`
	Code     igfplus.Code `json:"code"`
	Instance string       `json:"instance,omitempty"`
}

// writeHandshakeError is the upgrader's Error: the WebSocket library's
// refusal (a plain GET, a wrong version…) as problem+json with the
// library's status, not its plain text. Serve's writeError answers every
// refusal before the upgrade; it maps domain codes to statuses (invalid is
// 422), while a failed handshake keeps its own status (400 mostly).
func writeHandshakeError(w http.ResponseWriter, r *http.Request, status int, reason error) {
	detail := "Not a WebSocket handshake."
	if reason != nil {
		detail = "Not a WebSocket handshake: " + strings.TrimPrefix(reason.Error(), "websocket: ")
	}
	p := handshakeProblem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail,
		Code: codeOfStatus(status), Instance: r.URL.Path}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(p)
}

// codeOfStatus names the kind of a status the WebSocket library answers,
// as frontend/web names echo's own statuses.
func codeOfStatus(status int) igfplus.Code {
	switch {
	case status == http.StatusUnauthorized:
		return igfplus.EUnauthorized
	case status == http.StatusForbidden:
		return igfplus.EForbidden
	case status == http.StatusNotFound, status == http.StatusMethodNotAllowed:
		return igfplus.ENotFound
	case status == http.StatusTooManyRequests:
		return igfplus.ERateLimited
	case status == http.StatusServiceUnavailable:
		return igfplus.EUnavailable
	case status >= 400 && status < 500:
		return igfplus.EInvalid
	}
	return igfplus.EInternal
}
