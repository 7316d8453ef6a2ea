package oidclogin

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// FlowTTL is how long a person has at the provider before the sign-in
// they began expires.
const FlowTTL = 10 * time.Minute

// flowKind is the kind of the flows Login keeps (accounts.Flows).
const flowKind = "oidc"

// Config is what a Login needs.
type Config struct {
	Providers []Provider
	// PublicURL is the installation's URL; the providers send people back
	// to {PublicURL}/signin/sso/{id}/callback.
	PublicURL string
	Flows     accounts.Flows
	// HTTPClient talks to the providers (default: one with a 10 s timeout).
	HTTPClient *http.Client
	Now        func() time.Time
}

// Login runs sign-ins through the configured providers.
type Login struct {
	order  []Provider
	byID   map[string]*remote
	flows  accounts.Flows
	client *http.Client
	now    func() time.Time
}

// remote is a provider and, once discovered, its endpoints and keys.
type remote struct {
	cfg      Provider
	redirect string

	mu       sync.Mutex
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
	provider *oidc.Provider
}

// New returns a Login over cfg. Providers are discovered on first use, so
// that one that is down when a node starts delays no one but its own.
func New(cfg Config) (*Login, error) {
	if cfg.Flows == nil {
		return nil, fmt.Errorf("oidclogin: Flows is required")
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	l := &Login{byID: map[string]*remote{}, flows: cfg.Flows, client: cfg.HTTPClient, now: cfg.Now}
	for _, p := range cfg.Providers {
		if err := p.Validate(); err != nil {
			return nil, err
		}
		if l.byID[p.ID] != nil {
			return nil, fmt.Errorf("oidclogin: two providers named %s", p.ID)
		}
		l.byID[p.ID] = &remote{cfg: p, redirect: cfg.PublicURL + "/signin/sso/" + p.ID + "/callback"}
		l.order = append(l.order, p)
	}
	return l, nil
}

// Providers lists the providers in their configured order.
func (l *Login) Providers() []Provider { return l.order }

var errNoProvider = igfplus.Errorf(igfplus.ENotFound, "There is no such identity provider here.")

// errUnreachable is the answer when a provider cannot be discovered or
// does not answer the code exchange.
var errUnreachable = igfplus.Errorf(igfplus.EUnavailable, "The identity provider could not be reached. Please try again later.")

// errRefused is the answer to a return that does not prove a sign-in:
// another browser's state, a bad or replayed code, a token that does not
// verify.
var errRefused = igfplus.Errorf(igfplus.EUnauthorized, "The sign-in through the identity provider could not be confirmed. Please start again.")

// flow is what a sign-in keeps between leaving for the provider and
// coming back.
type flow struct {
	Provider string `json:"provider"`
	Nonce    string `json:"nonce"`
	Verifier string `json:"verifier"`
	Next     string `json:"next"`
}

// Begin starts a sign-in through provider id that ends at next: it
// returns the provider's URL to send the browser to and the state, which
// the browser must keep (a cookie) and bring back.
func (l *Login) Begin(ctx context.Context, id, next string) (authURL, state string, err error) {
	r := l.byID[id]
	if r == nil {
		return "", "", errNoProvider
	}
	conf, _, err := r.discover(ctx, l.client)
	if err != nil {
		return "", "", err
	}
	state = accounts.NewFlowKey()
	f := flow{Provider: id, Nonce: accounts.NewFlowKey(), Verifier: oauth2.GenerateVerifier(), Next: next}
	data, err := json.Marshal(f)
	if err != nil {
		return "", "", err
	}
	if err := l.flows.SaveFlow(ctx, flowKind, state, data, l.now().Add(FlowTTL)); err != nil {
		return "", "", err
	}
	return conf.AuthCodeURL(state, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)), state, nil
}

// Finish completes the sign-in through provider id that the browser
// comes back from with code and state, where kept is the state the
// browser kept: it returns the person the provider vouches for and where
// the sign-in was to end.
func (l *Login) Finish(ctx context.Context, id, kept, state, code string) (accounts.ExternalIdentity, string, error) {
	r := l.byID[id]
	if r == nil {
		return accounts.ExternalIdentity{}, "", errNoProvider
	}
	if state == "" || code == "" || subtle.ConstantTimeCompare([]byte(kept), []byte(state)) != 1 {
		return accounts.ExternalIdentity{}, "", errRefused
	}
	data, err := l.flows.TakeFlow(ctx, flowKind, state, l.now())
	if err != nil {
		return accounts.ExternalIdentity{}, "", err
	}
	var f flow
	if err := json.Unmarshal(data, &f); err != nil || f.Provider != id {
		return accounts.ExternalIdentity{}, "", errRefused
	}
	x, err := r.identify(ctx, l.client, code, f)
	return x, f.Next, err
}
