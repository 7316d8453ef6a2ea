package pages

import (
	"context"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/mail/folder"
)

// SelfService carries out the forms a person uses without being signed
// in, by the links the platform mails them: a forgotten password and the
// confirmation of an address.
type SelfService interface {
	// RequestPasswordReset mails a reset link if the address has an
	// account, answering alike either way (within the client's budget).
	RequestPasswordReset(c echo.Context, email string) error
	// ResetPassword sets a new password with the link's token and ends
	// every session of the account.
	ResetPassword(c echo.Context, token, password string) error
	// VerifyEmail confirms the address the link's token was sent to.
	VerifyEmail(c echo.Context, token string) error
}

// MailFolder is the folder of mails an installation without SMTP keeps.
type MailFolder interface {
	List(ctx context.Context) ([]folder.Letter, error)
}

// selfServiceData is the state of the reset and verification pages.
type selfServiceData struct {
	// Step is which form or outcome the page shows: "ask", "sent",
	// "confirm", "done", "verify", "verified" or "invalid".
	Step  string
	Email string
	Token string
	formProblems
}

// outcomeView is the argument of the template "outcome": the page a step
// of a mailed link or of an account change ends on. Its heading, what
// happened (a status; an alert when refused) and the link on from there.
type outcomeView struct {
	V                                      *view
	Title, ID, Message, Href, Link, LinkID string
	Alert                                  bool
}

// Outcome hands "outcome" a step that went through; linkID, when given,
// is the id of its link.
func (v *view) Outcome(title, id, message, href, link string, linkID ...string) outcomeView {
	o := outcomeView{V: v, Title: title, ID: id, Message: message, Href: href, Link: link}
	if len(linkID) > 0 {
		o.LinkID = linkID[0]
	}
	return o
}

// Refusal hands "outcome" a step that was refused.
func (v *view) Refusal(title, id, message, href, link string) outcomeView {
	return outcomeView{V: v, Title: title, ID: id, Message: message, Href: href, Link: link, Alert: true}
}

// linkButtonView is the argument of the template "link-button": the page
// a mailed link opens, whose one button does what the link is for (opening
// the link alone changes nothing: mail scanners open links). Its elements'
// ids start with ID.
type linkButtonView struct {
	V                                       *view
	ID, Action, Title, Intro, Submit, Token string
}

// LinkButton hands "link-button" the form posting token to action.
func (v *view) LinkButton(id, action, title, intro, submit, token string) linkButtonView {
	return linkButtonView{V: v, ID: id, Action: action, Title: title, Intro: intro, Submit: submit, Token: token}
}

// selfServiceRoutes mounts the pages of the mailed links.
func (p *Pages) selfServiceRoutes(g *echo.Group) {
	g.GET("/password-reset", p.resetForm)
	g.POST("/password-reset", p.askReset)
	g.GET("/password-reset/confirm", p.confirmResetForm)
	g.POST("/password-reset/confirm", p.confirmReset)
	g.GET("/verify-email", p.verifyForm)
	g.POST("/verify-email", p.verify)
}

func (p *Pages) renderSelfService(c echo.Context, status int, here string, d *selfServiceData) error {
	v := p.view(c, here)
	v.Data = d
	return p.render(c, status, "selfservice", v)
}

// resetForm: GET /password-reset — asks for the account's address.
func (p *Pages) resetForm(c echo.Context) error {
	return p.renderSelfService(c, http.StatusOK, "/password-reset", &selfServiceData{Step: "ask"})
}

