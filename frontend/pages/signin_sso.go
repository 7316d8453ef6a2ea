package pages

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// SSOProvider is an identity provider offered on the sign-in page.
type SSOProvider struct{ ID, Name string }

// SSONewcomer is a person a provider vouched for who has no account yet.
type SSONewcomer struct{ Name, Email string }

// SingleSignOn signs people in through OpenID Connect providers.
type SingleSignOn interface {
	// SSOProviders lists the providers (none: no buttons).
	SSOProviders() []SSOProvider
	// BeginSSO starts a sign-in through provider that ends at next and
	// returns the provider's URL to send the browser to.
	BeginSSO(c echo.Context, provider, next string) (string, error)
	// FinishSSO completes the sign-in the browser comes back with and
	// returns where it was to end. The browser is signed in, or, for a
	// person without an account, the newcomer is returned and the browser
	// kept for CompleteSSO.
	FinishSSO(c echo.Context, provider string) (next string, newcomer *SSONewcomer, err error)
	// CompleteSSO makes the newcomer's account with the details of f and
	// signs the browser in; it returns where the sign-in was to end.
	CompleteSSO(c echo.Context, f ProfileForm) (next string, err error)
}

// Passkeys tells the pages about passkeys, which the browser's script
// registers and signs in with through the JSON API.
type Passkeys interface {
	// PasskeyRPID is the relying party id: passkeys work on pages of
	// that host only.
	PasskeyRPID() string
	// PasskeyCount is how many passkeys the signed-in person has.
	PasskeyCount(c echo.Context) (int, error)
}

// ssoRoutes mounts the provider sign-in's pages.
func (p *Pages) ssoRoutes(g *echo.Group) {
	g.GET("/signin/sso/:provider", p.ssoBegin)
	g.GET("/signin/sso/:provider/callback", p.ssoCallback)
	g.POST("/signin/sso/details", p.ssoComplete)
}

// ssoBegin: GET /signin/sso/{provider}?next= — the sign-in buttons' target
// (a plain link-like form, no script): off to the provider.
func (p *Pages) ssoBegin(c echo.Context) error {
	to, err := p.deps.SSO.BeginSSO(c, c.Param("provider"), nextOf(c))
	if err != nil {
		return p.signinRefused(c, "", nextOf(c), err)
	}
	return c.Redirect(http.StatusSeeOther, to)
}

// ssoCallback: GET /signin/sso/{provider}/callback — back from the
// provider: signed in and on to where the sign-in was to end, or, for a
// newcomer, the short page asking their group and region.
func (p *Pages) ssoCallback(c echo.Context) error {
	next, newcomer, err := p.deps.SSO.FinishSSO(c, c.Param("provider"))
	if err != nil {
		return p.signinRefused(c, "", "/", err)
	}
	if newcomer != nil {
		return p.renderSSODetails(c, http.StatusOK, &ssoDetailsData{Email: newcomer.Email,
			Form: ProfileForm{DisplayName: strings.TrimSpace(newcomer.Name)}})
	}
	return seeOther(c, next)
}

// ssoComplete: POST /signin/sso/details — the newcomer's details: their
// account is made and they go on signed in, or the problems are shown
// beside their fields.
func (p *Pages) ssoComplete(c echo.Context) error {
	f := ProfileForm{
		DisplayName:      strings.TrimSpace(c.FormValue("display_name")),
		StakeholderGroup: c.FormValue("stakeholder_group"),
		Region:           c.FormValue("region"),
		Country:          strings.ToUpper(strings.TrimSpace(c.FormValue("country"))),
		Locale:           p.view(c, "/signin").Lang,
	}
	d := &ssoDetailsData{Form: f}
	if err := p.checkDetails(p.view(c, "/signin"), f, false, &d.formProblems); err != nil {
		return err
	}
	if len(d.Errors) > 0 {
		return p.renderSSODetails(c, http.StatusUnprocessableEntity, d)
	}
	next, err := p.deps.SSO.CompleteSSO(c, f)
	switch igfplus.ErrorCode(err) {
	case "":
		return seeOther(c, next)
	case igfplus.EInvalid:
		d.Problem = p.errorText(c, err)
		return p.renderSSODetails(c, http.StatusUnprocessableEntity, d)
	}
	return p.signinRefused(c, "", "/", err)
}

type ssoDetailsData struct {
	Email string
	Form  ProfileForm
	formProblems
	Groups, Regions, Countries []option
}

func (p *Pages) renderSSODetails(c echo.Context, status int, d *ssoDetailsData) error {
	v := p.view(c, "/signin")
	var err error
	if d.Groups, d.Regions, d.Countries, err = detailOptions(v, d.Form); err != nil {
		return err
	}
	v.Data = d
	return p.render(c, status, "sso_details", v)
}

// signinRefused shows the sign-in page with why a sign-in failed, in the
// reader's language, with the status the refusal calls for (and its
// Retry-After). Errors no person can act on go to the error page.
func (p *Pages) signinRefused(c echo.Context, email, next string, refusal error) error {
	code := igfplus.ErrorCode(refusal)
	var key string
	switch code {
	case igfplus.EUnauthorized, igfplus.EInvalid, igfplus.ENotFound:
		key = "signin.error.credentials"
	case igfplus.ERateLimited:
		key = "signin.error.rate_limited"
	case igfplus.EForbidden:
		key = "signin.error.forbidden"
	case igfplus.EUnavailable:
		key = "signin.error.unavailable"
	default:
		return refusal
	}
	if strings.HasPrefix(c.Path(), "/signin/sso") {
		key = ssoKey(code, key)
	}
	v := p.view(c, "/signin")
	msg, err := v.T(key)
	if err != nil {
		return err
	}
	d, err := p.signinData(v, next)
	if err != nil {
		return err
	}
	d.Email, d.Error = email, msg
	v.Data = d
	status := http.StatusUnprocessableEntity
	if code == igfplus.ERateLimited || code == igfplus.EForbidden || code == igfplus.EUnavailable {
		status = statusOf(code)
		web.SetRetryAfter(c, refusal)
	}
	return p.render(c, status, "signin", v)
}

// ssoKey is the message of a refused sign-in through a provider: the
// password's wording would mislead there.
func ssoKey(code igfplus.Code, key string) string {
	switch code {
	case igfplus.EUnauthorized, igfplus.EInvalid, igfplus.ENotFound:
		return "signin.sso.error.refused"
	case igfplus.EForbidden:
		return "signin.sso.error.unverified"
	case igfplus.EUnavailable:
		return "signin.sso.error.unavailable"
	}
	return key
}

// SSOHref is the link of the sign-in through provider that comes back
// to next.
func (v *view) SSOHref(provider, next string) string {
	return withNext("/signin/sso/"+url.PathEscape(provider), next)
}
