// Package argon2id hashes passwords with argon2id
// (golang.org/x/crypto/argon2) for the accounts domain, which decides that
// passwords are kept hashed and declares what it needs (accounts.Hasher).
// Hashes are PHC strings that carry their parameters, so stronger settings
// later never invalidate a stored hash.
package argon2id

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"

	"github.com/igfplus/igfplus/tracks/accounts"
)

// Hasher hashes passwords with argon2id and encodes them in the PHC string
// format: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash> (unpadded base64), so
// that a hash keeps the parameters it was made with and stronger settings
// later do not invalidate it.
type Hasher struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

var _ accounts.Hasher = (*Hasher)(nil)

// Default is OWASP's recommended minimum for argon2id (19 MiB, two passes,
// one thread): tens of milliseconds per sign-in, which keeps a thousand
// participants signing in at a session's start affordable.
func Default() *Hasher {
	return &Hasher{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// Cheap is for tests only: it is far too weak to protect real passwords,
// and fast.
func Cheap() *Hasher {
	return &Hasher{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// Bounds on the parameters Verify accepts from a stored hash, so that a
// corrupted or planted hash cannot make one sign-in eat the server.
const (
	maxMemory = 1 << 20 // KiB: 1 GiB
	maxTime   = 64
	minSalt   = 8
	minKey    = 16
	maxKey    = 128
)

var b64 = base64.RawStdEncoding

// Hash implements accounts.Hasher.
func (h *Hasher) Hash(password string) (string, error) {
	salt := make([]byte, h.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("argon2id: salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, h.Time, h.Memory, h.Threads, h.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, h.Memory, h.Time, h.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify implements accounts.Hasher. It uses the parameters recorded in
// encoded, not h's.
func (h *Hasher) Verify(password, encoded string) (bool, error) {
	p, salt, want, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

var errMalformed = errors.New("argon2id: malformed hash")

func decodeHash(encoded string) (p Hasher, salt, key []byte, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errMalformed
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, fmt.Errorf("%w: unsupported version %q", errMalformed, parts[2])
	}
	var threads uint32
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &threads); err != nil || n != 3 ||
		parts[3] != fmt.Sprintf("m=%d,t=%d,p=%d", p.Memory, p.Time, threads) {
		return p, nil, nil, fmt.Errorf("%w: bad parameters %q", errMalformed, parts[3])
	}
	if threads < 1 || threads > 255 || p.Time < 1 || p.Time > maxTime || p.Memory < 8*threads || p.Memory > maxMemory {
		return p, nil, nil, fmt.Errorf("%w: parameters out of range %q", errMalformed, parts[3])
	}
	p.Threads = uint8(threads)
	if salt, err = b64.Strict().DecodeString(parts[4]); err != nil || len(salt) < minSalt {
		return p, nil, nil, fmt.Errorf("%w: bad salt", errMalformed)
	}
	if key, err = b64.Strict().DecodeString(parts[5]); err != nil || len(key) < minKey || len(key) > maxKey {
		return p, nil, nil, fmt.Errorf("%w: bad hash", errMalformed)
	}
	return p, salt, key, nil
}
