package pages

import (
	"github.com/labstack/echo/v4"
)

// signout: POST /signout — ends the session and returns to the programme.
func (p *Pages) signout(c echo.Context) error {
	if err := p.deps.Accounts.SignOut(c); err != nil {
		return err
	}
	return seeOther(c, "/")
}
