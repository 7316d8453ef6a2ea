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
	if RefreshTokenCookie(c) != "" {
		SetLanguageCookie(c, acc.Locale, farFuture(), a.SecureCookies)
	}
	noStore(c)
	return c.JSON(http.StatusOK, newAccountJSON(acc))
}
