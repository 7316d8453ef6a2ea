package main

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/pages"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// pageAccounts carries out the pages' sign-in, registration and sign-out
// forms with the accounts service, handing the session to the browser as
// cookies. It is wiring: the pages know forms, accounts know sessions.
type pageAccounts struct {
	accounts *accounts.Service
	throttle *auth.Throttle
	auth     *auth.Authenticator
	secure   bool
}

var _ pages.Accounts = (*pageAccounts)(nil)

func (p *pageAccounts) SignIn(c echo.Context, email, password string) error {
	if err := p.throttle.Check(c, email); err != nil {
		return err
	}
	s, err := p.accounts.SignIn(c.Request().Context(), email, password)
	if err != nil {
		return err
	}
	auth.SetSessionCookies(c, *s, p.secure)
	return nil
}

func (p *pageAccounts) Register(c echo.Context, f pages.RegisterForm) error {
	if err := p.throttle.Check(c, f.Email); err != nil {
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
	}
	if f.FirstTime {
		in.FirstTime = &f.FirstTime
	}
	s, err := p.accounts.Register(c.Request().Context(), in)
	if err != nil {
		return err
	}
	auth.SetSessionCookies(c, *s, p.secure)
	return nil
}

func (p *pageAccounts) SignOut(c echo.Context) error {
	if token := auth.RefreshTokenCookie(c); token != "" {
		if err := p.accounts.SignOut(c.Request().Context(), token); err != nil {
			return err
		}
	}
	if who := auth.IdentityOf(c); !who.Anonymous() {
		p.auth.Forget(who.AccountID)
	}
	auth.ClearSessionCookies(c, p.secure)
	return nil
}
