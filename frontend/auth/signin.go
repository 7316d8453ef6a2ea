package auth

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/accounts"
)

// signInRequest is the body of POST /auth/signin.
type signInRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// signIn handles POST /auth/signin {email, password}: 200 with a session
// (and the session cookies); 401 (EUnauthorized) with the same message
// whether the email is unknown or the password wrong; 429 when the
// client's or the e-mail's budget is spent and 503 when every password
// hashing slot stayed busy, both with Retry-After.
func (a *API) signIn(c echo.Context) error {
	var req signInRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	var s *accounts.Session
	err := a.Throttle.SignIn(c, req.Email, func() (err error) {
		s, err = a.Accounts.SignIn(c.Request().Context(), req.Email, req.Password)
		return err
	})
	if err != nil {
		return err
	}
	return a.answerSession(c, s)
}
