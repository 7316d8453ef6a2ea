package main

import (
	"bytes"
	"encoding/base64"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
)

// TestPublishingSecretsKeyIsConfiguredOrDerivedAndOldKeysStillOpen: with
// nothing set the secrets key is derived from the token key (and differs
// from the ballot key); IGFPLUS_SECRETS_KEY replaces it and still opens
// what the derived key sealed; IGFPLUS_SECRETS_OLD_KEYS open what they
// sealed; a key that is not 32 bytes of base64 is refused.
func TestPublishingSecretsKeyIsConfiguredOrDerivedAndOldKeysStillOpen(t *testing.T) {
	token, err := auth.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	other, _ := auth.GenerateKey()
	b64 := func(b byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, seal.KeySize)) }
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

	cfg, err := parseConfig("igfplus serve", []string{"--secrets-key", b64(2), "--secrets-old-keys", b64(1) + ", " + b64(3)}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	configured := mustSealer(cfg)
	if configured.CurrentKeyID() != seal.KeyID(bytes.Repeat([]byte{2}, seal.KeySize)) {
		t.Fatalf("current key %s, want the configured one", configured.CurrentKeyID())
	}
	underOld, _ := mustSealer(Config{SecretsKey: b64(1)}).Seal("whsec_y", "place")
	for v, want := range map[string]string{underDerived: "whsec_x", underOld: "whsec_y"} {
		if got, err := configured.Open(v, "place"); err != nil || got != want {
			t.Errorf("opening a value sealed with key %s: %q, %v", seal.KeyOf(v), got, err)
		}
	}

	t.Setenv("IGFPLUS_SECRETS_KEY", b64(4))
	t.Setenv("IGFPLUS_SECRETS_OLD_KEYS", b64(1))
	if cfg, err := parseConfig("igfplus serve", nil, io.Discard); err != nil || cfg.SecretsKey != b64(4) || cfg.SecretsOldKeys != b64(1) {
		t.Fatalf("from the environment: %+v, %v", cfg, err)
	}

	short := base64.StdEncoding.EncodeToString(make([]byte, 16))
	for _, c := range []struct {
		cfg  Config
		name string
	}{
		{Config{SecretsKey: short}, "IGFPLUS_SECRETS_KEY"},
		{Config{SecretsKey: "not base64!"}, "IGFPLUS_SECRETS_KEY"},
		{Config{SecretsOldKeys: b64(1) + "," + short}, "IGFPLUS_SECRETS_OLD_KEYS"},
	} {
		if _, err := secretsSealer(c.cfg, token); err == nil || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%+v: %v, want an error naming %s", c.cfg, err, c.name)
		}
	}
}
