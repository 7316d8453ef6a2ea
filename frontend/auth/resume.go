package auth

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/accounts"
)

// racedWait is how long a tab that lost a renewal race to another tab of
// the same browser waits before going back to its page, so that the
// winner's new cookies have landed when it asks again.
const racedWait = 300 * time.Millisecond

// SafeNext returns next when it is a path on this site ("/…", not "//…" nor
// "/\…", which browsers treat as another host), and "/" otherwise, so that
// no redirect can be turned to another site. Control characters are refused
// anywhere: browsers silently drop tabs and newlines from URLs, so "/\t/x"
// would arrive as "//x".
func SafeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsFunc(next, unicode.IsControl) {
		return "/"
	}
	return next
}

// resume handles GET /auth/resume?next=/path: the way back into a page for
// a browser whose short-lived access cookie has expired. Pages that need a
// signed-in person send such a browser here: with a good
// refresh token it is rotated and the browser returns to next, signed in
// (303); otherwise it goes on to the sign-in page with next kept. The
// refresh cookie is SameSite=Strict, so a cross-site link cannot make a
// browser rotate its token.
func (a *API) resume(c echo.Context) error {
	next := SafeNext(c.QueryParam("next"))
	noStore(c)
	signIn := "/signin?next=" + url.QueryEscape(next)
	ck, err := c.Cookie(refreshCookie)
	if err != nil || ck.Value == "" {
		return c.Redirect(http.StatusSeeOther, signIn)
	}
	s, err := a.Accounts.Refresh(c.Request().Context(), ck.Value)
	if errors.Is(err, accounts.ErrRefreshRaced) {
		// Several tabs woke at once (a laptop opened): one renewed the
		// session, and its cookies are on their way to this browser.
		select {
		case <-time.After(racedWait):
		case <-c.Request().Context().Done():
		}
		return c.Redirect(http.StatusSeeOther, next)
	}
	if err != nil {
		ClearSessionCookies(c, a.SecureCookies)
		return c.Redirect(http.StatusSeeOther, signIn)
	}
	SetSessionCookies(c, *s, a.SecureCookies)
	return c.Redirect(http.StatusSeeOther, next)
}
