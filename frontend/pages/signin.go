package pages

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

type signinData struct {
	Email, Next, Error string
}

// signinForm: GET /signin — the sign-in form. Someone already signed in
// goes straight on.
func (p *Pages) signinForm(c echo.Context) error {
	if !p.identity(c).Anonymous() {
		return seeOther(c, nextOf(c))
	}
	v := p.view(c, "/signin")
	v.Data = &signinData{Next: nextOf(c)}
	return p.render(c, http.StatusOK, "signin", v)
}

// signin: POST /signin — checks the credentials and goes on to next. A
// refusal comes back next to the form, with the email kept.
func (p *Pages) signin(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	next := nextOf(c)
	err := p.deps.Accounts.SignIn(c, email, c.FormValue("password"))
	code := igfplus.ErrorCode(err)
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
	default:
		return err
	}
	v := p.view(c, "/signin")
	msg, err := v.T(key)
	if err != nil {
		return err
	}
	v.Data = &signinData{Email: email, Next: next, Error: msg}
	status := http.StatusUnprocessableEntity
	if code == igfplus.ERateLimited || code == igfplus.EForbidden {
		status = statusOf(code)
	}
	return p.render(c, status, "signin", v)
}
