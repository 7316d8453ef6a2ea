package pages

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ Profiles = (*AccountForms)(nil)

// Profile implements Profiles.
func (p *AccountForms) Profile(c echo.Context) (ProfileForm, error) {
	a, err := p.Accounts.Get(c.Request().Context(), auth.IdentityOf(c).AccountID)
	if err != nil {
		return ProfileForm{}, err
	}
	return ProfileForm{Email: a.Email, DisplayName: a.DisplayName, StakeholderGroup: string(a.StakeholderGroup),
		Region: string(a.Region), Country: a.Country, Locale: a.Locale, ShowNameInPresence: a.ShowNameInPresence,
		Verified: a.EmailVerifiedAt != nil}, nil
}

// SaveProfile implements Profiles. A changed name, group or region ends
// the access token the browser holds, so the browser gets a new session
// in its family at once, whose cookies carry the saved language too.
func (p *AccountForms) SaveProfile(c echo.Context, f ProfileForm) error {
	group, region := igfplus.StakeholderGroup(f.StakeholderGroup), igfplus.Region(f.Region)
	_, err := p.Accounts.UpdateProfile(c.Request().Context(), auth.IdentityOf(c).AccountID, accounts.ProfileInput{
		DisplayName: &f.DisplayName, StakeholderGroup: &group, Region: &region, Country: &f.Country,
		Locale: &f.Locale, ShowNameInPresence: &f.ShowNameInPresence,
	})
	if err != nil {
		return err
	}
	return auth.RenewCookies(c, p.Accounts, p.Auth, p.Secure)
}

// SendVerification implements Profiles, within the client's budget.
func (p *AccountForms) SendVerification(c echo.Context) error {
	if err := p.Throttle.Client(c); err != nil {
		return err
	}
	return p.Accounts.SendVerification(c.Request().Context(), auth.IdentityOf(c).AccountID)
}
