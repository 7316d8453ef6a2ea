package accounts

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Tokens mints access tokens.
type Tokens interface {
	// Issue returns a signed access token for id, issued at now, and the
	// time it expires.
	Issue(id igfplus.Identity, now time.Time) (token string, expires time.Time, err error)
}

// Hasher hashes passwords for storage and checks them.
type Hasher interface {
	// Hash returns a self-describing encoding of password's hash (with its
	// salt and parameters).
	Hash(password string) (string, error)
	// Verify reports whether password matches encoded, in time that does not
	// depend on where they differ. A malformed encoding is an error, never a
	// match.
	Verify(password, encoded string) (bool, error)
}

// DefaultRefreshTTL is how long a refresh token lives. Each refresh issues a
// new one, so a session used at least this often never expires.
const DefaultRefreshTTL = 30 * 24 * time.Hour

// Config is what a Service needs.
type Config struct {
	Store  Store
	Tokens Tokens
	Hasher Hasher
	// Now is the clock (default time.Now).
	Now func() time.Time
	// RefreshTTL is a refresh token's lifetime (default DefaultRefreshTTL).
	RefreshTTL time.Duration
	// HashSlots is how many password hashes run at once (default: one per
	// CPU); HashWait how long an attempt waits for a slot before it is
	// refused with EUnavailable (default DefaultHashWait).
	HashSlots int
	HashWait  time.Duration
	// Mailer queues the accounts' mails (verification, reset, a second
	// registration); nil sends none.
	Mailer Mailer
	// External links accounts to OpenID providers' identities; nil: no
	// sign-in through a provider.
	External ExternalStore
}

// Service registers accounts and runs their sessions.
type Service struct {
	store      Store
	tokens     Tokens
	hasher     Hasher
	now        func() time.Time
	refreshTTL time.Duration
	hashing    *hashSlots
	mailer     Mailer
	external   ExternalStore

	dummyOnce sync.Once
	dummy     string
}

// NewService returns a Service; Store, Tokens and Hasher are required.
func NewService(cfg Config) (*Service, error) {
	if cfg.Store == nil || cfg.Tokens == nil || cfg.Hasher == nil {
		return nil, errors.New("accounts: Store, Tokens and Hasher are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RefreshTTL <= 0 {
		cfg.RefreshTTL = DefaultRefreshTTL
	}
	return &Service{store: cfg.Store, tokens: cfg.Tokens, hasher: cfg.Hasher, now: cfg.Now, refreshTTL: cfg.RefreshTTL,
		hashing: newHashSlots(cfg.HashSlots, cfg.HashWait), mailer: cfg.Mailer, external: cfg.External}, nil
}

// Session is a signed-in session: a short-lived access token that proves
// the Identity, and a refresh token that obtains the next one.
type Session struct {
	AccessToken    string
	AccessExpires  time.Time
	RefreshToken   string
	RefreshExpires time.Time
	Identity       igfplus.Identity
	Account        *Account
}

// Register creates an account from in. It answers alike whether or not
// the e-mail address already has an account, and does the same work (one
// hash), so that registration does not tell anyone who has an account:
// for an address already registered nothing changes (the account, its
// password and its sessions are left as they are). The address's owner
// learns by mail which of the two happened: a new account gets a link
// confirming the address, an existing one's holder is told that someone
// tried to register it again, with the way to a new password.
func (s *Service) Register(ctx context.Context, in RegisterInput) error {
	if err := in.Validate(); err != nil {
		return err
	}
	hash, err := s.hashPassword(ctx, in.Password)
	if err != nil {
		return fmt.Errorf("accounts: hash password: %w", err)
	}
	a := in.account()
	err = s.store.CreateAccount(ctx, a, hash)
	if igfplus.ErrorCode(err) == igfplus.EConflict {
		holder, _, err := s.store.Credentials(ctx, in.Email)
		if err != nil {
			return fmt.Errorf("accounts: register a taken address: %w", err)
		}
		return s.mail(ctx, holder, LetterAccountExists, "")
	}
	if err != nil {
		return fmt.Errorf("accounts: register: %w", err)
	}
	return s.mailLink(ctx, a, PurposeVerifyEmail, LetterVerifyEmail, VerifyLinkTTL)
}

// Get returns the account with id, or ENotFound.
func (s *Service) Get(ctx context.Context, id int64) (*Account, error) {
	return s.store.Account(ctx, id)
}

// TokenVersions returns the current token versions of several accounts (a
// missing account is absent from the map): the hub checks its connections
// with it.
func (s *Service) TokenVersions(ctx context.Context, ids []int64) (map[int64]int, error) {
	return s.store.TokenVersions(ctx, ids)
}

// TokenVersion returns the account's current token version: an access token
// carrying an older one has been revoked.
func (s *Service) TokenVersion(ctx context.Context, accountID int64) (int, error) {
	return s.store.TokenVersion(ctx, accountID)
}
