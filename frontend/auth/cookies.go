package auth

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/tracks/accounts"
)

// The refresh cookie is sent only from our own site (SameSite=Strict),
// which is what makes cookie-based refresh safe from cross-site requests,
// and never to scripts (HttpOnly). Its path is the whole site so that the
// pages' own sign-out form can revoke the session it belongs to.
const (
	refreshCookie     = "igf_refresh"
	refreshCookiePath = "/"
)

// RefreshTokenCookie returns the browser's refresh token, or "".
func RefreshTokenCookie(c echo.Context) string {
	if ck, err := c.Cookie(refreshCookie); err == nil {
		return ck.Value
	}
	return ""
}

// SetSessionCookies hands the session's tokens to a browser as HttpOnly
// cookies, out of reach of scripts. The access cookie (SameSite=Lax, so that
// following a link to the platform arrives signed in) expires with its
// token, so a browser never sends a token the server would refuse. secure
// marks both HTTPS-only: set it everywhere but plain-HTTP local runs.
func SetSessionCookies(c echo.Context, s accounts.Session, secure bool) {
	c.SetCookie(&http.Cookie{
		Name: accessCookie, Value: s.AccessToken, Path: "/",
		Expires: s.AccessExpires, MaxAge: maxAge(s.AccessExpires),
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
	c.SetCookie(&http.Cookie{
		Name: refreshCookie, Value: s.RefreshToken, Path: refreshCookiePath,
		Expires: s.RefreshExpires, MaxAge: maxAge(s.RefreshExpires),
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode,
	})
	if s.Account != nil {
		SetLanguageCookie(c, s.Account.Locale, s.RefreshExpires, secure)
	}
}

// SetLanguageCookie remembers the signed-in person's saved language for
// the pages (i18n.AccountCookie) until expires.
func SetLanguageCookie(c echo.Context, lang string, expires time.Time, secure bool) {
	c.SetCookie(&http.Cookie{
		Name: i18n.AccountCookie, Value: lang, Path: "/", Expires: expires, MaxAge: maxAge(expires),
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}

// ClearSessionCookies tells the browser to drop both session cookies and
// the saved language's.
func ClearSessionCookies(c echo.Context, secure bool) {
	for _, ck := range []struct{ name, path string }{{accessCookie, "/"}, {refreshCookie, refreshCookiePath}, {i18n.AccountCookie, "/"}} {
		c.SetCookie(&http.Cookie{
			Name: ck.name, Value: "", Path: ck.path, Expires: time.Unix(0, 0), MaxAge: -1,
			HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
		})
	}
}

// maxAge is the cookie lifetime until t, in whole seconds, at least one
// (zero would mean "session cookie" and negative "delete now").
func maxAge(t time.Time) int {
	return max(1, int(time.Until(t).Seconds()))
}

// clearAccessCookie drops the access cookie only: the refresh cookie may
// still renew the session.
func clearAccessCookie(c echo.Context, secure bool) {
	c.SetCookie(&http.Cookie{
		Name: accessCookie, Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}
