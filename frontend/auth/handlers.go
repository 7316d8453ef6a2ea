package auth

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/passkey"
	"github.com/igfplus/igfplus/tracks/notify"
)

// API is the JSON API for accounts and sessions. Every answer carrying a
// session also sets the session cookies, so that browsers need not handle
// tokens at all; other clients use the tokens in the body.
type API struct {
	Accounts *accounts.Service
	Auth     *Authenticator
	// Throttle limits sign-in and registration attempts; nil: no limit.
	Throttle *Throttle
	// Passkeys registers passkeys and signs in with them; nil leaves
	// their routes out.
	Passkeys *passkey.Passkeys
	// Notifications keeps the choices of notifications by e-mail; nil
	// leaves /me/notifications out.
	Notifications *notify.Service
	// SecureCookies marks the session cookies HTTPS-only. Set it everywhere
	// but plain-HTTP local runs.
	SecureCookies bool
}

// Routes registers the API under g, which is mounted at /api.
//
//	POST /auth/register            register (alike if taken)    202 message
//	POST /auth/signin              sign in with email, password 200 session
//	POST /auth/refresh             rotate the refresh token     200 session
//	GET  /auth/resume?next=/path   browsers: refresh, go back   303
//	POST /auth/signout             end the session named        204
//	POST /auth/signout-everywhere  end every session (signed in) 204
//	POST /auth/password-reset      mail a reset link            202 (any address)
//	POST /auth/password-reset/confirm  new password by the link 204
//	POST /auth/verify-email        confirm the address by link  204
//	GET  /me                       the signed-in account        200 account
//	PATCH /me                      edit one's own details       200 account
//	POST /me/email-verification    mail the address's link again 202
//	POST /me/password              change the password         204
//	POST /me/email                 mail a link to a new address 202
//	POST /auth/email-change/confirm  move to the new address   204
//	GET  /me/export                everything held, as JSON     200
//	DELETE /me                     delete the account          204
//	GET, PUT /me/notifications     one's notification choices  200
//	(and the passkeys' ceremonies: see passkeyRoutes)
//
// Each handler's comment gives its request and answer. Errors are domain
// errors (EInvalid, EConflict, EUnauthorized...) for the error handler.
func (a *API) Routes(g *echo.Group) {
	signedIn := []echo.MiddlewareFunc{a.Auth.Middleware(), RequireSignedIn()}
	g.POST("/auth/register", a.register)
	g.POST("/auth/signin", a.signIn)
	g.POST("/auth/refresh", a.refresh)
	g.GET("/auth/resume", a.resume)
	g.POST("/auth/signout", a.signOut)
	g.POST("/auth/signout-everywhere", a.signOutEverywhere, signedIn...)
	g.POST("/auth/password-reset", a.passwordReset)
	g.POST("/auth/password-reset/confirm", a.confirmPasswordReset)
	g.POST("/auth/verify-email", a.verifyEmail)
	g.GET("/me", a.me, signedIn...)
	g.PATCH("/me", a.updateMe, signedIn...)
	g.POST("/me/email-verification", a.sendVerification, signedIn...)
	g.POST("/me/password", a.changePassword, signedIn...)
	g.POST("/me/email", a.changeEmail, signedIn...)
	g.POST("/auth/email-change/confirm", a.confirmEmailChange)
	g.GET("/me/export", a.exportMe, signedIn...)
	g.DELETE("/me", a.deleteMe, signedIn...)
	if a.Passkeys != nil {
		a.passkeyRoutes(g, signedIn)
	}
	if a.Notifications != nil {
		a.notificationsRoutes(g, signedIn)
	}
}
