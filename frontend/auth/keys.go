package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/igfplus/igfplus/deploy/keyfile"
)

// Keys are the access-token keys: one Ed25519 key that signs, and the public
// keys that verify. To rotate, start signing with a new key and keep the old
// public key among the verification keys for one access-token lifetime.
type Keys struct {
	signing ed25519.PrivateKey
	kid     string
	verify  map[string]ed25519.PublicKey
}

// NewKeys returns keys that sign with signing and verify tokens signed by it
// or by any of previous.
func NewKeys(signing ed25519.PrivateKey, previous ...ed25519.PublicKey) *Keys {
	pub := signing.Public().(ed25519.PublicKey)
	k := &Keys{signing: signing, kid: KeyID(pub), verify: map[string]ed25519.PublicKey{KeyID(pub): pub}}
	for _, p := range previous {
		k.verify[KeyID(p)] = p
	}
	return k
}

// PublicKey is the signing key's public half: the one to keep among the
// verification keys (see ParsePublicKeys) after the next rotation.
func (k *Keys) PublicKey() ed25519.PublicKey { return k.signing.Public().(ed25519.PublicKey) }

// KeyID names a public key in a token's "kid" header. It is derived from the
// key, so that the verification keys need no separate names to configure.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return base64.RawURLEncoding.EncodeToString(sum[:9])
}

// GenerateKey returns a new random signing key.
func GenerateKey() (ed25519.PrivateKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	return priv, err
}

// EncodeKey encodes a signing key as the base64 of its 32-byte seed, the
// form ParseKey and LoadOrCreateKey read.
func EncodeKey(k ed25519.PrivateKey) string {
	return base64.StdEncoding.EncodeToString(k.Seed())
}

// ParseKey reads a signing key from the base64 (standard or URL alphabet,
// padded or not) of its 32-byte seed.
func ParseKey(s string) (ed25519.PrivateKey, error) {
	seed, err := decodeBase64(s)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, errors.New("auth: a signing key must be the base64 of a 32-byte Ed25519 seed")
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// EncodePublicKey encodes a public key as base64, the form ParsePublicKeys
// reads.
func EncodePublicKey(pub ed25519.PublicKey) string {
	return base64.StdEncoding.EncodeToString(pub)
}

// ParsePublicKeys reads a comma-separated list of base64 Ed25519 public keys
// (the previous signing keys kept for verification during a rotation). An
// empty list is no keys.
func ParsePublicKeys(list string) ([]ed25519.PublicKey, error) {
	var keys []ed25519.PublicKey
	for i, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		b, err := decodeBase64(s)
		if err != nil || len(b) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("auth: verification key %d is not the base64 of a 32-byte Ed25519 public key", i+1)
		}
		keys = append(keys, ed25519.PublicKey(b))
	}
	return keys, nil
}

// LoadOrCreateKey reads the signing key kept at path, creating it (mode
// 0600) on first use (deploy/keyfile). This is how a single-node install
// gets a stable key without configuration: the key lives in the data
// folder.
func LoadOrCreateKey(path string) (ed25519.PrivateKey, error) {
	s, err := keyfile.LoadOrCreate(path, func() (string, error) {
		k, err := GenerateKey()
		return EncodeKey(k), err
	})
	if err != nil {
		return nil, fmt.Errorf("auth: signing key: %w", err)
	}
	k, err := ParseKey(s)
	if err != nil {
		return nil, fmt.Errorf("auth: %s: %w", path, err)
	}
	return k, nil
}

func decodeBase64(s string) ([]byte, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "=")
	if strings.ContainsAny(s, "-_") {
		return base64.RawURLEncoding.DecodeString(s)
	}
	return base64.RawStdEncoding.DecodeString(s)
}
