package auth

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Defaults of TokenConfig.
const (
	DefaultAccessTTL = 15 * time.Minute
	DefaultLeeway    = 30 * time.Second
	// MaxTokenLen bounds a token before any parsing, so that a hostile
	// header cannot make verification decode or split megabytes. Ours are
	// well under 1 KiB even with every role.
	MaxTokenLen = 4096
)

// TokenConfig configures Tokens.
type TokenConfig struct {
	Keys *Keys
	// Issuer and Audience are written into tokens and required back: a
	// token minted for another deployment or service is refused.
	Issuer   string
	Audience string
	// TTL is an access token's lifetime (default DefaultAccessTTL).
	TTL time.Duration
	// Leeway tolerates clock skew between nodes (default DefaultLeeway).
	Leeway time.Duration
	// Now is the clock verification uses (default time.Now).
	Now func() time.Time
}

// Tokens mints and verifies access tokens: JWTs signed with Ed25519 (EdDSA).
type Tokens struct {
	cfg    TokenConfig
	parser *jwt.Parser
	// lenient checks the algorithm and signature only (SessionOf).
	lenient *jwt.Parser
}

var _ accounts.Tokens = (*Tokens)(nil)

// NewTokens returns Tokens for cfg; Keys, Issuer and Audience are required.
func NewTokens(cfg TokenConfig) (*Tokens, error) {
	if cfg.Keys == nil || cfg.Issuer == "" || cfg.Audience == "" {
		return nil, errors.New("auth: Keys, Issuer and Audience are required")
	}
	if cfg.TTL <= 0 {
		cfg.TTL = DefaultAccessTTL
	}
	if cfg.Leeway <= 0 {
		cfg.Leeway = DefaultLeeway
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	parser := jwt.NewParser(
		// An allowlist of one: "none", HMAC (with our public key as the
		// secret) and RSA tokens are refused before any key is looked up.
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithAudience(cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(cfg.Leeway),
		jwt.WithTimeFunc(cfg.Now),
	)
	lenient := jwt.NewParser(jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}), jwt.WithoutClaimsValidation())
	return &Tokens{cfg: cfg, parser: parser, lenient: lenient}, nil
}

// claims are an access token's claims. The short names keep tokens small,
// since every request and WebSocket upgrade carries one.
type claims struct {
	Name  string   `json:"name"`
	SG    string   `json:"sg"`
	RG    string   `json:"rg"`
	Roles []string `json:"roles"`
	TV    int      `json:"tv"`
	// SID is the session (refresh token family) the token was issued in,
	// which a sign-out with this token alone ends.
	SID string `json:"sid,omitempty"`
	jwt.RegisteredClaims
}

// Issue implements accounts.Tokens.
func (t *Tokens) Issue(id igfplus.Identity, now time.Time) (string, time.Time, error) {
	if id.Anonymous() {
		return "", time.Time{}, errors.New("auth: cannot issue a token to nobody")
	}
	now = now.Truncate(time.Second) // JWT times are whole seconds
	exp := now.Add(t.cfg.TTL)
	roles := make([]string, len(id.Roles))
	for i, r := range id.Roles {
		roles[i] = string(r)
	}
	c := claims{
		Name: id.Name, SG: string(id.StakeholderGroup), RG: string(id.Region), Roles: roles, TV: id.TokenVersion, SID: id.Session,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    t.cfg.Issuer,
			Subject:   strconv.FormatInt(id.AccountID, 10),
			Audience:  jwt.ClaimStrings{t.cfg.Audience},
			ExpiresAt: jwt.NewNumericDate(exp),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        uuid.NewString(),
		},
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
	tok.Header["kid"] = t.cfg.Keys.kid
	s, err := tok.SignedString(t.cfg.Keys.signing)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("auth: sign access token: %w", err)
	}
	return s, exp, nil
}

// errBadToken is the one answer to any unusable access token: the details
// help an attacker more than a client, which can only refresh or sign in.
var errBadToken = igfplus.Errorf(igfplus.EUnauthorized, "Your access token is invalid or has expired.")

// Verify checks token's length, algorithm, key, signature, issuer, audience
// and times, and returns the Identity it vouches for. Every failure is
// EUnauthorized. It does not check the token version: Authenticator does.
func (t *Tokens) Verify(token string) (igfplus.Identity, error) {
	who, _, err := t.verifyUntil(token)
	return who, err
}

// verifyUntil is Verify that also tells when the token expires.
func (t *Tokens) verifyUntil(token string) (igfplus.Identity, time.Time, error) {
	if len(token) > MaxTokenLen {
		return igfplus.Identity{}, time.Time{}, errBadToken
	}
	var c claims
	_, err := t.parser.ParseWithClaims(token, &c, t.key)
	if err != nil {
		return igfplus.Identity{}, time.Time{}, errBadToken.Because(err)
	}
	who, err := c.identity()
	if err != nil {
		return igfplus.Identity{}, time.Time{}, err
	}
	return who, c.ExpiresAt.Time, nil
}

// identity is who verified claims vouch for.
func (c *claims) identity() (igfplus.Identity, error) {
	id, err := strconv.ParseInt(c.Subject, 10, 64)
	if err != nil || id <= 0 || c.TV < 1 {
		return igfplus.Identity{}, errBadToken
	}
	who := igfplus.Identity{
		AccountID:        id,
		Name:             c.Name,
		StakeholderGroup: igfplus.StakeholderGroup(c.SG),
		Region:           igfplus.Region(c.RG),
		TokenVersion:     c.TV,
		Session:          c.SID,
	}
	for _, r := range c.Roles {
		// A role this build does not know (minted by a newer node during a
		// rolling deploy) is dropped: fewer rights, never more.
		if role := igfplus.Role(r); role.Valid() {
			who.Roles = append(who.Roles, role)
		}
	}
	return who, nil
}

// key finds the verification key named by the token's kid. Without a kid
// there is no key: trying every key would let old keys linger unnoticed.
func (t *Tokens) key(tok *jwt.Token) (any, error) {
	kid, _ := tok.Header["kid"].(string)
	pub, ok := t.cfg.Keys.verify[kid]
	if !ok {
		return nil, fmt.Errorf("unknown key id %q", kid)
	}
	return pub, nil
}
