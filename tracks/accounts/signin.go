package accounts

import (
	"context"
	"fmt"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// errBadCredentials is the one answer to a failed sign-in, whether the email
// is unknown or the password wrong, so that sign-in does not reveal who has
// an account.
var errBadCredentials = igfplus.Errorf(igfplus.EUnauthorized, "The email or password is incorrect.")

// SignIn checks email and password and starts a session.
func (s *Service) SignIn(ctx context.Context, email, password string) (*Session, error) {
	// A password longer than any we accept cannot match; refusing it early
	// also bounds the hashing work a caller can demand.
	if len(password) > 4*MaxPasswordLen {
		return nil, errBadCredentials
	}
	a, hash, err := s.store.Credentials(ctx, normalizeEmail(email))
	// An account made through an identity provider has no password
	// (hash ""): it is refused as an unknown address is, in the same time.
	if igfplus.ErrorCode(err) == igfplus.ENotFound || (err == nil && hash == "") {
		// Spend the time a real check would, so that response times do not
		// tell registered emails from unknown ones.
		if _, err := s.verifyPassword(ctx, password, s.dummyHash()); err != nil && igfplus.ErrorCode(err) != igfplus.EInternal {
			return nil, err // no slot free: the same answer as for a known email
		}
		return nil, errBadCredentials
	}
	if err != nil {
		return nil, fmt.Errorf("accounts: sign in: %w", err)
	}
	ok, err := s.verifyPassword(ctx, password, hash)
	if code := igfplus.ErrorCode(err); code != "" && code != igfplus.EInternal {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("accounts: sign in account %d: %w", a.ID, err)
	}
	if !ok {
		return nil, errBadCredentials
	}
	return s.startSession(ctx, a)
}

// dummyHash is a real hash of nothing in particular, made with the same
// hasher (hence the same cost) as stored ones.
func (s *Service) dummyHash() string {
	s.dummyOnce.Do(func() {
		s.dummy, _ = s.hasher.Hash("not a password anyone has")
	})
	return s.dummy
}
