package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// maxBody bounds a request body: the largest legitimate one (a registration)
// is well under 2 KiB.
const maxBody = 64 << 10

// decodeJSON reads the request body as one JSON object into v. Unknown
// fields are refused so that a misspelt field is reported rather than
// ignored. Requiring the JSON content type also keeps other sites' plain
// HTML forms from posting here (they cannot send it without a CORS
// preflight). With optional, an empty body is allowed and leaves v as is.
func decodeJSON(c echo.Context, v any, optional bool) error {
	r := c.Request()
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), r.Body, maxBody))
	if mbe := new(http.MaxBytesError); errors.As(err, &mbe) {
		return igfplus.Errorf(igfplus.EInvalid, "The request body is larger than 64 KiB.")
	}
	if err != nil {
		return igfplus.Errorf(igfplus.EInvalid, "The request body could not be read.")
	}
	if optional && len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType)); mt != echo.MIMEApplicationJSON {
		return igfplus.Errorf(igfplus.EInvalid, "Send the request body as JSON, with Content-Type: application/json.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonProblem(err).Because(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return igfplus.Errorf(igfplus.EInvalid, "The request body has data after its JSON object.")
	}
	return nil
}

// jsonProblem says what is wrong in terms a client developer can act on,
// without echoing Go type names.
func jsonProblem(err error) *igfplus.Error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return igfplus.Errorf(igfplus.EInvalid, "The request body is not the JSON object expected: malformed JSON.")
	case errors.As(err, &typ):
		return igfplus.Errorf(igfplus.EInvalid, "The request body is not the JSON object expected: field %s has the wrong type.", typ.Field)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return igfplus.Errorf(igfplus.EInvalid, "The request body is not the JSON object expected: it ends too soon.")
	}
	// Unknown fields: encoding/json says `json: unknown field "x"`.
	if msg, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok && len(msg) < 200 {
		return igfplus.Errorf(igfplus.EInvalid, "The request body is not the JSON object expected: unknown field %s.", msg)
	}
	return igfplus.Errorf(igfplus.EInvalid, "The request body is not the JSON object expected: it does not match.")
}

// noStore keeps tokens and personal details out of every cache on the way.
func noStore(c echo.Context) {
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
}

// decodeThrottled decodes the required JSON body into v, then spends the
// client's budget (Throttle.Client): what a public route that mails or
// writes does before it asks the service, so that a malformed request
// costs nothing.
func (a *API) decodeThrottled(c echo.Context, v any) error {
	if err := decodeJSON(c, v, false); err != nil {
		return err
	}
	return a.Throttle.Client(c)
}

// proven decodes the required JSON body into v, then does the caller's
// change that a password proves within the budgets of such proofs
// (Throttle.Proof): a stolen session guesses no faster than a sign-in.
func (a *API) proven(c echo.Context, v any, do func(ctx context.Context, who igfplus.Identity) error) error {
	if err := decodeJSON(c, v, false); err != nil {
		return err
	}
	who := IdentityOf(c)
	return a.Throttle.Proof(c, who.AccountID, func() error { return do(c.Request().Context(), who) })
}
