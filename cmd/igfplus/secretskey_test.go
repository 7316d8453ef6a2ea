package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
)

// newTokenKey is a fresh token signing key, the one the secrets key and
// the hub's event keys are derived from when nothing else is configured.
func newTokenKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	k, err := auth.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// sealKey is a secrets key of seal.KeySize bytes b, in base64 as configured.
func sealKey(b byte) string {
	return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, seal.KeySize))
}

// TestPublishingSecretsKeyIsConfiguredOrDerivedAndOldKeysStillOpen: with
// nothing set the secrets key is derived from the token key (and differs
// from the ballot key); IGFPLUS_SECRETS_KEY replaces it and still opens
// what the derived key sealed; IGFPLUS_SECRETS_OLD_KEYS open what they
// sealed; a key that is not 32 bytes of base64 is refused.
func TestPublishingSecretsKeyIsConfiguredOrDerivedAndOldKeysStillOpen(t *testing.T) {
	token := newTokenKey(t)
	other := newTokenKey(t)
	mustSealer := func(cfg Config) *seal.Sealer {
		t.Helper()
		s, err := secretsSealer(cfg, token)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	derived := mustSealer(Config{})
	if derived.CurrentKeyID() != mustSealer(Config{}).CurrentKeyID() {
		t.Fatal("the derived key differs between two starts")
	}
	if s, _ := secretsSealer(Config{}, other); s.CurrentKeyID() == derived.CurrentKeyID() {
		t.Fatal("two token keys derive the same secrets key")
	}
	ballot, _ := ballotKey(Config{BallotKeyFile: filepath.Join(t.TempDir(), "ballot.key")})
	if bytes.Equal(ballot, derivedSecretsKey(token)) {
		t.Fatal("the secrets key is the ballot key")
	}
	underDerived, _ := derived.Seal("whsec_x", "place")

	cfg, err := parseConfig("igfplus serve", []string{"--secrets-key", sealKey(2), "--secrets-old-keys", sealKey(1) + ", " + sealKey(3)}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	configured := mustSealer(cfg)
	if configured.CurrentKeyID() != seal.KeyID(bytes.Repeat([]byte{2}, seal.KeySize)) {
		t.Fatalf("current key %s, want the configured one", configured.CurrentKeyID())
	}
	underOld, _ := mustSealer(Config{SecretsKey: sealKey(1)}).Seal("whsec_y", "place")
	for v, want := range map[string]string{underDerived: "whsec_x", underOld: "whsec_y"} {
		if got, err := configured.Open(v, "place"); err != nil || got != want {
			t.Errorf("opening a value sealed with key %s: %q, %v", seal.KeyOf(v), got, err)
		}
	}

	t.Setenv("IGFPLUS_SECRETS_KEY", sealKey(4))
	t.Setenv("IGFPLUS_SECRETS_OLD_KEYS", sealKey(1))
	if cfg, err := parseConfig("igfplus serve", nil, io.Discard); err != nil || cfg.SecretsKey != sealKey(4) || cfg.SecretsOldKeys != sealKey(1) {
		t.Fatalf("from the environment: %+v, %v", cfg, err)
	}

	short := base64.StdEncoding.EncodeToString(make([]byte, 16))
	for _, c := range []struct {
		cfg  Config
		name string
	}{
		{Config{SecretsKey: short}, "IGFPLUS_SECRETS_KEY"},
		{Config{SecretsKey: "not base64!"}, "IGFPLUS_SECRETS_KEY"},
		{Config{SecretsOldKeys: sealKey(1) + "," + short}, "IGFPLUS_SECRETS_OLD_KEYS"},
	} {
		if _, err := secretsSealer(c.cfg, token); err == nil || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%+v: %v, want an error naming %s", c.cfg, err, c.name)
		}
	}
}

// TestHubEventKeysAreSharedByNodesAndSurviveASecretsKeyRotation: two nodes
// with the same configuration sign room events with the same key, which
// is none of the secrets keys it is derived from; while the secrets key is
// rotated, a node still signing with the old key is accepted by one that
// signs with the new, and the other way round.
func TestHubEventKeysAreSharedByNodesAndSurviveASecretsKeyRotation(t *testing.T) {
	token := newTokenKey(t)
	keys := func(cfg Config) [][]byte {
		t.Helper()
		k, err := hubEventKeys(cfg, token)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	has := func(keys [][]byte, k []byte) bool {
		for _, x := range keys {
			if bytes.Equal(x, k) {
				return true
			}
		}
		return false
	}
	if !bytes.Equal(keys(Config{})[0], keys(Config{})[0]) {
		t.Fatal("two nodes of one configuration sign with different keys")
	}
	if bytes.Equal(keys(Config{})[0], derivedSecretsKey(token)) {
		t.Fatal("the event key is the secrets key itself")
	}
	before := keys(Config{SecretsKey: sealKey(1)})
	during := keys(Config{SecretsKey: sealKey(1), SecretsOldKeys: sealKey(2)}) // step 1: the new key rolled out as an old one
	after := keys(Config{SecretsKey: sealKey(2), SecretsOldKeys: sealKey(1)})
	if !has(during, after[0]) || !has(after, during[0]) || !has(after, before[0]) {
		t.Fatal("nodes in the middle of a secrets key rotation refuse each other's events")
	}
	if bytes.Equal(before[0], after[0]) {
		t.Fatal("the event key did not change with the secrets key")
	}
}
