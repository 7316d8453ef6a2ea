package auth

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// refreshRequest is the optional body of POST /auth/refresh and
// POST /auth/signout. Browsers send no body: their refresh token is in the
// igf_refresh cookie.
type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

// refreshTokenOf takes the refresh token from the body, or else the cookie.
func refreshTokenOf(c echo.Context) (string, error) {
	var req refreshRequest
	if err := decodeJSON(c, &req, true); err != nil {
		return "", err
	}
	if req.RefreshToken != "" {
		return req.RefreshToken, nil
	}
	if ck, err := c.Cookie(refreshCookie); err == nil {
		return ck.Value, nil
	}
	return "", nil
}

// refresh handles POST /auth/refresh, with {refresh_token} or the
// igf_refresh cookie: 200 with a new session (and cookies); the presented
// refresh token is spent. 401 (EUnauthorized) when the token is missing,
// unknown, expired or revoked, or was already used, in which case every
// session of its family is signed out. A 401 also clears the cookies.
func (a *API) refresh(c echo.Context) error {
	token, err := refreshTokenOf(c)
	if err != nil {
		return err
	}
	noStore(c)
	if token == "" {
		return igfplus.Errorf(igfplus.EUnauthorized, "There is no session to refresh. Please sign in.")
	}
	s, err := a.Accounts.Refresh(c.Request().Context(), token)
	if err != nil {
		if igfplus.ErrorCode(err) == igfplus.EUnauthorized {
			ClearSessionCookies(c, a.SecureCookies)
		}
		return err
	}
	return a.answerSession(c, s)
}
