package auth

import (
	"crypto/ed25519"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestKeysEncodeAndParse(t *testing.T) {
	k, _ := GenerateKey()
	back, err := ParseKey(EncodeKey(k))
	if err != nil || !back.Equal(k) {
		t.Fatalf("round trip: %v", err)
	}
	urlForm := base64.RawURLEncoding.EncodeToString(k.Seed())
	if back, err := ParseKey(urlForm); err != nil || !back.Equal(k) {
		t.Fatalf("URL alphabet: %v", err)
	}
	for _, bad := range []string{"", "not base64!", base64.StdEncoding.EncodeToString(make([]byte, 31)), EncodeKey(k) + "AAAA"} {
		if _, err := ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) accepted", bad)
		}
	}
}

func TestParsePublicKeys(t *testing.T) {
	a, _ := GenerateKey()
	b, _ := GenerateKey()
	pa, pb := a.Public().(ed25519.PublicKey), b.Public().(ed25519.PublicKey)
	keys, err := ParsePublicKeys(" " + EncodePublicKey(pa) + " ,," + EncodePublicKey(pb) + ",")
	if err != nil || len(keys) != 2 || !keys[0].Equal(pa) || !keys[1].Equal(pb) {
		t.Fatalf("got %d keys, %v", len(keys), err)
	}
	if keys, err := ParsePublicKeys(""); err != nil || len(keys) != 0 {
		t.Fatalf("empty list: %v %v", keys, err)
	}
	// A private seed pasted by mistake has the wrong length... as does junk.
	if _, err := ParsePublicKeys(EncodePublicKey(pa) + "," + base64.StdEncoding.EncodeToString(a)); err == nil {
		t.Fatal("a 64-byte private key accepted as a public key")
	}
}

func TestLoadOrCreateKeyKeepsOnePrivateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "signing.key")
	// Processes starting together must agree on one key.
	keys := make([]ed25519.PrivateKey, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := LoadOrCreateKey(path)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	for _, k := range keys[1:] {
		if !k.Equal(keys[0]) {
			t.Fatal("concurrent starts created different keys")
		}
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v", info.Mode().Perm(), err)
	}
	again, err := LoadOrCreateKey(path)
	if err != nil || !again.Equal(keys[0]) {
		t.Fatalf("reload: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("left %d files in the folder", len(entries))
	}

	os.Chmod(path, 0o644)
	if _, err := LoadOrCreateKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a world-readable key was used: %v", err)
	}
}
