package auth

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// identityKey is where Middleware keeps the Identity in the echo.Context.
const identityKey = "igfplus.identity"

var errSignInRequired = igfplus.Errorf(igfplus.EUnauthorized, "Please sign in.")

// Middleware identifies every request (see Identify) and keeps the Identity
// for IdentityOf. A request carrying a bad token fails with EUnauthorized
// even where anonymous access would do: the client should learn that its
// token is no longer good. Running it twice on one request is harmless: the
// second run keeps the first's result.
func (a *Authenticator) Middleware() echo.MiddlewareFunc {
	return a.identifying(func(_ echo.Context, err error) error { return err })
}

// identifying is the body of Middleware and PageMiddleware: onError decides
// what a failed identification does (nil: go on, anonymous).
func (a *Authenticator) identifying(onError func(echo.Context, error) error) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if _, done := c.Get(identityKey).(igfplus.Identity); done {
				return next(c)
			}
			who, err := a.Identify(c.Request())
			if err != nil {
				if err := onError(c, err); err != nil {
					return err
				}
				who = igfplus.Identity{}
			}
			c.Set(identityKey, who)
			return next(c)
		}
	}
}

// IdentityOf returns the Identity that Middleware established, or the
// anonymous Identity when it did not run.
func IdentityOf(c echo.Context) igfplus.Identity {
	who, _ := c.Get(identityKey).(igfplus.Identity)
	return who
}

// RequireSignedIn refuses anonymous requests with EUnauthorized. It goes
// after Middleware.
func RequireSignedIn() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if IdentityOf(c).Anonymous() {
				return errSignInRequired
			}
			return next(c)
		}
	}
}

// RequireRole refuses anonymous requests with EUnauthorized, and those of
// participants holding none of roles with EForbidden. It goes after
// Middleware.
func RequireRole(roles ...igfplus.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			who := IdentityOf(c)
			if who.Anonymous() {
				return errSignInRequired
			}
			if !who.HasAny(roles...) {
				return igfplus.Errorf(igfplus.EForbidden, "You do not have a role that may do this.")
			}
			return next(c)
		}
	}
}