// askReset: POST /password-reset — mails the link when there is an
// account, and says the same whether or not there is one.
func (p *Pages) askReset(c echo.Context) error {
	d := &selfServiceData{Step: "ask", Email: strings.TrimSpace(c.FormValue("email"))}
	if at := strings.LastIndexByte(d.Email, '@'); at < 1 || at == len(d.Email)-1 || len(d.Email) > 254 {
		return p.selfServiceProblem(c, d, "/password-reset", "email", "reset.error.email", nil)
	}
	err := p.deps.SelfService.RequestPasswordReset(c, d.Email)
	switch igfplus.ErrorCode(err) {
	case "":
		return p.renderSelfService(c, http.StatusOK, "/password-reset", &selfServiceData{Step: "sent"})
	case igfplus.EInvalid:
		return p.selfServiceProblem(c, d, "/password-reset", "email", "reset.error.email", nil)
	case igfplus.ERateLimited, igfplus.EUnavailable:
		return p.selfServiceProblem(c, d, "/password-reset", "", "register.error."+string(igfplus.ErrorCode(err)), err)
	}
	return err
}

// confirmResetForm: GET /password-reset/confirm?token= — the new
// password's form. Opening the link changes nothing (mail scanners open
// links); only the form's post does.
func (p *Pages) confirmResetForm(c echo.Context) error {
	return p.renderSelfService(c, http.StatusOK, "/password-reset", &selfServiceData{Step: "confirm", Token: c.QueryParam("token")})
}

// confirmReset: POST /password-reset/confirm — sets the new password.
func (p *Pages) confirmReset(c echo.Context) error {
	d := &selfServiceData{Step: "confirm", Token: c.FormValue("token")}
	password := c.FormValue("password")
	if n := utf8.RuneCountInString(password); n < 10 || n > 256 {
		return p.selfServiceProblem(c, d, "/password-reset", "password", "reset.error.password", nil)
	}
	err := p.deps.SelfService.ResetPassword(c, d.Token, password)
	switch code := igfplus.ErrorCode(err); code {
	case igfplus.ERateLimited, igfplus.EUnavailable:
		return p.selfServiceProblem(c, d, "/password-reset", "", "register.error."+string(code), err)
	}
	return p.linkOutcome(c, "/password-reset", "done", err)
}

// verifyForm: GET /verify-email?token= — a button that confirms the
// address (opening the link alone changes nothing).
func (p *Pages) verifyForm(c echo.Context) error {
	return p.renderSelfService(c, http.StatusOK, "/verify-email", &selfServiceData{Step: "verify", Token: c.QueryParam("token")})
}

// verify: POST /verify-email — confirms the address.
func (p *Pages) verify(c echo.Context) error {
	return p.linkOutcome(c, "/verify-email", "verified", p.deps.SelfService.VerifyEmail(c, c.FormValue("token")))
}

// linkOutcome renders what the post of a mailed link's form came to: the
// step done, or, the link's token refused (unknown, used or expired), the
// invalid link with the way to ask again. Other errors go to the error page.
func (p *Pages) linkOutcome(c echo.Context, here, done string, err error) error {
	switch igfplus.ErrorCode(err) {
	case "":
		return p.renderSelfService(c, http.StatusOK, here, &selfServiceData{Step: done})
	case igfplus.EInvalid:
		return p.renderSelfService(c, http.StatusUnprocessableEntity, here, &selfServiceData{Step: "invalid"})
	}
	return err
}

// selfServiceProblem shows the form again with the message key beside
// field ("" for the form as a whole) and in the alert.
func (p *Pages) selfServiceProblem(c echo.Context, d *selfServiceData, here, field, key string, cause error) error {
	status, err := p.addProblem(c, &d.formProblems, here, field, key, cause)
	if err != nil {
		return err
	}
	return p.renderSelfService(c, status, here, d)
}

// addProblem adds the message key, in the reader's language, beside field
// of a form of page here ("" for the form as a whole, whose failure was
// cause, with its Retry-After), and returns the status to answer with.
func (p *Pages) addProblem(c echo.Context, d *formProblems, here, field, key string, cause error) (int, error) {
	msg, err := p.view(c, here).T(key)
	if err != nil {
		return 0, err
	}
	if field != "" {
		d.Errors = append(d.Errors, fieldError{Field: field, Message: msg})
		return http.StatusUnprocessableEntity, nil
	}
	d.Problem = msg
	web.SetRetryAfter(c, cause)
	return statusOf(igfplus.ErrorCode(cause)), nil
}
