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
	Email    string `json:"email"`
	Password string `json:"password"`
	personJSON
	ShowNameInPresence *bool  `json:"show_name_in_presence"`
	Locale             string `json:"locale"`
}

// registeredJSON is the one answer to an accepted registration.
type registeredJSON struct {
	Message string `json:"message"`
}

// registered is that answer's message: the same whether the e-mail address
// was new (the account now exists) or already had an account (nothing was
// changed), so that registration tells nobody who has an account.
const registered = "Thank you. Sign in with this e-mail address and your password to continue."

// register handles POST /auth/register: it creates an account, unless the
// e-mail address already has one. 202 {message} either way, without a
// session: the person signs in next. 422 (EInvalid) listing every problem
// with the input; 429 and 503 as for sign-in.
func (a *API) register(c echo.Context) error {
	var req registerRequest
	if err := a.decodeThrottled(c, &req); err != nil {
		return err
	}
	err := a.Accounts.Register(c.Request().Context(), accounts.RegisterInput{
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
	return c.JSON(http.StatusAccepted, registeredJSON{Message: registered})
}
