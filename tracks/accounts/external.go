package accounts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ExternalIdentity is a person as an OpenID provider vouches for them,
// after the provider's ID token was verified.
type ExternalIdentity struct {
	// Provider is the provider's id in this installation's configuration;
	// Subject the provider's unchanging id of the person (sub).
	Provider, Subject string
	Email             string
	// EmailVerified is the provider's email_verified claim: only a
	// verified address may link to an account or make one.
	EmailVerified bool
	// Name is the person's name at the provider, or "".
	Name string
}

// ExternalStore links accounts to their identities at OpenID providers.
type ExternalStore interface {
	// AccountByIdentity returns the account linked to provider's subject,
	// or ENotFound.
	AccountByIdentity(ctx context.Context, provider, subject string) (*Account, error)
	// LinkIdentity links the account to provider's subject, whose verified
	// address is email, at at, in one transaction that also marks the
	// account's address verified. When the account's address had not been
	// verified before, its password is removed and every session of it
	// ended: whoever registered the address without proving it theirs
	// (perhaps to wait for its owner) keeps no way in.
	LinkIdentity(ctx context.Context, accountID int64, provider, subject, email string, at time.Time) error
	// CreateLinkedAccount inserts a without a password, its address
	// verified at at, linked to provider's subject, in one transaction,
	// and sets a.ID, a.TokenVersion and a.CreatedAt. EConflict when the
	// address has an account.
	CreateLinkedAccount(ctx context.Context, a *Account, provider, subject string, at time.Time) error
}

// The refusals of a sign-in through a provider.
var (
	// ErrEmailUnverified: the provider does not vouch for the address.
	ErrEmailUnverified = igfplus.Errorf(igfplus.EForbidden, "The identity provider has not verified your e-mail address, so it cannot be used to sign in here.")
	// ErrNoAccountYet: the provider's person has no account here; they
	// may make one with RegisterExternal.
	ErrNoAccountYet = igfplus.Errorf(igfplus.ENotFound, "There is no account for this address yet.")
	errNoExternal   = igfplus.Errorf(igfplus.EUnavailable, "Sign-in through an identity provider is not set up.")
)

// SignInExternal starts a session for the person a provider vouches for:
// the account linked to their identity at the provider, or else the
// account of their verified address, which is linked to it from then on.
// ErrEmailUnverified when the provider has not verified the address and
// nothing is linked yet; ErrNoAccountYet when the address has no account.
func (s *Service) SignInExternal(ctx context.Context, x ExternalIdentity) (*Session, error) {
	if s.external == nil {
		return nil, errNoExternal
	}
	a, err := s.external.AccountByIdentity(ctx, x.Provider, x.Subject)
	if err == nil {
		return s.startSession(ctx, a)
	}
	if igfplus.ErrorCode(err) != igfplus.ENotFound {
		return nil, fmt.Errorf("accounts: sign in through %s: %w", x.Provider, err)
	}
	if !x.EmailVerified || !validEmail(normalizeEmail(x.Email)) {
		return nil, ErrEmailUnverified
	}
	a, _, err = s.store.Credentials(ctx, normalizeEmail(x.Email))
	if igfplus.ErrorCode(err) == igfplus.ENotFound {
		return nil, ErrNoAccountYet
	}
	if err != nil {
		return nil, fmt.Errorf("accounts: sign in through %s: %w", x.Provider, err)
	}
	return s.linkAndStart(ctx, a.ID, x)
}

// linkAndStart links the account to x and starts a session with the
// account as it is after linking.
func (s *Service) linkAndStart(ctx context.Context, accountID int64, x ExternalIdentity) (*Session, error) {
	if err := s.external.LinkIdentity(ctx, accountID, x.Provider, x.Subject, normalizeEmail(x.Email), s.now()); err != nil {
		return nil, fmt.Errorf("accounts: link account %d to %s: %w", accountID, x.Provider, err)
	}
	return s.SignInAccount(ctx, accountID)
}

// RegisterExternal makes the account of a person a provider vouches for,
// with the details they gave (in: its Email and Password are not used;
// the address is the provider's, and the account has no password), and
// starts its session. When the address got an account in the meantime,
// that account is linked instead.
func (s *Service) RegisterExternal(ctx context.Context, x ExternalIdentity, in RegisterInput) (*Session, error) {
	if s.external == nil {
		return nil, errNoExternal
	}
	if !x.EmailVerified || !validEmail(normalizeEmail(x.Email)) {
		return nil, ErrEmailUnverified
	}
	in.Email = x.Email
	in.normalize()
	a := in.account()
	if problems := detailProblems(a); len(problems) > 0 {
		return nil, igfplus.Errorf(igfplus.EInvalid, "%s", strings.Join(problems, " "))
	}
	err := s.external.CreateLinkedAccount(ctx, a, x.Provider, x.Subject, s.now())
	if igfplus.ErrorCode(err) == igfplus.EConflict {
		return s.SignInExternal(ctx, x)
	}
	if err != nil {
		return nil, fmt.Errorf("accounts: register through %s: %w", x.Provider, err)
	}
	return s.startSession(ctx, a)
}

// SignInAccount starts a session for an account whose holder proved
// themselves by other means than a password (a provider's ID token, a
// passkey's signature): only those checks may call it.
func (s *Service) SignInAccount(ctx context.Context, accountID int64) (*Session, error) {
	a, err := s.store.Account(ctx, accountID)
	if err != nil {
		return nil, fmt.Errorf("accounts: sign in account %d: %w", accountID, err)
	}
	return s.startSession(ctx, a)
}
