package auth

import (
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/accounts/passkey"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// passkeyCookie keeps a WebAuthn ceremony's key between its options and
// the browser's answer: HttpOnly, sent to the API only and only from our
// own pages (SameSite=Strict).
const passkeyCookie = "igf_passkey"

// passkeyRoutes registers the passkey ceremonies under g (/api).
//
//	POST /auth/passkey/options  a sign-in's options         200 options
//	POST /auth/passkey          sign in with the answer     200 session
//	POST /me/passkeys/options   a registration's options    200 options
//	POST /me/passkeys           register the answer         204
func (a *API) passkeyRoutes(g *echo.Group, signedIn []echo.MiddlewareFunc) {
	g.POST("/auth/passkey/options", a.passkeySignInOptions)
	g.POST("/auth/passkey", a.passkeySignIn)
	g.POST("/me/passkeys/options", a.passkeyRegisterOptions, signedIn...)
	g.POST("/me/passkeys", a.passkeyRegister, signedIn...)
}

// passkeySignInOptions handles POST /auth/passkey/options: 200 with the
// options of navigator.credentials.get ({publicKey: …}), within the
// client's budget (429 when spent).
func (a *API) passkeySignInOptions(c echo.Context) error {
	if err := a.Throttle.Client(c); err != nil {
		return err
	}
	options, key, err := a.Passkeys.BeginSignIn(c.Request().Context())
	if err != nil {
		return err
	}
	return a.sendCeremony(c, options, key)
}

// passkeySignIn handles POST /auth/passkey with the credential that
// navigator.credentials.get returned (JSON): 200 with a session (and the
// session cookies), as a password sign-in; 401 when it does not verify,
// 404 when the ceremony expired or was used, 422 when it is no credential.
func (a *API) passkeySignIn(c echo.Context) error {
	body, key, err := a.ceremonyAnswer(c)
	if err != nil {
		return err
	}
	s, err := a.Passkeys.FinishSignIn(c.Request().Context(), key, body)
	if err != nil {
		return err
	}
	return a.answerSession(c, s)
}

// passkeyRegisterOptions handles POST /me/passkeys/options (signed in):
// 200 with the options of navigator.credentials.create.
func (a *API) passkeyRegisterOptions(c echo.Context) error {
	options, key, err := a.Passkeys.BeginRegistration(c.Request().Context(), IdentityOf(c).AccountID)
	if err != nil {
		return err
	}
	return a.sendCeremony(c, options, key)
}

// passkeyRegister handles POST /me/passkeys (signed in) with the
// credential navigator.credentials.create returned: 204 once stored.
func (a *API) passkeyRegister(c echo.Context) error {
	body, key, err := a.ceremonyAnswer(c)
	if err != nil {
		return err
	}
	if err := a.Passkeys.FinishRegistration(c.Request().Context(), IdentityOf(c).AccountID, key, body); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// sendCeremony answers a ceremony's options and keeps its key in the
// browser.
func (a *API) sendCeremony(c echo.Context, options []byte, key string) error {
	c.SetCookie(&http.Cookie{Name: passkeyCookie, Value: key, Path: "/api", MaxAge: int(passkey.CeremonyTTL / time.Second),
		HttpOnly: true, Secure: a.SecureCookies, SameSite: http.SameSiteStrictMode})
	noStore(c)
	return c.JSONBlob(http.StatusOK, options)
}

// ceremonyAnswer returns the browser's answer (a JSON body, bounded;
// requiring the JSON content type keeps other sites' forms out) and the
// ceremony's key, which is dropped from the browser: a ceremony is
// answered once.
func (a *API) ceremonyAnswer(c echo.Context) (io.Reader, string, error) {
	if mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType)); mt != echo.MIMEApplicationJSON {
		return nil, "", igfplus.Errorf(igfplus.EInvalid, "Send the request body as JSON, with Content-Type: application/json.")
	}
	key := ""
	if ck, err := c.Cookie(passkeyCookie); err == nil {
		key = ck.Value
	}
	c.SetCookie(&http.Cookie{Name: passkeyCookie, Value: "", Path: "/api", MaxAge: -1,
		HttpOnly: true, Secure: a.SecureCookies, SameSite: http.SameSiteStrictMode})
	return http.MaxBytesReader(c.Response(), c.Request().Body, maxBody), key, nil
}
