package auth

import (
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// SessionOf is Verify for signing out: it checks the token's length,
// algorithm, key, signature, issuer and audience, but not its times, so
// that a token that expired (or whose account's token version moved on)
// still names the session it was issued in. Ending a session is all it is
// good for: a stolen old token can only sign its owner out, which the
// owner's refresh token undoes by signing in again. Every failure is
// EUnauthorized.
func (t *Tokens) SessionOf(token string) (who igfplus.Identity, err error) {
	if len(token) > MaxTokenLen {
		return who, errBadToken
	}
	var c claims
	_, err = t.lenient.ParseWithClaims(token, &c, t.key)
	if err != nil || c.Issuer != t.cfg.Issuer || !slices.Contains(c.Audience, t.cfg.Audience) {
		return who, errBadToken.Because(err)
	}
	return c.identity()
}
