package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// emailRequest is the body of POST /auth/password-reset.
type emailRequest struct {
	Email string `json:"email"`
}

// tokenRequest is the body of POST /auth/verify-email, and with a
// password of POST /auth/password-reset/confirm: token is the secret of
// the mailed link (its token query parameter).
type tokenRequest struct {
	Token    string `json:"token"`
	Password string `json:"password,omitempty"`
}

// resetAsked is the one answer to a reset asked: the same whether or not
// an account has the address.
const resetAsked = "If an account has this e-mail address, a link to set a new password has been sent to it."

// passwordReset handles POST /auth/password-reset {"email"}: it mails a
// single-use link to the account with that address, if any. 202 {message}
// either way; 422 for a malformed address; 429 past the client's budget.
func (a *API) passwordReset(c echo.Context) error {
	var req emailRequest
	if err := a.decodeThrottled(c, &req); err != nil {
		return err
	}
	if err := a.Accounts.RequestPasswordReset(c.Request().Context(), req.Email); err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, registeredJSON{Message: resetAsked})
}

// confirmPasswordReset handles POST /auth/password-reset/confirm {"token",
// "password"}: it sets the new password and ends every session of the
// account (this client's cookies are cleared too). 204; 422 for a short
// password or a link that is unknown, used or expired.
func (a *API) confirmPasswordReset(c echo.Context) error {
	var req tokenRequest
	if err := a.decodeThrottled(c, &req); err != nil {
		return err
	}
	if err := a.Accounts.ResetPassword(c.Request().Context(), req.Token, req.Password); err != nil {
		return err
	}
	ClearSessionCookies(c, a.SecureCookies)
	return c.NoContent(http.StatusNoContent)
}

// verifyEmail handles POST /auth/verify-email {"token"}: it confirms the
// address the link was mailed to. 204; 422 for a link that is unknown,
// used or expired.
func (a *API) verifyEmail(c echo.Context) error {
	var req tokenRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	if err := a.Accounts.VerifyEmail(c.Request().Context(), req.Token); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// verificationSent is the answer to a verification link asked again.
const verificationSent = "A new link confirming your e-mail address has been sent to it."

// sendVerification handles POST /me/email-verification (signed in): it
// mails the account's address a new link confirming it (the first may
// have been lost). 202 {message}; 429 past the client's budget.
func (a *API) sendVerification(c echo.Context) error {
	if err := a.Throttle.Client(c); err != nil {
		return err
	}
	if err := a.Accounts.SendVerification(c.Request().Context(), IdentityOf(c).AccountID); err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, registeredJSON{Message: verificationSent})
}
