package main

import (
	"bytes"
	"encoding/base64"
	"testing"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
)

// TestHubEventKeysAreSharedByNodesAndSurviveASecretsKeyRotation: two nodes
// with the same configuration sign room events with the same key, which
// is none of the secrets keys it is derived from; while the secrets key is
// rotated, a node still signing with the old key is accepted by one that
// signs with the new, and the other way round.
func TestHubEventKeysAreSharedByNodesAndSurviveASecretsKeyRotation(t *testing.T) {
	token, err := auth.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	b64 := func(b byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, seal.KeySize)) }
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
	before := keys(Config{SecretsKey: b64(1)})
	during := keys(Config{SecretsKey: b64(1), SecretsOldKeys: b64(2)}) // step 1: the new key rolled out as an old one
	after := keys(Config{SecretsKey: b64(2), SecretsOldKeys: b64(1)})
	if !has(during, after[0]) || !has(after, during[0]) || !has(after, before[0]) {
		t.Fatal("nodes in the middle of a secrets key rotation refuse each other's events")
	}
	if bytes.Equal(before[0], after[0]) {
		t.Fatal("the event key did not change with the secrets key")
	}
}
