package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// testNow is a whole second, as JWT times are.
var testNow = time.Date(2025, 6, 23, 9, 0, 0, 0, time.UTC)

const (
	testIssuer   = "https://igf.test"
	testAudience = "igfplus"
)

// newTestTokens returns Tokens on a fresh key, with the clock at *now.
func newTestTokens(tb testing.TB, now *time.Time, previous ...ed25519.PublicKey) (*Tokens, ed25519.PrivateKey) {
	tb.Helper()
	key, err := GenerateKey()
	if err != nil {
		tb.Fatal(err)
	}
	tokens, err := NewTokens(TokenConfig{
		Keys: NewKeys(key, previous...), Issuer: testIssuer, Audience: testAudience,
		Now: func() time.Time { return *now },
	})
	if err != nil {
		tb.Fatal(err)
	}
	return tokens, key
}

var alice = igfplus.Identity{
	AccountID: 42, Name: "Alice", StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African,
	Roles: []igfplus.Role{igfplus.RoleParticipant, igfplus.RoleModerator}, TokenVersion: 3,
}

// goodClaims are what Issue would write for alice at testNow.
func goodClaims() jwt.MapClaims {
	return jwt.MapClaims{
		"iss": testIssuer, "aud": testAudience, "sub": "42",
		"iat": testNow.Unix(), "exp": testNow.Add(15 * time.Minute).Unix(), "jti": "x",
		"name": "Alice", "sg": "civil_society", "rg": "african", "roles": []string{"participant"}, "tv": 3,
	}
}

// sign makes a token with method, key and kid over claims.
func sign(tb testing.TB, method jwt.SigningMethod, key any, kid string, claims jwt.MapClaims) string {
	tb.Helper()
	tok := jwt.NewWithClaims(method, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func without(c jwt.MapClaims, names ...string) jwt.MapClaims {
	for _, n := range names {
		delete(c, n)
	}
	return c
}

func with(c jwt.MapClaims, name string, v any) jwt.MapClaims {
	c[name] = v
	return c
}

// badTokens are tokens that must all be refused, by name. They are built for
// the Tokens and key given, at testNow.
func badTokens(tb testing.TB, key ed25519.PrivateKey) map[string]string {
	tb.Helper()
	pub := key.Public().(ed25519.PublicKey)
	kid := KeyID(pub)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		tb.Fatal(err)
	}
	_, stranger, _ := ed25519.GenerateKey(rand.Reader)
	ed := jwt.SigningMethodEdDSA
	good := sign(tb, ed, key, kid, goodClaims())
	parts := strings.Split(good, ".")
	return map[string]string{
		"alg none": sign(tb, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, kid, goodClaims()),
		// The classic confusion: the verifier's public key used as an HMAC
		// secret.
		"HS256 with public key as secret": sign(tb, jwt.SigningMethodHS256, []byte(pub), kid, goodClaims()),
		"HS256 with encoded public key":   sign(tb, jwt.SigningMethodHS256, []byte(EncodePublicKey(pub)), kid, goodClaims()),
		"RS256":                           sign(tb, jwt.SigningMethodRS256, rsaKey, kid, goodClaims()),
		"missing exp":                     sign(tb, ed, key, kid, without(goodClaims(), "exp")),
		"wrong aud":                       sign(tb, ed, key, kid, with(goodClaims(), "aud", "another-service")),
		"wrong iss":                       sign(tb, ed, key, kid, with(goodClaims(), "iss", "https://evil.test")),
		"missing iss":                     sign(tb, ed, key, kid, without(goodClaims(), "iss")),
		"missing aud":                     sign(tb, ed, key, kid, without(goodClaims(), "aud")),
		"expired beyond leeway":           sign(tb, ed, key, kid, with(goodClaims(), "exp", testNow.Add(-31*time.Second).Unix())),
		"issued in the future":            sign(tb, ed, key, kid, with(goodClaims(), "iat", testNow.Add(time.Minute).Unix())),
		"unknown kid":                     sign(tb, ed, key, "no-such-key", goodClaims()),
		"no kid":                          sign(tb, ed, key, "", goodClaims()),
		"stranger's key under our kid":    sign(tb, ed, stranger, kid, goodClaims()),
		"stranger's key and kid":          sign(tb, ed, stranger, KeyID(stranger.Public().(ed25519.PublicKey)), goodClaims()),
		"tampered claims":                 parts[0] + "." + strings.TrimRight(parts[1], "A") + "B." + parts[2],
		"bad subject":                     sign(tb, ed, key, kid, with(goodClaims(), "sub", "alice")),
		"zero token version":              sign(tb, ed, key, kid, with(goodClaims(), "tv", 0)),
		"garbage":                         "not a token",
		"10,000 dots":                     strings.Repeat(".", 10_000),
		"too long":                        parts[0] + "." + strings.Repeat("A", MaxTokenLen) + "." + parts[2],
	}
}

func TestVerifyAcceptsIssuedToken(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	tok, exp, err := tokens.Issue(alice, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if !exp.Equal(testNow.Add(DefaultAccessTTL)) {
		t.Fatalf("expires %v", exp)
	}
	who, err := tokens.Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	if who.AccountID != 42 || who.Name != "Alice" || who.StakeholderGroup != igfplus.CivilSociety ||
		who.Region != igfplus.African || who.TokenVersion != 3 || !who.Has(igfplus.RoleModerator) || len(who.Roles) != 2 {
		t.Fatalf("got %+v", who)
	}
}

func TestVerifyRefusesBadTokens(t *testing.T) {
	now := testNow
	tokens, key := newTestTokens(t, &now)
	// Sanity: the hand-made good token passes, so each refusal below is
	// down to what its case changes.
	if _, err := tokens.Verify(sign(t, jwt.SigningMethodEdDSA, key, KeyID(key.Public().(ed25519.PublicKey)), goodClaims())); err != nil {
		t.Fatalf("good token refused: %v", err)
	}
	for name, tok := range badTokens(t, key) {
		t.Run(name, func(t *testing.T) {
			who, err := tokens.Verify(tok)
			if igfplus.ErrorCode(err) != igfplus.EUnauthorized {
				t.Fatalf("got %+v, %v; want EUnauthorized", who, err)
			}
		})
	}
}

func TestVerifyAllowsLeewayForExpiry(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	tok, exp, _ := tokens.Issue(alice, testNow)
	now = exp.Add(29 * time.Second)
	if _, err := tokens.Verify(tok); err != nil {
		t.Fatalf("within leeway: %v", err)
	}
	now = exp.Add(31 * time.Second)
	if _, err := tokens.Verify(tok); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("beyond leeway: %v", err)
	}
}

func TestVerifyAcceptsPreviousKeyDuringRotation(t *testing.T) {
	now := testNow
	old, oldKey := newTestTokens(t, &now)
	tok, _, _ := old.Issue(alice, testNow)
	rotated, _ := newTestTokens(t, &now, oldKey.Public().(ed25519.PublicKey))
	if _, err := rotated.Verify(tok); err != nil {
		t.Fatalf("token of the previous key refused: %v", err)
	}
	forgotten, _ := newTestTokens(t, &now)
	if _, err := forgotten.Verify(tok); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("token of a dropped key: %v", err)
	}
}

