// Package oidclogin signs people in through OpenID Connect providers
// (github.com/coreos/go-oidc for discovery and ID token verification,
// golang.org/x/oauth2 for the authorisation code flow): the authorisation
// code flow with PKCE (S256), a state bound to the browser by a cookie
// and a nonce bound to the ID token. What it yields is an
// accounts.ExternalIdentity; the accounts service decides what that
// person may do.
package oidclogin

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Provider is one OpenID provider as the installation configures it.
type Provider struct {
	// ID names the provider in this installation's URLs
	// (/signin/sso/{id}) and in the accounts it links: lower-case letters,
	// digits and hyphens. Changing it unlinks every account linked
	// through it.
	ID string
	// Name is what the sign-in button says: "Sign in with {Name}".
	Name string
	// Issuer is the provider's issuer URL, whose
	// /.well-known/openid-configuration describes it.
	Issuer string
	// ClientID and ClientSecret are this installation's registration at
	// the provider, whose redirect URI is {public URL}/signin/sso/{id}/callback.
	ClientID, ClientSecret string
}

var providerID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// ParseProvider reads one provider from "id|name|issuer|client id|client
// secret" (the secret may be left out of the spec and given apart).
func ParseProvider(spec string) (Provider, error) {
	f := strings.Split(spec, "|")
	if len(f) != 4 && len(f) != 5 {
		return Provider{}, fmt.Errorf("an OpenID provider is id|name|issuer|client id|client secret, not %d fields", len(f))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	p := Provider{ID: f[0], Name: f[1], Issuer: f[2], ClientID: f[3]}
	if len(f) == 5 {
		p.ClientSecret = f[4]
	}
	return p, p.Validate()
}

// Validate reports what is wrong with p's configuration.
func (p Provider) Validate() error {
	if !providerID.MatchString(p.ID) {
		return fmt.Errorf("OpenID provider id %q: use 1 to 32 lower-case letters, digits and hyphens", p.ID)
	}
	if p.Name == "" || p.ClientID == "" {
		return fmt.Errorf("OpenID provider %s: a name and a client id are needed", p.ID)
	}
	u, err := url.Parse(p.Issuer)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("OpenID provider %s: the issuer must be an http(s) URL, not %q", p.ID, p.Issuer)
	}
	return nil
}
