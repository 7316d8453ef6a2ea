package auth

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
)

// PageMiddleware is Middleware for the HTML pages: a browser whose access
// cookie no longer works (its session was signed out elsewhere, its roles
// changed) is treated as signed out, and the dead cookie is dropped, instead
// of being shown an error page. The pages then send it through
// /api/auth/resume, which renews the cookie from the refresh token when it
// can. A bad Authorization header is still refused: only scripts send one.
func (a *Authenticator) PageMiddleware(secure bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if _, done := c.Get(identityKey).(tracks.Identity); done {
				return next(c)
			}
			who, err := a.Identify(c.Request())
			if err != nil {
				if tracks.ErrorCode(err) != tracks.EUnauthorized || c.Request().Header.Get(echo.HeaderAuthorization) != "" {
					return err
				}
				clearAccessCookie(c, secure)
				who = tracks.Identity{}
			}
			c.Set(identityKey, who)
			return next(c)
		}
	}
}
