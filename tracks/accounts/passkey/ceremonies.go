package passkey

import (
	"context"
	"encoding/json"
	"io"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// BeginRegistration starts registering a passkey for the account: it
// returns the options for navigator.credentials.create (as JSON) and the
// ceremony's key, which the browser keeps and brings back. The passkey is
// to be discoverable (resident) and to verify its holder; the account's
// passkeys are excluded, so an authenticator is not registered twice.
func (p *Passkeys) BeginRegistration(ctx context.Context, accountID int64) (options []byte, key string, err error) {
	u, err := p.registrant(ctx, accountID)
	if err != nil {
		return nil, "", err
	}
	exclude := make([]protocol.CredentialDescriptor, len(u.creds))
	for i, c := range u.creds {
		exclude[i] = c.Descriptor()
	}
	creation, s, err := p.wa.BeginRegistration(u,
		webauthn.WithResidentKeyRequirement(protocol.ResidentKeyRequirementRequired),
		webauthn.WithAuthenticatorSelection(protocol.AuthenticatorSelection{
			ResidentKey: protocol.ResidentKeyRequirementRequired, UserVerification: protocol.VerificationRequired}),
		webauthn.WithExclusions(exclude))
	if err != nil {
		return nil, "", err
	}
	return p.started(ctx, kindRegister, s, creation)
}

// errUnconfirmed refuses a passkey to an account whose address nobody has
// proved: whoever registered someone else's address could otherwise plant
// a way in that outlives the owner's reset (docs/SECURITY.md).
var errUnconfirmed = igfplus.Errorf(igfplus.EForbidden, "Confirm your e-mail address before adding a passkey.")

// registrant is the account a passkey is being added to, once its address
// is confirmed.
func (p *Passkeys) registrant(ctx context.Context, accountID int64) (user, error) {
	u, err := p.load(ctx, accountID)
	if err == nil && u.a.EmailVerifiedAt == nil {
		err = errUnconfirmed
	}
	return u, err
}

// started keeps a begun ceremony's session data (save) and returns the
// browser's options as JSON with the ceremony's key.
func (p *Passkeys) started(ctx context.Context, kind string, s *webauthn.SessionData, options any) ([]byte, string, error) {
	key, err := p.save(ctx, kind, s)
	if err != nil {
		return nil, "", err
	}
	b, err := json.Marshal(options)
	return b, key, err
}

// FinishRegistration verifies the browser's answer (body) to the
// ceremony with key and stores the account's new passkey.
func (p *Passkeys) FinishRegistration(ctx context.Context, accountID int64, key string, body io.Reader) error {
	s, err := p.take(ctx, kindRegister, key)
	if err != nil {
		return err
	}
	parsed, err := protocol.ParseCredentialCreationResponseBody(body)
	if err != nil {
		return parseErr(err)
	}
	u, err := p.registrant(ctx, accountID)
	if err != nil {
		return err
	}
	c, err := p.wa.CreateCredential(u, s, parsed)
	if err != nil {
		return refused(err)
	}
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return p.store.AddPasskey(ctx, accountID, accounts.Passkey{ID: c.ID, Credential: data, CreatedAt: p.now()})
}

// BeginSignIn starts a sign-in with any passkey of this installation: it
// returns the options for navigator.credentials.get (as JSON) and the
// ceremony's key.
func (p *Passkeys) BeginSignIn(ctx context.Context) (options []byte, key string, err error) {
	assertion, s, err := p.wa.BeginDiscoverableLogin(webauthn.WithUserVerification(protocol.VerificationRequired))
	if err != nil {
		return nil, "", err
	}
	return p.started(ctx, kindSignIn, s, assertion)
}

// FinishSignIn verifies the browser's answer (body) to the ceremony with
// key (the signature by a passkey of the account its handle names, over
// the ceremony's challenge, with the holder verified, and a sign count
// that moved on) and starts that account's session.
func (p *Passkeys) FinishSignIn(ctx context.Context, key string, body io.Reader) (*accounts.Session, error) {
	s, err := p.take(ctx, kindSignIn, key)
	if err != nil {
		return nil, err
	}
	parsed, err := protocol.ParseCredentialRequestResponseBody(body)
	if err != nil {
		return nil, parseErr(err)
	}
	var owner int64
	find := func(rawID, userHandle []byte) (webauthn.User, error) {
		id, err := p.store.PasskeyOwner(ctx, rawID)
		if err != nil {
			return nil, err
		}
		u, err := p.load(ctx, id)
		if err != nil {
			return nil, err
		}
		if string(userHandle) != string(u.WebAuthnID()) {
			return nil, errRefused
		}
		owner = id
		return u, nil
	}
	c, err := p.wa.ValidateDiscoverableLogin(find, s, parsed)
	if err != nil {
		return nil, refused(err)
	}
	// The library notes a sign count that did not move on, and goes on: a
	// copy of the authenticator is signing. Refused.
	if c.Authenticator.CloneWarning {
		return nil, refused(errCloned)
	}
	data, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	if err := p.store.UsePasskey(ctx, c.ID, data, p.now()); err != nil {
		return nil, err
	}
	return p.accounts.SignInAccount(ctx, owner)
}

// List returns the account's passkeys; Delete removes one.
func (p *Passkeys) List(ctx context.Context, accountID int64) ([]accounts.Passkey, error) {
	return p.store.Passkeys(ctx, accountID)
}

// Delete removes the account's passkey with id (ENotFound when it has none).
func (p *Passkeys) Delete(ctx context.Context, accountID int64, id []byte) error {
	return p.store.DeletePasskey(ctx, accountID, id)
}
