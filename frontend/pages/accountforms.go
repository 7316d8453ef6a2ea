package pages

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/oidclogin"
	"github.com/igfplus/igfplus/tracks/accounts/passkey"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// AccountForms carries out the sign-in, registration and sign-out forms
// with the accounts service, handing the session to the browser as cookies
// (the forms' counterpart of auth.API, which does the same for the JSON
// API): the Accounts the serve command gives the pages.
type AccountForms struct {
	Accounts *accounts.Service
	Throttle *auth.Throttle
	Auth     *auth.Authenticator
	Secure   bool // the cookies are Secure (the public URL is https)
	// SSO runs sign-ins through identity providers (nil: none), keeping
	// newcomers in Flows; Passkeys registers passkeys and signs in with
	// them.
	SSO      *oidclogin.Login
	Flows    accounts.Flows
	Passkeys *passkey.Passkeys
}

var _ Accounts = (*AccountForms)(nil)

func (p *AccountForms) SignIn(c echo.Context, email, password string) error {
	var s *accounts.Session
	err := p.Throttle.SignIn(c, email, func() (err error) {
		s, err = p.Accounts.SignIn(c.Request().Context(), email, password)
		return err
	})
	if err != nil {
		return err
	}
	auth.SetSessionCookies(c, *s, p.Secure)
	return nil
}

func (p *AccountForms) Register(c echo.Context, f RegisterForm) error {
	if err := p.Throttle.Client(c); err != nil {
		return err
	}
	in := accounts.RegisterInput{
		Email:            f.Email,
		Password:         f.Password,
		DisplayName:      f.DisplayName,
		StakeholderGroup: igfplus.StakeholderGroup(f.StakeholderGroup),
		Region:           igfplus.Region(f.Region),
		Country:          f.Country,
		Gender:           f.Gender,
		AgeBand:          accounts.AgeBand(f.AgeBand),
		Locale:           f.Locale,
	}
	if f.FirstTime {
		in.FirstTime = &f.FirstTime
	}
	return p.Accounts.Register(c.Request().Context(), in)
}

func (p *AccountForms) SignOut(c echo.Context) error {
	token := auth.RefreshTokenCookie(c)
	if token != "" {
		if err := p.Accounts.SignOut(c.Request().Context(), token); err != nil {
			return err
		}
	}
	if who := auth.IdentityOf(c); !who.Anonymous() {
		if token == "" { // the access cookie alone still names its session
			if err := p.Accounts.EndSession(c.Request().Context(), who); err != nil {
				return err
			}
		}
		p.Auth.Forget(who.AccountID)
	}
	auth.ClearSessionCookies(c, p.Secure)
	return nil
}
