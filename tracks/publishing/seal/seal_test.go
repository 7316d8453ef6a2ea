package seal_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/publishing/seal"
	"github.com/igfplus/igfplus/tracks/publishing/seal/sealtest"
)

const secret = "whsec_c2VjcmV0IHNpZ25pbmcga2V5IG9mIGFuIGVuZHBvaW50"

func TestASealedValueOpensWhereItWasSealedAndShowsNothing(t *testing.T) {
	s := sealtest.New(t, sealtest.Key(1))
	v, err := s.Seal(secret, "bodies.inbound_secret 7")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v, "sealed:v1:"+seal.KeyID(sealtest.Key(1))+":") || !strings.HasPrefix(v, s.CurrentPrefix()) || !seal.IsSealed(v) {
		t.Fatalf("sealed value %q lacks its version and key id", v)
	}
	if strings.Contains(v, secret) || strings.Contains(v, secret[6:]) {
		t.Fatalf("sealed value %q carries the secret", v)
	}
	if seal.KeyOf(v) != seal.KeyID(sealtest.Key(1)) {
		t.Fatalf("KeyOf = %q, want %q", seal.KeyOf(v), seal.KeyID(sealtest.Key(1)))
	}
	got, err := s.Open(v, "bodies.inbound_secret 7")
	if err != nil || got != secret {
		t.Fatalf("Open = %q, %v; want the secret", got, err)
	}
	// A fresh nonce each time: the same secret seals differently.
	if again, _ := s.Seal(secret, "bodies.inbound_secret 7"); again == v {
		t.Fatal("two seals of one secret are equal")
	}
	if empty, _ := s.Seal("", "x"); empty == "" {
		t.Fatal("an empty value sealed to nothing")
	} else if got, err := s.Open(empty, "x"); err != nil || got != "" {
		t.Fatalf("the empty value: %q, %v", got, err)
	}
}

func TestAValueDoesNotOpenWithAnotherKey(t *testing.T) {
	v, _ := sealtest.New(t, sealtest.Key(1)).Seal(secret, "place")
	other := sealtest.New(t, sealtest.Key(2))
	if _, err := other.Open(v, "place"); !errors.Is(err, seal.ErrUnknownKey) || !strings.Contains(err.Error(), seal.KeyID(sealtest.Key(1))) {
		t.Fatalf("opening with another key: %v, want unknown key naming %s", err, seal.KeyID(sealtest.Key(1)))
	}
	// Another key under the same id (a forged header) fails to open.
	forged := strings.Replace(v, seal.KeyID(sealtest.Key(1)), seal.KeyID(sealtest.Key(2)), 1)
	if _, err := other.Open(forged, "place"); !errors.Is(err, seal.ErrOpen) {
		t.Fatalf("a value relabelled with the other key's id: %v, want it not to open", err)
	}
}

func TestAValueDoesNotOpenInAnotherPlace(t *testing.T) {
	s := sealtest.New(t, sealtest.Key(1))
	v, _ := s.Seal(secret, "endpoint_secrets.secret 4")
	for _, ad := range []string{"endpoint_secrets.secret 5", "bodies.inbound_secret 4", "", "endpoint_secrets.secret 4 "} {
		if got, err := s.Open(v, ad); !errors.Is(err, seal.ErrOpen) || got != "" {
			t.Errorf("opened for %q: %q, %v", ad, got, err)
		}
	}
}

func TestATamperedValueDoesNotOpen(t *testing.T) {
	s := sealtest.New(t, sealtest.Key(1))
	v, _ := s.Seal(secret, "p")
	i := strings.LastIndex(v, ":") + 1
	raw, _ := base64.StdEncoding.DecodeString(v[i:])
	for n := range raw {
		b := bytes.Clone(raw)
		b[n] ^= 0x01
		if _, err := s.Open(v[:i]+base64.StdEncoding.EncodeToString(b), "p"); !errors.Is(err, seal.ErrOpen) {
			t.Fatalf("byte %d flipped: %v, want it not to open", n, err)
		}
	}
	for _, bad := range []string{v[:i] + "!!", v[:i] + base64.StdEncoding.EncodeToString(raw[:20]), v[:i-1], "sealed:v1:"} {
		if _, err := s.Open(bad, "p"); !errors.Is(err, seal.ErrFormat) && !errors.Is(err, seal.ErrUnknownKey) {
			t.Errorf("Open(%q): %v, want a format error", bad, err)
		}
	}
}

