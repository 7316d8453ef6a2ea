package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/auth/redisthrottle"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/argon2id"
	"github.com/igfplus/igfplus/tracks/accounts/oidclogin"
	"github.com/igfplus/igfplus/tracks/accounts/passkey"
	"github.com/igfplus/igfplus/tracks/accounts/pgstore"
)

// signIn is who is who on a node: the accounts, the access tokens they are
// given, the sign-in budgets, and the mail the accounts send.
type signIn struct {
	accounts *accounts.Service
	authn    *auth.Authenticator
	throttle *auth.Throttle
	store    *pgstore.Store
	mail     *outgoingMail
	// sso signs in through the configured OpenID providers (none: no
	// buttons); passkeys with the installation's own origin as the
	// relying party.
	sso      *oidclogin.Login
	passkeys *passkey.Passkeys
}

// wireAccounts builds the accounts on their store, the access tokens
// (signed with signing; a rotation's previous keys still accepted) and the
// sign-in budgets (shared through Redis when rdb is set).
func wireAccounts(cfg Config, db *pgdb.DB, signing ed25519.PrivateKey, rdb redis.UniversalClient, log *slog.Logger) (*signIn, error) {
	keys, err := tokenKeys(cfg, signing)
	if err != nil {
		return nil, err
	}
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: keys, Issuer: auth.PlatformIssuer, Audience: auth.PlatformAudience})
	if err != nil {
		return nil, err
	}
	outgoing, err := wireMail(cfg, db, log)
	if err != nil {
		return nil, err
	}
	store := pgstore.New(db)
	accts, err := accounts.NewService(accounts.Config{Store: store, Tokens: tokens, Hasher: argon2id.Default(), Mailer: outgoing.queue,
		External: store})
	if err != nil {
		return nil, err
	}
	sso, err := oidclogin.New(oidclogin.Config{Providers: cfg.OIDCProviders, PublicURL: cfg.PublicURL, Flows: store})
	if err != nil {
		return nil, err
	}
	passkeys, err := passkey.New(passkey.Config{PublicURL: cfg.PublicURL, Name: "IGF Plus", Store: store, Accounts: accts, Flows: store})
	if err != nil {
		return nil, err
	}
	return &signIn{accounts: accts, authn: auth.NewAuthenticator(tokens, accts, 2*time.Second),
		throttle: newThrottle(rdb, signing.Public().(ed25519.PublicKey), log), store: store, mail: outgoing,
		sso: sso, passkeys: passkeys}, nil
}

// tokenVersionFeed hands each change of a token version that the database
// tells to the access-token checks, which refuse the older tokens at once,
// and to the hub, which ends the live connections made with them.
type tokenVersionFeed struct {
	authn *auth.Authenticator
	hub   *hub.Hub
}

func (f tokenVersionFeed) Listening() { f.authn.Listening() }
func (f tokenVersionFeed) Lost()      { f.authn.Lost() }
func (f tokenVersionFeed) TokenVersionChanged(accountID int64, version int) {
	f.authn.TokenVersionChanged(accountID, version)
	f.hub.EndSessions(accountID, version)
}

// newThrottle counts sign-in attempts in Redis when the installation has
// one (every node spends from the same budgets), else in this node. The
// budgets' keys carry a hash of the token key's public half: every node of
// an installation has the same token key, and two installations sharing a
// Redis (a staging and a test forum, say) keep their budgets apart.
func newThrottle(rdb redis.UniversalClient, tokenKey ed25519.PublicKey, log *slog.Logger) *auth.Throttle {
	if rdb == nil {
		return auth.NewThrottle()
	}
	sum := sha256.Sum256(tokenKey)
	prefix := "igfplus:throttle:" + hex.EncodeToString(sum[:6]) + ":"
	return auth.NewSharedThrottle(redisthrottle.New(rdb, prefix), log)
}

// signingKey is the access-token signing key: the configured one, or one
// generated once and kept in the data folder.
func signingKey(cfg Config, log *slog.Logger) (ed25519.PrivateKey, error) {
	if cfg.TokenKey != "" {
		k, err := auth.ParseKey(cfg.TokenKey)
		if err != nil {
			return nil, fmt.Errorf("IGFPLUS_TOKEN_KEY: %w", err)
		}
		return k, nil
	}
	if cfg.DatabaseURL != "" {
		log.Warn("no IGFPLUS_TOKEN_KEY: using a key from the data folder; every node of an installation needs the same key")
	}
	return auth.LoadOrCreateKey(filepath.Join(cfg.DataDir, "token.key"))
}

// tokenKeys are the access-token keys: signing, plus the public keys still
// accepted during a rotation.
func tokenKeys(cfg Config, signing ed25519.PrivateKey) (*auth.Keys, error) {
	var previous []ed25519.PublicKey
	if cfg.TokenVerify != "" {
		var err error
		if previous, err = auth.ParsePublicKeys(cfg.TokenVerify); err != nil {
			return nil, fmt.Errorf("IGFPLUS_TOKEN_VERIFY_KEYS: %w", err)
		}
	}
	return auth.NewKeys(signing, previous...), nil
}
