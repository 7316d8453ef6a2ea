package pages

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

type signinData struct {
	Email, Next, Error string
	// Providers are the identity providers offered (none: no buttons);
	// Passkeys, the relying party id when passkeys are offered (to
	// browsers with JavaScript on a page of that host).
	Providers []SSOProvider
	Passkeys  string
	// Strings are the passkey script's messages.
	Strings map[string]string
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
	d, err := p.signinData(v, nextOf(c))
	if err != nil {
		return err
	}
	d.Registered = c.QueryParam("registered") == "1"
	v.Data = d
	return p.render(c, http.StatusOK, "signin", v)
}

// signin: POST /signin — checks the credentials and goes on to next. A
// refusal comes back next to the form, with the email kept.
func (p *Pages) signin(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	next := nextOf(c)
	signErr := p.deps.Accounts.SignIn(c, email, c.FormValue("password"))
	if signErr != nil {
		return p.signinRefused(c, email, next, signErr)
	}
	return seeOther(c, next)
}

// signinData is the sign-in page's data with the ways in besides the
// password that this installation offers.
func (p *Pages) signinData(v *view, next string) (*signinData, error) {
	d := &signinData{Next: next}
	if p.deps.SSO != nil {
		d.Providers = p.deps.SSO.SSOProviders()
	}
	if p.deps.Passkeys != nil {
		d.Passkeys = p.deps.Passkeys.PasskeyRPID()
		var err error
		if d.Strings, err = v.loc.Strings(passkeyClientPrefix); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// passkeyClientPrefix names the strings passkey.js says.
const passkeyClientPrefix = "client.passkey."
