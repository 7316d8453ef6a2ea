package argon2id

import (
	"strings"
	"testing"
)

func TestHashVerifiesTheRightPasswordOnly(t *testing.T) {
	h := Cheap()
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

func TestVerifyUsesTheHashsOwnParameters(t *testing.T) {
	enc, _ := Cheap().Hash("a long passphrase")
	// A hasher with stronger settings must still verify older hashes.
	if ok, err := Default().Verify("a long passphrase", enc); err != nil || !ok {
		t.Fatalf("ok=%v err=%v", ok, err)
	}
}

func TestDefaultFollowsOWASP(t *testing.T) {
	h := Default()
	if h.Memory != 19456 || h.Time != 2 || h.Threads != 1 {
		t.Fatalf("got m=%d t=%d p=%d", h.Memory, h.Time, h.Threads)
	}
}

func TestVerifyRefusesMalformedHashes(t *testing.T) {
	good, _ := Cheap().Hash("a long passphrase")
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
			ok, err := Cheap().Verify("a long passphrase", enc)
			if err == nil || ok {
				t.Fatalf("accepted %q: ok=%v err=%v", enc, ok, err)
			}
		})
	}
}

// Hashes stored before the hasher moved here from frontend/auth (made by
// that code with its default and test parameters) still verify: the format
// and the parameters did not change.
func TestHashesMadeBeforeTheMoveStillVerify(t *testing.T) {
	for _, c := range []struct{ password, hash string }{
		{"igfplus-demo", "$argon2id$v=19$m=19456,t=2,p=1$SMMq8OrgjuJDYlM+113GxA$FNiXH+hmvtlGFGdEvANuNkZS62dQqz7L78hjn2yuPCE"},
		{"correct horse battery", "$argon2id$v=19$m=64,t=1,p=1$oYHhfA2iUGQAyBlMbP4img$hbZmsPKHIl34DJdLtnKuZioFG13Kh95/ItSgX4Cl/P4"},
	} {
		if ok, err := Default().Verify(c.password, c.hash); err != nil || !ok {
			t.Errorf("%s: ok=%v err=%v", c.hash, ok, err)
		}
		if ok, _ := Default().Verify(c.password+"!", c.hash); ok {
			t.Errorf("%s verifies a wrong password", c.hash)
		}
	}
	if enc, _ := Default().Hash("x"); !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("the default parameters changed: %s", enc)
	}
}
