package auth

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// VersionSource tells an account's current token version (accounts.Service
// does). ENotFound means the account is gone.
type VersionSource interface {
	TokenVersion(ctx context.Context, accountID int64) (int, error)
}

// MaxCacheTTL is the longest an Authenticator trusts a remembered token
// version when no feed of changes listens: how late, at worst, a sign-out
// on another node then takes effect.
const MaxCacheTTL = 2 * time.Second

// FeedTTL is how long a remembered token version is trusted while a feed
// of changed versions listens (Listening): every change is then told at
// its commit, so the bound is only a safeguard.
const FeedTTL = 5 * time.Minute

// cacheSize bounds the token-version cache: the accounts active on one
// node within FeedTTL, as many as the verified tokens it remembers (an
// entry is about 100 bytes); past it an account costs one more lookup.
const cacheSize = verifiedSize

// verifiedSize bounds the verified-token cache: the tokens used within an
// access token's life (15 minutes), a few hundred bytes each; past it a
// token costs one more verification.
const verifiedSize = 100_000

// The cookie that carries the access token to pages and the API.
const accessCookie = "igf_access"

// Authenticator establishes who makes a request from its access token.
type Authenticator struct {
	tokens   *Tokens
	versions VersionSource
	batch    *versionBatcher // when versions answers for many at once
	cache    *versionCache
	verified *verifiedTokens
}

// NewAuthenticator returns an Authenticator. cacheTTL is how long an
// account's token version is remembered: 0 asks the VersionSource on every
// request; longer than MaxCacheTTL is cut to MaxCacheTTL.
func NewAuthenticator(tokens *Tokens, versions VersionSource, cacheTTL time.Duration) *Authenticator {
	cacheTTL = min(cacheTTL, MaxCacheTTL)
	a := &Authenticator{tokens: tokens, versions: versions, cache: newVersionCache(cacheTTL, cacheSize, time.Now)}
	if b, ok := versions.(BatchVersionSource); ok {
		a.batch = newVersionBatcher(b)
	}
	if tokens != nil {
		a.verified = newVerifiedTokens(verifiedSize, tokens.cfg.Now)
	}
	return a
}

// errSessionEnded answers a well-signed token whose session was signed out
// or whose roles changed: the client should refresh.
var errSessionEnded = igfplus.Errorf(igfplus.EUnauthorized, "Your session has changed or ended. Refresh it or sign in again.")

// Identify returns who makes r: the zero (anonymous) Identity when r carries
// no token at all, EUnauthorized when it carries one that is malformed,
// expired, badly signed or revoked. The token comes from an
// "Authorization: Bearer" header, or else from the igf_access cookie.
func (a *Authenticator) Identify(r *http.Request) (igfplus.Identity, error) {
	token, err := tokenOf(r)
	if err != nil || token == "" {
		return igfplus.Identity{}, err
	}
	who, err := a.verified.verify(a.tokens, token)
	if err != nil {
		return igfplus.Identity{}, err
	}
	current, err := a.tokenVersion(r.Context(), who.AccountID)
	if err == nil && who.TokenVersion > current {
		// A token newer than the version remembered here was issued after
		// a change this node has not read yet (a profile saved through
		// another node): read again rather than refuse it for the
		// cache's life. Only this installation can sign such a token.
		a.cache.forget(who.AccountID)
		current, err = a.tokenVersion(r.Context(), who.AccountID)
	}
	if igfplus.ErrorCode(err) == igfplus.ENotFound {
		return igfplus.Identity{}, errSessionEnded.Because(err)
	}
	if err != nil {
		return igfplus.Identity{}, fmt.Errorf("auth: token version of account %d: %w", who.AccountID, err)
	}
	if who.TokenVersion != current {
		return igfplus.Identity{}, errSessionEnded
	}
	return who, nil
}

// Credentials is Identify in the hub's terms: the account and token
// version the hub reads, and the Identity (as the Principal) that the room
// adapters authorise every message against. A request with no token is
// anonymous (account 0): the rooms' policies decide whom they admit (a
// recommendation's room admits readers who are not signed in; a session's
// room does not). A bad or ended token is refused.
func (a *Authenticator) Credentials(r *http.Request) (hub.Credentials, error) {
	who, err := a.Identify(r)
	return hub.Credentials{AccountID: who.AccountID, TokenVersion: who.TokenVersion, Principal: who}, err
}

// Forget drops the remembered token version of the account, so that a
// sign-out handled by this node takes effect here at once.
func (a *Authenticator) Forget(accountID int64) { a.cache.forget(accountID) }

// Listening tells a that a feed of changed token versions listens from now
// on and will call TokenVersionChanged for every change committed after
// this call: versions read since are trusted for FeedTTL instead of the
// cache's TTL.
func (a *Authenticator) Listening() { a.cache.listening() }

// Lost tells a that the feed stopped listening: changes may be missed
// until Listening again, so remembered versions fall back to the cache's
// TTL.
func (a *Authenticator) Lost() { a.cache.lost() }

// TokenVersionChanged tells a, from the feed, the account's new token
// version.
func (a *Authenticator) TokenVersionChanged(accountID int64, version int) {
	a.cache.changed(accountID, version)
}

func (a *Authenticator) tokenVersion(ctx context.Context, accountID int64) (int, error) {
	if v, ok := a.cache.get(accountID); ok {
		return v, nil
	}
	lookup := a.versions.TokenVersion
	if a.batch != nil {
		lookup = a.batch.lookup
	}
	readAt := a.cache.now()
	v, err := lookup(ctx, accountID)
	if err != nil {
		return 0, err
	}
	a.cache.put(accountID, v, readAt)
	return v, nil
}

// tokenOf finds the request's access token. An Authorization header, when
// present, is the only source considered: falling back to the cookie after a
// bad header would hide client bugs.
func tokenOf(r *http.Request) (string, error) {
	if h := r.Header.Get(echo.HeaderAuthorization); h != "" {
		scheme, token, ok := strings.Cut(h, " ")
		token = strings.TrimSpace(token)
		if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
			return "", igfplus.Errorf(igfplus.EUnauthorized, `Send the access token as "Authorization: Bearer <token>".`)
		}
		return token, nil
	}
	if c, err := r.Cookie(accessCookie); err == nil {
		return c.Value, nil
	}
	return "", nil
}
