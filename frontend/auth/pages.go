package auth

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// PageMiddleware is Middleware for the HTML pages: a browser whose access
// cookie no longer works (its session was signed out elsewhere, its roles
// changed) is treated as signed out, and the dead cookie is dropped, instead
// of being shown an error page. The pages then send it through
// /api/auth/resume, which renews the cookie from the refresh token when it
// can. A bad Authorization header is still refused: only scripts send one.
func (a *Authenticator) PageMiddleware(secure bool) echo.MiddlewareFunc {
	return a.identifying(func(c echo.Context, err error) error {
		if igfplus.ErrorCode(err) != igfplus.EUnauthorized || c.Request().Header.Get(echo.HeaderAuthorization) != "" {
			return err
		}
		clearAccessCookie(c, secure)
		return nil
	})
}
