package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// signOut handles POST /auth/signout, with {refresh_token} or the
// igf_refresh cookie: it ends that session (its refresh token family) and
// revokes the account's access tokens already issued, then clears the
// cookies. 204, also when there was no session to end. It needs no valid
// access token: an expired one must not keep anybody signed in.
func (a *API) signOut(c echo.Context) error {
	token, err := refreshTokenOf(c)
	if err != nil {
		return err
	}
	if err := a.Accounts.SignOut(c.Request().Context(), token); err != nil {
		return err
	}
	a.forgetCaller(c)
	ClearSessionCookies(c, a.SecureCookies)
	return c.NoContent(http.StatusNoContent)
}

// signOutEverywhere handles POST /auth/signout-everywhere (signed in): it
// ends every session of the account, on every device, and clears this
// browser's cookies. 204; 401 when not signed in.
func (a *API) signOutEverywhere(c echo.Context) error {
	who := IdentityOf(c)
	if err := a.Accounts.SignOutEverywhere(c.Request().Context(), who.AccountID); err != nil {
		return err
	}
	a.Auth.Forget(who.AccountID)
	ClearSessionCookies(c, a.SecureCookies)
	return c.NoContent(http.StatusNoContent)
}

// forgetCaller drops this node's cached token version of whoever the
// request's access token names, so that the sign-out takes effect here at
// once rather than after the cache TTL. Only the signature matters here, not
// whether the token is still current.
func (a *API) forgetCaller(c echo.Context) {
	token, err := tokenOf(c.Request())
	if err != nil || token == "" {
		return
	}
	if who, err := a.Auth.tokens.Verify(token); err == nil {
		a.Auth.Forget(who.AccountID)
	}
}
