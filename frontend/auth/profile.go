package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// profileRequest is the body of PATCH /me: every field is optional, and
// one left out stays as it is.
type profileRequest struct {
	DisplayName        *string `json:"display_name"`
	StakeholderGroup   *string `json:"stakeholder_group"`
	Region             *string `json:"region"`
	Country            *string `json:"country"`
	Gender             *string `json:"gender"`
	AgeBand            *string `json:"age_band"`
	ShowNameInPresence *bool   `json:"show_name_in_presence"`
	Locale             *string `json:"locale"`
}

// ProfileInput is the accounts' ProfileInput the request describes.
func (r profileRequest) input() accounts.ProfileInput {
	in := accounts.ProfileInput{DisplayName: r.DisplayName, Country: r.Country, Gender: r.Gender,
		ShowNameInPresence: r.ShowNameInPresence, Locale: r.Locale}
	if r.StakeholderGroup != nil {
		g := igfplus.StakeholderGroup(*r.StakeholderGroup)
		in.StakeholderGroup = &g
	}
	if r.Region != nil {
		g := igfplus.Region(*r.Region)
		in.Region = &g
	}
	if r.AgeBand != nil {
		b := accounts.AgeBand(*r.AgeBand)
		in.AgeBand = &b
	}
	return in
}

// updateMe handles PATCH /me (signed in): it changes the fields given and
// answers 200 with the account; 422 listing every problem. A browser's
// pages follow the saved language from then on. A changed name, group or
// region ends the access tokens already issued: the client refreshes.
func (a *API) updateMe(c echo.Context) error {
	var req profileRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	acc, err := a.Accounts.UpdateProfile(c.Request().Context(), IdentityOf(c).AccountID, req.input())
	if err != nil {
		return err
	}
	if err := RenewCookies(c, a.Accounts, a.Auth, a.SecureCookies); err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, newAccountJSON(acc))
}

// RenewCookies gives a browser whose details just changed a new session in
// its family (RenewCookies does nothing for a client without the refresh
// cookie): its access token names the old details, and a change of name,
// group or region has ended it. The new cookies carry the saved language.
// This node forgets the account's remembered token version first, so that
// it takes the new token at once.
func RenewCookies(c echo.Context, accts *accounts.Service, authn *Authenticator, secure bool) error {
	authn.Forget(IdentityOf(c).AccountID)
	token := RefreshTokenCookie(c)
	if token == "" {
		return nil
	}
	s, err := accts.Refresh(c.Request().Context(), token)
	if err != nil {
		return err
	}
	SetSessionCookies(c, *s, secure)
	return nil
}
