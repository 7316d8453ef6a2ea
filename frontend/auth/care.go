package auth

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// passwordChange is the body of POST /me/password.
type passwordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// changePassword handles POST /me/password {"current_password",
// "new_password"} (signed in): 204, every other session ended; this
// browser's cookies are renewed (other clients refresh: the access token
// they hold has ended). 403 for a wrong current password, 422 for a short
// new one, 429 past the budgets.
func (a *API) changePassword(c echo.Context) error {
	var req passwordChange
	err := a.proven(c, &req, func(ctx context.Context, who igfplus.Identity) error {
		return a.Accounts.ChangePassword(ctx, who, req.CurrentPassword, req.NewPassword)
	})
	if err != nil {
		return err
	}
	if err := RenewCookies(c, a.Accounts, a.Auth, a.SecureCookies); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// emailChange is the body of POST /me/email.
type emailChange struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// emailChangeAsked is the one answer to a change of address asked: the
// same whether or not the new address has an account.
const emailChangeAsked = "A link confirming the change has been sent to the new address; the address changes when it is followed. Your current address has been told."

// changeEmail handles POST /me/email {"email", "password"} (signed in):
// mails the new address a link that moves the account to it, and the
// current address a notice. 202 {message} alike whether or not the new
// address has an account; 403 for a wrong password; 422 for a malformed
// address; 429 past the budgets.
func (a *API) changeEmail(c echo.Context) error {
	var req emailChange
	err := a.proven(c, &req, func(ctx context.Context, who igfplus.Identity) error {
		return a.Accounts.RequestEmailChange(ctx, who.AccountID, req.Password, req.Email)
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, registeredJSON{Message: emailChangeAsked})
}

// confirmEmailChange handles POST /auth/email-change/confirm {"token"}:
// moves the account to the address the link was mailed to. 204; 422 for a
// link that is unknown, used or expired; 409 when the address was taken
// meanwhile. No session is needed: the link may be opened elsewhere.
func (a *API) confirmEmailChange(c echo.Context) error {
	var req tokenRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	if err := a.Accounts.ChangeEmail(c.Request().Context(), req.Token); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// exportMe handles GET /me/export (signed in): 200, a JSON document of
// everything the platform holds about the caller, as a download.
func (a *API) exportMe(c echo.Context) error {
	return WriteExport(c, a.Accounts, IdentityOf(c).AccountID)
}

// WriteExport answers with the export of the account with id as a JSON
// download: the API's GET /me/export and the profile page's link.
func WriteExport(c echo.Context, accts *accounts.Service, id int64) error {
	data, err := accts.Export(c.Request().Context(), id)
	if err != nil {
		return err
	}
	noStore(c)
	now := time.Now().UTC()
	name := "igfplus-account-" + strconv.FormatInt(id, 10) + "-" + now.Format("2006-01-02") + ".json"
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.JSON(http.StatusOK, exportJSON{Format: exportFormat, Exported: now, Data: data, NotIncluded: notExported})
}

// deleteRequest is the body of DELETE /me.
type deleteRequest struct {
	Password string `json:"password"`
}

// deleteMe handles DELETE /me {"password"} (signed in): deletes the
// account (docs/SECURITY.md ("Deleting an account") says what is erased and what is kept,
// pseudonymised), ends its every session and clears this browser's
// cookies. 204; 403 for a wrong password; 429 past the budgets.
func (a *API) deleteMe(c echo.Context) error {
	var req deleteRequest
	err := a.proven(c, &req, func(ctx context.Context, who igfplus.Identity) error {
		return a.Accounts.Delete(ctx, who.AccountID, req.Password)
	})
	if err != nil {
		return err
	}
	a.Auth.Forget(IdentityOf(c).AccountID)
	ClearSessionCookies(c, a.SecureCookies)
	return c.NoContent(http.StatusNoContent)
}
