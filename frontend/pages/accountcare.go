package pages

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// AccountCare carries out the changes a signed-in person makes to their
// account that their password must prove, the download of their data,
// and the page of the link confirming a new address.
type AccountCare interface {
	// ChangePassword sets next when current is the password; every other
	// session ends, the browser's goes on.
	ChangePassword(c echo.Context, current, next string) error
	// ChangeEmail mails email a link moving the account to it, and the
	// current address a notice (alike when email has an account).
	ChangeEmail(c echo.Context, password, email string) error
	// ConfirmEmailChange moves the account to the address the link's
	// token was mailed to.
	ConfirmEmailChange(c echo.Context, token string) error
	// Export answers with everything held about the person, as a JSON
	// download.
	Export(c echo.Context) error
	// DeleteAccount deletes the account when password is its password,
	// and signs the browser out.
	DeleteAccount(c echo.Context, password string) error
}

// careData is the state of the account pages: Step is "password",
// "email", "email-sent", "delete" or "deleted".
type careData struct {
	Step  string
	Email string
	formProblems
}

// careRoutes mounts the account pages.
func (p *Pages) careRoutes(g *echo.Group) {
	g.GET("/profile/password", p.careForm("password"))
	g.POST("/profile/password", p.changePassword)
	g.GET("/profile/email", p.careForm("email"))
	g.POST("/profile/email", p.changeEmail)
	g.GET("/profile/export", p.exportData)
	g.GET("/profile/delete", p.careForm("delete"))
	g.POST("/profile/delete", p.deleteAccount)
	g.GET("/account-deleted", p.accountDeleted)
	g.GET("/email-change", p.emailChangeForm)
	g.POST("/email-change", p.confirmEmailChange)
}

// signedOut sends an anonymous visitor of here to sign in first.
func (p *Pages) signedOut(c echo.Context, here string) (bool, error) {
	if !p.identity(c).Anonymous() {
		return false, nil
	}
	return true, seeOther(c, "/signin?next="+strings.ReplaceAll(here, "/", "%2F"))
}

func (p *Pages) renderCare(c echo.Context, status int, d *careData) error {
	v := p.view(c, "/profile")
	v.Data = d
	return p.render(c, status, "care", v)
}

// careForm: GET /profile/password, /profile/email, /profile/delete.
func (p *Pages) careForm(step string) echo.HandlerFunc {
	return func(c echo.Context) error {
		if out, err := p.signedOut(c, "/profile/"+step); out {
			return err
		}
		return p.renderCare(c, http.StatusOK, &careData{Step: step})
	}
}

// changePassword: POST /profile/password — back to the profile saying so,
// or the form with its problems.
func (p *Pages) changePassword(c echo.Context) error {
	if out, err := p.signedOut(c, "/profile/password"); out {
		return err
	}
	d := &careData{Step: "password"}
	next := c.FormValue("new_password")
	if n := utf8.RuneCountInString(next); n < 10 || n > 256 {
		return p.careProblem(c, d, "new-password", "reset.error.password", nil)
	}
	err := p.deps.Care.ChangePassword(c, c.FormValue("current_password"), next)
	if err == nil {
		return seeOther(c, "/profile?password=1")
	}
	return p.careFailed(c, d, "current-password", err)
}

// changeEmail: POST /profile/email — says where the link went.
func (p *Pages) changeEmail(c echo.Context) error {
	if out, err := p.signedOut(c, "/profile/email"); out {
		return err
	}
	d := &careData{Step: "email", Email: strings.TrimSpace(c.FormValue("email"))}
	if at := strings.LastIndexByte(d.Email, '@'); at < 1 || at == len(d.Email)-1 || len(d.Email) > 254 {
		return p.careProblem(c, d, "new-email", "reset.error.email", nil)
	}
	err := p.deps.Care.ChangeEmail(c, c.FormValue("password"), d.Email)
	if err == nil {
		return p.renderCare(c, http.StatusOK, &careData{Step: "email-sent", Email: d.Email})
	}
	if igfplus.ErrorCode(err) == igfplus.EInvalid {
		return p.careProblem(c, d, "new-email", "care.error.email", nil)
	}
	return p.careFailed(c, d, "password", err)
}

// exportData: GET /profile/export — the download of one's data.
func (p *Pages) exportData(c echo.Context) error {
	if out, err := p.signedOut(c, "/profile"); out {
		return err
	}
	return p.deps.Care.Export(c)
}

// deleteAccount: POST /profile/delete — deletes and says so.
func (p *Pages) deleteAccount(c echo.Context) error {
	if out, err := p.signedOut(c, "/profile/delete"); out {
		return err
	}
	d := &careData{Step: "delete"}
	if c.FormValue("confirm") == "" {
		return p.careProblem(c, d, "confirm", "care.error.confirm", nil)
	}
	if err := p.deps.Care.DeleteAccount(c, c.FormValue("password")); err != nil {
		return p.careFailed(c, d, "password", err)
	}
	return seeOther(c, "/account-deleted")
}

// accountDeleted: GET /account-deleted — the page after a deletion.
func (p *Pages) accountDeleted(c echo.Context) error {
	return p.renderCare(c, http.StatusOK, &careData{Step: "deleted"})
}

// careFailed shows the form again for the failure err: a wrong password
// beside field, the budgets' refusal as the form's problem.
func (p *Pages) careFailed(c echo.Context, d *careData, field string, err error) error {
	switch code := igfplus.ErrorCode(err); code {
	case igfplus.EForbidden:
		return p.careProblem(c, d, field, "care.error.wrong_password", nil)
	case igfplus.EInvalid:
		return p.careProblem(c, d, "new-password", "reset.error.password", nil)
	case igfplus.ERateLimited, igfplus.EUnavailable:
		return p.careProblem(c, d, "", "register.error."+string(code), err)
	}
	return err
}

// careProblem shows the form again with the message key beside field
// ("" for the form as a whole).
func (p *Pages) careProblem(c echo.Context, d *careData, field, key string, cause error) error {
	status, err := p.addProblem(c, &d.formProblems, "/profile", field, key, cause)
	if err != nil {
		return err
	}
	return p.renderCare(c, status, d)
}

// emailChangeForm: GET /email-change?token= — a button that moves the
// account (opening the link alone changes nothing: mail scanners open
// links).
func (p *Pages) emailChangeForm(c echo.Context) error {
	return p.renderSelfService(c, http.StatusOK, "/email-change", &selfServiceData{Step: "change", Token: c.QueryParam("token")})
}

// confirmEmailChange: POST /email-change — moves the account.
func (p *Pages) confirmEmailChange(c echo.Context) error {
	err := p.deps.Care.ConfirmEmailChange(c, c.FormValue("token"))
	if igfplus.ErrorCode(err) == igfplus.EConflict { // the address has an account now
		return p.renderSelfService(c, http.StatusConflict, "/email-change", &selfServiceData{Step: "taken"})
	}
	return p.linkOutcome(c, "/email-change", "changed", err)
}
