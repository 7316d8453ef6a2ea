package pages

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/auth"
)

var _ AccountCare = (*AccountForms)(nil)

// ChangePassword implements AccountCare: within sign-in's budgets; the
// browser keeps its session, with new cookies.
func (p *AccountForms) ChangePassword(c echo.Context, current, next string) error {
	who := auth.IdentityOf(c)
	err := p.Throttle.Proof(c, who.AccountID, func() error {
		return p.Accounts.ChangePassword(c.Request().Context(), who, current, next)
	})
	if err != nil {
		return err
	}
	return auth.RenewCookies(c, p.Accounts, p.Auth, p.Secure)
}

// ChangeEmail implements AccountCare, within sign-in's budgets.
func (p *AccountForms) ChangeEmail(c echo.Context, password, email string) error {
	id := auth.IdentityOf(c).AccountID
	return p.Throttle.Proof(c, id, func() error {
		return p.Accounts.RequestEmailChange(c.Request().Context(), id, password, email)
	})
}

// ConfirmEmailChange implements AccountCare.
func (p *AccountForms) ConfirmEmailChange(c echo.Context, token string) error {
	return p.Accounts.ChangeEmail(c.Request().Context(), token)
}

// Export implements AccountCare.
func (p *AccountForms) Export(c echo.Context) error {
	return auth.WriteExport(c, p.Accounts, auth.IdentityOf(c).AccountID)
}

// DeleteAccount implements AccountCare: within sign-in's budgets; this
// browser's cookies are cleared.
func (p *AccountForms) DeleteAccount(c echo.Context, password string) error {
	id := auth.IdentityOf(c).AccountID
	err := p.Throttle.Proof(c, id, func() error {
		return p.Accounts.Delete(c.Request().Context(), id, password)
	})
	if err != nil {
		return err
	}
	p.Auth.Forget(id)
	auth.ClearSessionCookies(c, p.Secure)
	return nil
}
