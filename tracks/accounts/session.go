package accounts

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// refreshTokenBytes of randomness make a refresh token unguessable.
const refreshTokenBytes = 32

// maxRefreshTokenLen bounds what Refresh and SignOut accept before touching
// the store: ours are 43 characters.
const maxRefreshTokenLen = 128

// startSession issues a new refresh token family and an access token for a.
func (s *Service) startSession(ctx context.Context, a *Account) (*Session, error) {
	now := s.now()
	r := RefreshToken{
		Token:     newRefreshToken(),
		AccountID: a.ID,
		Family:    uuid.New(),
		IssuedAt:  now,
		ExpiresAt: now.Add(s.refreshTTL),
	}
	if err := s.store.IssueRefresh(ctx, r); err != nil {
		return nil, fmt.Errorf("accounts: issue refresh token: %w", err)
	}
	return s.session(a, r)
}

// session mints the access token that goes with refresh token r.
func (s *Service) session(a *Account, r RefreshToken) (*Session, error) {
	id := a.Identity()
	id.Session = r.Family.String()
	access, expires, err := s.tokens.Issue(id, r.IssuedAt)
	if err != nil {
		return nil, fmt.Errorf("accounts: issue access token: %w", err)
	}
	return &Session{
		AccessToken:    access,
		AccessExpires:  expires,
		RefreshToken:   r.Token,
		RefreshExpires: r.ExpiresAt,
		Identity:       id,
		Account:        a,
	}, nil
}

// Refresh exchanges a refresh token for a new session in the same family.
// The presented token is spent: presenting it again signs out the family
// (see Store.RotateRefresh).
func (s *Service) Refresh(ctx context.Context, refreshToken string) (*Session, error) {
	if refreshToken == "" || len(refreshToken) > maxRefreshTokenLen {
		return nil, ErrSessionEnded
	}
	now := s.now()
	next := RefreshToken{Token: newRefreshToken(), IssuedAt: now, ExpiresAt: now.Add(s.refreshTTL)}
	accountID, err := s.store.RotateRefresh(ctx, refreshToken, &next)
	if err != nil {
		return nil, err
	}
	// Read after rotating, so the access token carries the roles and token
	// version that hold now.
	a, err := s.store.Account(ctx, accountID)
	if err != nil {
		return nil, fmt.Errorf("accounts: refresh for account %d: %w", accountID, err)
	}
	return s.session(a, next)
}

// SignOut ends the session that refreshToken belongs to: its family is
// revoked and the account's token version bumped, so that access tokens
// already issued stop working too. Other devices then need to refresh, which
// their own (still valid) refresh tokens do. Signing out with an unknown
// token is not an error: there is nothing left to end.
func (s *Service) SignOut(ctx context.Context, refreshToken string) error {
	if refreshToken == "" || len(refreshToken) > maxRefreshTokenLen {
		return nil
	}
	_, err := s.store.RevokeFamily(ctx, refreshToken, s.now())
	if err != nil && !errors.Is(err, ErrSessionEnded) {
		return fmt.Errorf("accounts: sign out: %w", err)
	}
	return nil
}

// EndSession ends the session that an access token names (who.Session,
// its refresh token family), for a sign-out that presents no refresh
// token: the family is revoked and the token version bumped. A token from
// outside any session (who.Session "") only has the token version bumped,
// which ends every access token of the account. An account gone is not an
// error: there is nothing left to end.
func (s *Service) EndSession(ctx context.Context, who igfplus.Identity) error {
	family, _ := uuid.Parse(who.Session) // uuid.Nil names no family
	err := s.store.RevokeSession(ctx, who.AccountID, family, s.now())
	if err != nil && igfplus.ErrorCode(err) != igfplus.ENotFound {
		return fmt.Errorf("accounts: end session of account %d: %w", who.AccountID, err)
	}
	return nil
}

// SignOutEverywhere ends every session of the account.
func (s *Service) SignOutEverywhere(ctx context.Context, accountID int64) error {
	if err := s.store.RevokeAll(ctx, accountID, s.now()); err != nil {
		return fmt.Errorf("accounts: sign out account %d everywhere: %w", accountID, err)
	}
	return nil
}

func newRefreshToken() string {
	b := make([]byte, refreshTokenBytes)
	rand.Read(b) // never fails: see crypto/rand.Read
	return base64.RawURLEncoding.EncodeToString(b)
}
