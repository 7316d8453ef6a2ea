package pages

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

type signinData struct {
	Email, Next, Error string
	// Registered: the form follows a registration, and thanks for it.
	Registered bool
}

// signinForm: GET /signin — the sign-in form. Someone already signed in
// goes straight on.
func (p *Pages) signinForm(c echo.Context) error {
	if !p.identity(c).Anonymous() {
		return seeOther(c, nextOf(c))
	}
	v := p.view(c, "/signin")
	v.Data = &signinData{Next: nextOf(c), Registered: c.QueryParam("registered") == "1"}
	return p.render(c, http.StatusOK, "signin", v)
}

// signin: POST /signin — checks the credentials and goes on to next. A
// refusal comes back next to the form, with the email kept.
func (p *Pages) signin(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	next := nextOf(c)
	signErr := p.deps.Accounts.SignIn(c, email, c.FormValue("password"))
	code := igfplus.ErrorCode(signErr)
	var key string
	switch code {
	case "":
		return seeOther(c, next)
	case igfplus.EUnauthorized, igfplus.EInvalid, igfplus.ENotFound:
		key = "signin.error.credentials"
	case igfplus.ERateLimited:
		key = "signin.error.rate_limited"
	case igfplus.EForbidden:
		key = "signin.error.forbidden"
	case igfplus.EUnavailable:
		key = "signin.error.unavailable"
	default:
		return signErr
	}
	v := p.view(c, "/signin")
	msg, err := v.T(key)
	if err != nil {
		return err
	}
	v.Data = &signinData{Email: email, Next: next, Error: msg}
	status := http.StatusUnprocessableEntity
	if code == igfplus.ERateLimited || code == igfplus.EForbidden || code == igfplus.EUnavailable {
		status = statusOf(code)
		web.SetRetryAfter(c, signErr)
	}
	return p.render(c, status, "signin", v)
}
