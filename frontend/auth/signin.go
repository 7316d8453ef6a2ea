package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// signInRequest is the body of POST /auth/signin.
type signInRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// signIn handles POST /auth/signin {email, password}: 200 with a session
// (and the session cookies); 401 (EUnauthorized) with the same message
// whether the email is unknown or the password wrong.
func (a *API) signIn(c echo.Context) error {
	var req signInRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	if err := a.Throttle.Check(c, req.Email); err != nil {
		return err
	}
	s, err := a.Accounts.SignIn(c.Request().Context(), req.Email, req.Password)
	if err != nil {
		return err
	}
	SetSessionCookies(c, *s, a.SecureCookies)
	noStore(c)
	return c.JSON(http.StatusOK, newSessionJSON(s))
}
