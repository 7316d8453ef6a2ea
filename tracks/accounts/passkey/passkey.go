// Package passkey registers passkeys and signs in with them
// (github.com/go-webauthn/webauthn, which verifies WebAuthn attestations
// and assertions). Sign-in is discoverable: the person picks their
// passkey in the browser without typing an address first. Challenges are
// kept in accounts.Flows, so that any node finishes what another began.
package passkey

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"

	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// CeremonyTTL is how long a person has to answer their authenticator.
const CeremonyTTL = 5 * time.Minute

// The kinds of the flows Passkeys keeps.
const (
	kindRegister = "passkey_register"
	kindSignIn   = "passkey_signin"
)

// Config is what Passkeys needs.
type Config struct {
	// PublicURL is the installation's URL: its host is the relying party
	// id (a loopback address is taken as localhost, since browsers accept
	// no IP address as one) and its origin the one passkeys answer.
	PublicURL string
	// Name is the relying party's name, shown by some authenticators.
	Name     string
	Store    accounts.PasskeyStore
	Accounts *accounts.Service
	Flows    accounts.Flows
	Now      func() time.Time
}

// Passkeys registers passkeys and signs in with them.
type Passkeys struct {
	wa       *webauthn.WebAuthn
	rpID     string
	store    accounts.PasskeyStore
	accounts *accounts.Service
	flows    accounts.Flows
	now      func() time.Time
}

// New returns Passkeys for cfg's installation.
func New(cfg Config) (*Passkeys, error) {
	if cfg.Store == nil || cfg.Accounts == nil || cfg.Flows == nil {
		return nil, fmt.Errorf("passkey: Store, Accounts and Flows are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	rpID, origins, err := relyingParty(cfg.PublicURL)
	if err != nil {
		return nil, err
	}
	wa, err := webauthn.New(&webauthn.Config{RPID: rpID, RPDisplayName: cfg.Name, RPOrigins: origins})
	if err != nil {
		return nil, fmt.Errorf("passkey: %w", err)
	}
	return &Passkeys{wa: wa, rpID: rpID, store: cfg.Store, accounts: cfg.Accounts, flows: cfg.Flows, now: cfg.Now}, nil
}

// RPID is the relying party id: passkeys work on pages whose host is it.
func (p *Passkeys) RPID() string { return p.rpID }

// relyingParty derives the relying party id and the origins accepted from
// the public URL. On a loopback address the installation is also reached
// as localhost, which is the one name browsers accept there.
func relyingParty(public string) (string, []string, error) {
	u, err := url.Parse(public)
	if err != nil || u.Host == "" {
		return "", nil, fmt.Errorf("passkey: the public URL %q has no host", public)
	}
	origin := u.Scheme + "://" + u.Host
	host := u.Hostname()
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		local := u.Scheme + "://localhost"
		if port := u.Port(); port != "" {
			local += ":" + port
		}
		return "localhost", []string{local, origin}, nil
	}
	return host, []string{origin}, nil
}

// user is an account as go-webauthn sees it. Its handle is the account id
// (8 bytes): it names the account to the authenticator and nothing else.
type user struct {
	a     *accounts.Account
	creds []webauthn.Credential
}

func (u user) WebAuthnID() []byte                         { return handle(u.a.ID) }
func (u user) WebAuthnName() string                       { return u.a.Email }
func (u user) WebAuthnDisplayName() string                { return u.a.DisplayName }
func (u user) WebAuthnCredentials() []webauthn.Credential { return u.creds }

func handle(id int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(id)) }

// load returns the account with its passkeys.
func (p *Passkeys) load(ctx context.Context, accountID int64) (user, error) {
	a, err := p.accounts.Get(ctx, accountID)
	if err != nil {
		return user{}, err
	}
	stored, err := p.store.Passkeys(ctx, accountID)
	if err != nil {
		return user{}, err
	}
	u := user{a: a}
	for _, s := range stored {
		var c webauthn.Credential
		if err := json.Unmarshal(s.Credential, &c); err != nil {
			return user{}, fmt.Errorf("passkey: account %d's passkey: %w", accountID, err)
		}
		u.creds = append(u.creds, c)
	}
	return u, nil
}

// errCloned is why a passkey whose sign count went back is refused.
var errCloned = errors.New("passkey: the sign count did not move on: a cloned authenticator")

// errRefused is the answer to an answer that does not verify.
var errRefused = igfplus.Errorf(igfplus.EUnauthorized, "The passkey could not be verified. Please try again.")

func refused(err error) error {
	return errRefused.Because(err)
}

// save keeps a ceremony's session data under a new key and returns it.
func (p *Passkeys) save(ctx context.Context, kind string, s *webauthn.SessionData) (string, error) {
	data, err := json.Marshal(s)
	if err != nil {
		return "", err
	}
	key := accounts.NewFlowKey()
	return key, p.flows.SaveFlow(ctx, kind, key, data, p.now().Add(CeremonyTTL))
}

// take returns the session data of a ceremony once.
func (p *Passkeys) take(ctx context.Context, kind, key string) (webauthn.SessionData, error) {
	var s webauthn.SessionData
	if key == "" {
		return s, igfplus.Errorf(igfplus.ENotFound, "This passkey ceremony has expired. Please try again.")
	}
	data, err := p.flows.TakeFlow(ctx, kind, key, p.now())
	if err != nil {
		return s, err
	}
	return s, json.Unmarshal(data, &s)
}

// parse reads a browser's answer; a malformed one is EInvalid.
func parseErr(err error) error {
	return &igfplus.Error{Code: igfplus.EInvalid, Message: "The passkey's answer is not a WebAuthn credential.", Err: err}
}