func TestAnUnknownVersionOrAPlainValueIsRefused(t *testing.T) {
	s := sealtest.New(t, sealtest.Key(1))
	v, _ := s.Seal(secret, "p")
	for _, bad := range []string{strings.Replace(v, "sealed:v1:", "sealed:v2:", 1), "sealed:" + secret} {
		if _, err := s.Open(bad, "p"); !errors.Is(err, seal.ErrVersion) {
			t.Errorf("Open(%q): %v, want an unknown version", bad, err)
		}
		if seal.KeyOf(bad) != "" {
			t.Errorf("KeyOf(%q) = %q, want none", bad, seal.KeyOf(bad))
		}
	}
	if _, err := s.Open(secret, "p"); !errors.Is(err, seal.ErrFormat) || seal.IsSealed(secret) {
		t.Errorf("a plain value: %v, want a format error", err)
	}
	if err := func() error { _, err := s.Open(secret, "p"); return err }(); strings.Contains(err.Error(), secret) {
		t.Errorf("the error shows the value: %v", err)
	}
}

func TestRotationOpensOldValuesAndSealsWithTheNewKey(t *testing.T) {
	a, b := sealtest.Key(1), sealtest.Key(2)
	old, _ := sealtest.New(t, a).Seal(secret, "p")
	rotating := sealtest.New(t, b, a)
	if got, err := rotating.Open(old, "p"); err != nil || got != secret {
		t.Fatalf("an old value during the rotation: %q, %v", got, err)
	}
	if strings.HasPrefix(old, rotating.CurrentPrefix()) {
		t.Fatal("an old value counts as sealed with the current key")
	}
	resealed, _ := rotating.Seal(secret, "p")
	if seal.KeyOf(resealed) != seal.KeyID(b) {
		t.Fatalf("sealed with %s, want the current key %s", seal.KeyOf(resealed), seal.KeyID(b))
	}
	if got, err := sealtest.New(t, b).Open(resealed, "p"); err != nil || got != secret {
		t.Fatalf("the new key alone: %q, %v", got, err)
	}
	if _, err := sealtest.New(t, b).Open(old, "p"); !errors.Is(err, seal.ErrUnknownKey) {
		t.Fatalf("an old value once the old key is dropped: %v", err)
	}
}

func TestKeysMustBe32Bytes(t *testing.T) {
	for _, k := range [][]byte{nil, make([]byte, 16), make([]byte, 33)} {
		if _, err := seal.New(k); err == nil {
			t.Errorf("a %d-byte key was accepted", len(k))
		}
		if _, err := seal.New(sealtest.Key(1), k); err == nil {
			t.Errorf("a %d-byte old key was accepted", len(k))
		}
	}
	if _, err := seal.New(sealtest.Key(1), sealtest.Key(1)); err != nil {
		t.Errorf("the current key among the old ones: %v", err)
	}
	var none *seal.Sealer
	if _, err := none.Seal(secret, "p"); err == nil {
		t.Error("a nil sealer sealed")
	}
}

func TestStoredColumnsKeepNoSecretEmptyAndReadPlainValuesAsTheyAre(t *testing.T) {
	s := sealtest.New(t, sealtest.Key(1))
	if v, err := s.SealStored("", "p"); v != "" || err != nil {
		t.Fatalf("no secret sealed to %q, %v", v, err)
	}
	v, _ := s.SealStored(secret, "p")
	for stored, want := range map[string]string{v: secret, secret: secret, "": ""} {
		if got, err := s.OpenStored(stored, "p"); err != nil || got != want {
			t.Errorf("OpenStored(%.16s…) = %v, want the secret", stored, err)
		}
	}
	if _, err := s.OpenStored(v, "q"); !errors.Is(err, seal.ErrOpen) {
		t.Errorf("a sealed value in another place: %v", err)
	}
}
