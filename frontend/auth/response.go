package auth

import (
	"net/http"
	"time"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/labstack/echo/v4"
)

// sessionJSON is the answer carrying a session.
type sessionJSON struct {
	AccessToken      string      `json:"access_token"`
	TokenType        string      `json:"token_type"` // always "Bearer"
	ExpiresAt        time.Time   `json:"expires_at"`
	RefreshToken     string      `json:"refresh_token"`
	RefreshExpiresAt time.Time   `json:"refresh_expires_at"`
	Account          accountJSON `json:"account"`
}

func newSessionJSON(s *accounts.Session) sessionJSON {
	return sessionJSON{
		AccessToken:      s.AccessToken,
		TokenType:        "Bearer",
		ExpiresAt:        s.AccessExpires.UTC(),
		RefreshToken:     s.RefreshToken,
		RefreshExpiresAt: s.RefreshExpires.UTC(),
		Account:          newAccountJSON(s.Account),
	}
}

// personJSON is how a person describes themselves: in the registration
// they send and in the account they read back.
type personJSON struct {
	DisplayName      string `json:"display_name"`
	StakeholderGroup string `json:"stakeholder_group"`
	Region           string `json:"region"`
	Country          string `json:"country"`
	Gender           string `json:"gender"`
	AgeBand          string `json:"age_band"`
	FirstTime        *bool  `json:"first_time"`
}

// accountJSON is an account as its owner sees it. The token version is
// internal and left out.
type accountJSON struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	personJSON
	ShowNameInPresence bool       `json:"show_name_in_presence"`
	Locale             string     `json:"locale"`
	Roles              []string   `json:"roles"`
	CreatedAt          time.Time  `json:"created_at"`
	EmailVerifiedAt    *time.Time `json:"email_verified_at"`
}

func newAccountJSON(a *accounts.Account) accountJSON {
	roles := make([]string, len(a.Roles))
	for i, r := range a.Roles {
		roles[i] = string(r)
	}
	return accountJSON{
		ID:    a.ID,
		Email: a.Email,
		personJSON: personJSON{DisplayName: a.DisplayName, StakeholderGroup: string(a.StakeholderGroup),
			Region: string(a.Region), Country: a.Country, Gender: a.Gender, AgeBand: string(a.AgeBand),
			FirstTime: a.FirstTime},
		ShowNameInPresence: a.ShowNameInPresence,
		Locale:             a.Locale,
		Roles:              roles,
		CreatedAt:          a.CreatedAt.UTC(),
		EmailVerifiedAt:    a.EmailVerifiedAt,
	}
}

// answerSession answers 200 with the session s, and sets its cookies for
// browsers; no cache keeps it.
func (a *API) answerSession(c echo.Context, s *accounts.Session) error {
	SetSessionCookies(c, *s, a.SecureCookies)
	noStore(c)
	return c.JSON(http.StatusOK, newSessionJSON(s))
}
