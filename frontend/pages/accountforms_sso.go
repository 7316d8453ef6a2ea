package pages

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/oidclogin"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var (
	_ SingleSignOn = (*AccountForms)(nil)
	_ Passkeys     = (*AccountForms)(nil)
)

// ssoCookie keeps a provider sign-in's state, and then a newcomer's flow,
// in the browser: HttpOnly, for the sign-in's pages only, and SameSite=Lax,
// since the provider sends the browser back by a top-level navigation
// from its own site.
const ssoCookie = "igf_sso"

// newcomerTTL is how long a newcomer has to give their details.
const newcomerTTL = 30 * time.Minute

// newcomerKind is the flows' kind of a newcomer's details to come.
const newcomerKind = "oidc_details"

// newcomer is what is kept while a newcomer gives their details.
type newcomer struct {
	Identity accounts.ExternalIdentity `json:"identity"`
	Next     string                    `json:"next"`
}

// SSOProviders implements SingleSignOn.
func (p *AccountForms) SSOProviders() []SSOProvider {
	if p.SSO == nil {
		return nil
	}
	var out []SSOProvider
	for _, pr := range p.SSO.Providers() {
		out = append(out, SSOProvider{ID: pr.ID, Name: pr.Name})
	}
	return out
}

var errNoSSO = igfplus.Errorf(igfplus.ENotFound, "There is no such identity provider here.")

// BeginSSO implements SingleSignOn, within the client's budget.
func (p *AccountForms) BeginSSO(c echo.Context, provider, next string) (string, error) {
	if p.SSO == nil {
		return "", errNoSSO
	}
	if err := p.Throttle.Client(c); err != nil {
		return "", err
	}
	to, state, err := p.SSO.Begin(c.Request().Context(), provider, next)
	if err != nil {
		return "", err
	}
	p.setSSOCookie(c, state, oidclogin.FlowTTL)
	return to, nil
}

// FinishSSO implements SingleSignOn: the session is the one a password
// sign-in gives.
func (p *AccountForms) FinishSSO(c echo.Context, provider string) (string, *SSONewcomer, error) {
	if p.SSO == nil {
		return "", nil, errNoSSO
	}
	ctx := c.Request().Context()
	x, next, err := p.SSO.Finish(ctx, provider, p.ssoCookieValue(c), c.QueryParam("state"), c.QueryParam("code"))
	p.setSSOCookie(c, "", -1)
	if err != nil {
		return "", nil, err
	}
	s, err := p.Accounts.SignInExternal(ctx, x)
	if errors.Is(err, accounts.ErrNoAccountYet) {
		data, err := json.Marshal(newcomer{Identity: x, Next: next})
		if err != nil {
			return "", nil, err
		}
		key := accounts.NewFlowKey()
		if err := p.Flows.SaveFlow(ctx, newcomerKind, key, data, time.Now().Add(newcomerTTL)); err != nil {
			return "", nil, err
		}
		p.setSSOCookie(c, key, newcomerTTL)
		return next, &SSONewcomer{Name: x.Name, Email: x.Email}, nil
	}
	if err != nil {
		return "", nil, err
	}
	auth.SetSessionCookies(c, *s, p.Secure)
	return next, nil, nil
}

// CompleteSSO implements SingleSignOn. The newcomer's flow is taken once;
// when the details are refused it is kept again, for the corrected form.
func (p *AccountForms) CompleteSSO(c echo.Context, f ProfileForm) (string, error) {
	if p.SSO == nil {
		return "", errNoSSO
	}
	ctx := c.Request().Context()
	key := p.ssoCookieValue(c)
	data, err := p.Flows.TakeFlow(ctx, newcomerKind, key, time.Now())
	if err != nil {
		return "", err
	}
	var n newcomer
	if err := json.Unmarshal(data, &n); err != nil {
		return "", err
	}
	s, err := p.Accounts.RegisterExternal(ctx, n.Identity, accounts.RegisterInput{DisplayName: f.DisplayName,
		StakeholderGroup: igfplus.StakeholderGroup(f.StakeholderGroup), Region: igfplus.Region(f.Region),
		Country: f.Country, Locale: f.Locale})
	if igfplus.ErrorCode(err) == igfplus.EInvalid {
		if err := p.Flows.SaveFlow(ctx, newcomerKind, key, data, time.Now().Add(newcomerTTL)); err != nil {
			return "", err
		}
	}
	if err != nil {
		return "", err
	}
	p.setSSOCookie(c, "", -1)
	auth.SetSessionCookies(c, *s, p.Secure)
	return n.Next, nil
}

func (p *AccountForms) setSSOCookie(c echo.Context, value string, ttl time.Duration) {
	age := int(ttl / time.Second)
	if ttl < 0 {
		age = -1
	}
	c.SetCookie(&http.Cookie{Name: ssoCookie, Value: value, Path: "/signin/sso", MaxAge: age,
		HttpOnly: true, Secure: p.Secure, SameSite: http.SameSiteLaxMode})
}

func (p *AccountForms) ssoCookieValue(c echo.Context) string {
	if ck, err := c.Cookie(ssoCookie); err == nil {
		return ck.Value
	}
	return ""
}

// PasskeyRPID implements Passkeys.
func (p *AccountForms) PasskeyRPID() string { return p.Passkeys.RPID() }

// PasskeyCount implements Passkeys.
func (p *AccountForms) PasskeyCount(c echo.Context) (int, error) {
	keys, err := p.Passkeys.List(c.Request().Context(), auth.IdentityOf(c).AccountID)
	return len(keys), err
}
