package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// registerRequest is the body of POST /auth/register. email, password (10
// to 256 characters), display_name (1 to 100), stakeholder_group and region
// are required; the rest is optional and self-described.
type registerRequest struct {
	Email              string `json:"email"`
	Password           string `json:"password"`
	DisplayName        string `json:"display_name"`
	StakeholderGroup   string `json:"stakeholder_group"`
	Region             string `json:"region"`
	Country            string `json:"country"`
	Gender             string `json:"gender"`
	AgeBand            string `json:"age_band"`
	FirstTime          *bool  `json:"first_time"`
	ShowNameInPresence *bool  `json:"show_name_in_presence"`
	Locale             string `json:"locale"`
}

// register handles POST /auth/register: it creates an account and signs it
// in. 201 with a session (and the session cookies); 400 (EInvalid) listing
// every problem with the input; 409 (EConflict) when the email is taken.
func (a *API) register(c echo.Context) error {
	var req registerRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	if err := a.Throttle.Check(c, req.Email); err != nil {
		return err
	}
	s, err := a.Accounts.Register(c.Request().Context(), accounts.RegisterInput{
		Email:              req.Email,
		Password:           req.Password,
		DisplayName:        req.DisplayName,
		StakeholderGroup:   igfplus.StakeholderGroup(req.StakeholderGroup),
		Region:             igfplus.Region(req.Region),
		Country:            req.Country,
		Gender:             req.Gender,
		AgeBand:            accounts.AgeBand(req.AgeBand),
		FirstTime:          req.FirstTime,
		ShowNameInPresence: req.ShowNameInPresence,
		Locale:             req.Locale,
	})
	if err != nil {
		return err
	}
	SetSessionCookies(c, *s, a.SecureCookies)
	noStore(c)
	return c.JSON(http.StatusCreated, newSessionJSON(s))
}
