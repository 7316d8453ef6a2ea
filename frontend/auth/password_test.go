package auth

import (
	"strings"
	"testing"
)

func TestArgon2idHashVerifiesTheRightPasswordOnly(t *testing.T) {
	h := CheapArgon2id()
	enc, err := h.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("not a PHC argon2id string: %s", enc)
	}
	if ok, err := h.Verify("correct horse battery", enc); err != nil || !ok {
		t.Fatalf("right password: ok=%v err=%v", ok, err)
	}
	if ok, err := h.Verify("correct horse batterY", enc); err != nil || ok {
		t.Fatalf("wrong password: ok=%v err=%v", ok, err)
	}
	again, _ := h.Hash("correct horse battery")
	if again == enc {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
}

func TestArgon2idVerifiesWithTheHashsOwnParameters(t *testing.T) {
	enc, _ := CheapArgon2id().Hash("a long passphrase")
	// A hasher with stronger settings must still verify older hashes.
	if ok, err := DefaultArgon2id().Verify("a long passphrase", enc); err != nil || !ok {
		t.Fatalf("ok=%v err=%v", ok, err)
	}
}

func TestDefaultArgon2idFollowsOWASP(t *testing.T) {
	h := DefaultArgon2id()
	if h.Memory != 19456 || h.Time != 2 || h.Threads != 1 {
		t.Fatalf("got m=%d t=%d p=%d", h.Memory, h.Time, h.Threads)
	}
}

func TestArgon2idRefusesMalformedHashes(t *testing.T) {
	good, _ := CheapArgon2id().Hash("a long passphrase")
	parts := strings.Split(good, "$") // "", argon2id, v=19, m=..., salt, hash
	salt, hash := parts[4], parts[5]
	for name, enc := range map[string]string{
		"empty":            "",
		"bcrypt":           "$2a$10$abcdefghijklmnopqrstuuJ6bJ4eG1Vqz6t3a6s9X1QJ1vL0b6WmK",
		"argon2i":          "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + hash,
		"old version":      "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + hash,
		"missing part":     "$argon2id$v=19$m=64,t=1,p=1$" + salt,
		"extra part":       good + "$x",
		"params reordered": "$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + hash,
		"params padded":    "$argon2id$v=19$m=064,t=1,p=1$" + salt + "$" + hash,
		"zero time":        "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + hash,
		"zero threads":     "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + hash,
		"huge memory":      "$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + hash,
		"memory < 8p":      "$argon2id$v=19$m=8,t=1,p=2$" + salt + "$" + hash,
		"bad salt":         "$argon2id$v=19$m=64,t=1,p=1$!!!!$" + hash,
		"short salt":       "$argon2id$v=19$m=64,t=1,p=1$AAAA$" + hash,
		"padded hash":      "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + hash + "=",
		"short hash":       "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$AAAAAAAA",
	} {
		t.Run(name, func(t *testing.T) {
			ok, err := CheapArgon2id().Verify("a long passphrase", enc)
			if err == nil || ok {
				t.Fatalf("accepted %q: ok=%v err=%v", enc, ok, err)
			}
		})
	}
}
