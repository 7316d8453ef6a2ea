package pages

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/auth"
)

var _ SelfService = (*AccountForms)(nil)

// RequestPasswordReset implements SelfService: every ask spends from the
// client's budget, as a registration does, so the form cannot be used to
// flood someone's inbox.
func (p *AccountForms) RequestPasswordReset(c echo.Context, email string) error {
	if err := p.Throttle.Client(c); err != nil {
		return err
	}
	return p.Accounts.RequestPasswordReset(c.Request().Context(), email)
}

// ResetPassword implements SelfService. The browser's own session, if
// any, ends with the others: its cookies are cleared.
func (p *AccountForms) ResetPassword(c echo.Context, token, password string) error {
	if err := p.Throttle.Client(c); err != nil {
		return err
	}
	if err := p.Accounts.ResetPassword(c.Request().Context(), token, password); err != nil {
		return err
	}
	auth.ClearSessionCookies(c, p.Secure)
	return nil
}

// VerifyEmail implements SelfService.
func (p *AccountForms) VerifyEmail(c echo.Context, token string) error {
	return p.Accounts.VerifyEmail(c.Request().Context(), token)
}
