package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// me handles GET /me (signed in): 200 with the account; 401 when anonymous.
func (a *API) me(c echo.Context) error {
	acc, err := a.Accounts.Get(c.Request().Context(), IdentityOf(c).AccountID)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, newAccountJSON(acc))
}
