package web

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// wantsHTML reports whether the request comes from a browser navigating to
// a page (not the API, not a script).
func wantsHTML(r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/ws/") {
		return false
	}
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}

// pathID reads the positive integer path parameter :id; what names the
// resource in the error.
func pathID(c echo.Context, what igfplus.Text) (int64, error) {
	return paramID(c, "id", what)
}

// bindJSON decodes a JSON request body into v, refusing unknown fields and
// anything that is not JSON with a clear error.
func bindJSON(c echo.Context, v any) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if !strings.HasPrefix(ct, echo.MIMEApplicationJSON) {
		return igfplus.Errorf(igfplus.EInvalid, "Send a JSON body with Content-Type: application/json.")
	}
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &igfplus.Error{Code: igfplus.EInvalid, Message: "The body is not valid JSON for this request.", Err: err}
	}
	return nil
}

// bindOptionalJSON is bindJSON for a route whose body may be left out: an
// empty body leaves v as it is.
func bindOptionalJSON(c echo.Context, v any) error {
	if c.Request().ContentLength == 0 {
		return nil
	}
	return bindJSON(c, v)
}

// optionalReason reads the optional {"reason": ...} body of a decision
// (accept or decline); an empty body is no reason.
func optionalReason(c echo.Context) (string, error) {
	var in struct {
		Reason string `json:"reason"`
	}
	err := bindOptionalJSON(c, &in)
	return in.Reason, err
}
