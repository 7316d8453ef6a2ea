package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// errNoSession answers a sign-out that names no session.
var errNoSession = igfplus.Errorf(igfplus.EInvalid,
	`Name the session to end: send {"refresh_token": …}, the igf_refresh cookie, or its access token as "Authorization: Bearer <token>".`)

// signOut handles POST /auth/signout. It ends the session named by
// whichever credential comes: the refresh token ({refresh_token} or the
// igf_refresh cookie) and the access token (Bearer header or igf_access
// cookie), even a stale or expired one as long as it is ours; each names
// its session (refresh token family), which is revoked, and the account's
// access tokens already issued stop working. Then the cookies are cleared.
// 204, also when the session had already ended; 422 (EInvalid) when the
// request names no session; 401 when it presents only an access token that
// is not ours (forged, malformed, another installation's). The server
// does not identify this request beforehand (web.Server's identify): an
// outdated token must not keep anybody signed in.
func (a *API) signOut(c echo.Context) error {
	refresh, err := refreshTokenOf(c)
	if err != nil {
		return err
	}
	who, named, err := a.sessionOfAccessToken(c)
	if err != nil && refresh == "" {
		return err
	}
	if refresh == "" && !named {
		return errNoSession
	}
	ctx := c.Request().Context()
	if refresh != "" {
		if err := a.Accounts.SignOut(ctx, refresh); err != nil {
			return err
		}
	}
	if named {
		if err := a.Accounts.EndSession(ctx, who); err != nil {
			return err
		}
		a.Auth.Forget(who.AccountID)
	}
	ClearSessionCookies(c, a.SecureCookies)
	return c.NoContent(http.StatusNoContent)
}

// sessionOfAccessToken reads the session that the request's access token
// names, if it carries one: named is false without a token.
func (a *API) sessionOfAccessToken(c echo.Context) (who igfplus.Identity, named bool, err error) {
	token, err := tokenOf(c.Request())
	if err != nil || token == "" {
		return who, false, err
	}
	who, err = a.Auth.tokens.SessionOf(token)
	return who, err == nil, err
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