func TestVerifyDropsUnknownRoles(t *testing.T) {
	now := testNow
	tokens, key := newTestTokens(t, &now)
	tok := sign(t, jwt.SigningMethodEdDSA, key, KeyID(key.Public().(ed25519.PublicKey)),
		with(goodClaims(), "roles", []string{"participant", "emperor"}))
	who, err := tokens.Verify(tok)
	if err != nil || len(who.Roles) != 1 || who.Roles[0] != igfplus.RoleParticipant {
		t.Fatalf("got %v, %v", who.Roles, err)
	}
}

// Hostile tokens must cost a bounded amount of memory: the length check
// comes before any splitting or base64 decoding.
func TestVerifyOfHugeTokensUsesBoundedMemory(t *testing.T) {
	now := testNow
	tokens, _ := newTestTokens(t, &now)
	for name, tok := range map[string]string{
		"10,000 dots": strings.Repeat(".", 10_000),
		// Without the length check the parser would base64-decode this
		// megabyte of header.
		"1 MiB header": strings.Repeat("e", 1<<20) + ".e30.AA",
	} {
		t.Run(name, func(t *testing.T) {
			const runs = 50
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			for range runs {
				if _, err := tokens.Verify(tok); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
					t.Fatalf("got %v", err)
				}
			}
			runtime.ReadMemStats(&after)
			if perRun := (after.TotalAlloc - before.TotalAlloc) / runs; perRun > 64<<10 {
				t.Fatalf("verifying allocated %d bytes per run", perRun)
			}
		})
	}
}

func TestNewTokensNeedsIssuerAndAudience(t *testing.T) {
	key, _ := GenerateKey()
	for _, cfg := range []TokenConfig{
		{Issuer: "i", Audience: "a"},
		{Keys: NewKeys(key), Audience: "a"},
		{Keys: NewKeys(key), Issuer: "i"},
	} {
		if _, err := NewTokens(cfg); err == nil {
			t.Errorf("NewTokens(%+v) succeeded", cfg)
		}
	}
}

// The allowlist must refuse other algorithms before any key is looked up,
// not leave it to the key's type to mismatch.
func TestVerifyRefusesOtherAlgorithmsUpFront(t *testing.T) {
	now := testNow
	tokens, key := newTestTokens(t, &now)
	bad := badTokens(t, key)
	for _, name := range []string{"alg none", "HS256 with public key as secret", "RS256"} {
		_, err := tokens.Verify(bad[name])
		if err == nil || !strings.Contains(err.Error(), "signing method") {
			t.Errorf("%s: got %v, want a refusal of the signing method", name, err)
		}
	}
}
