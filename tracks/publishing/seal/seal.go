// Package seal encrypts the short secrets the platform keeps in its
// database (webhook signing secrets, Ed25519 private keys), so that a dump
// or a read-only SQL injection does not give them away.
//
// A sealed value is text, "sealed:v1:<key id>:<base64 of nonce and
// ciphertext>", made with AES-256-GCM. The key id names the key that sealed
// it, so that values sealed with an old key still open while the old key is
// configured, and can be found and sealed again under the current one. The
// caller names where a value belongs (table, column, row): that place is
// GCM's additional data, so a sealed value copied into another row or
// column does not open.
//
// AES-GCM from the standard library (crypto/aes, crypto/cipher) is all that
// authenticated encryption of a few dozen bytes needs: no dependency is
// added for it.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length of a key: AES-256.
const KeySize = 32

// Prefix starts every sealed value; a stored value without it is not
// sealed (one written before sealing, or an empty one).
const Prefix = "sealed:"

// version is the format this package writes; it is the only one it opens.
const version = "v1"

// The errors of Open. They never carry the value.
var (
	ErrVersion    = errors.New("seal: unknown format version")
	ErrFormat     = errors.New("seal: malformed sealed value")
	ErrUnknownKey = errors.New("seal: sealed with a key that is not configured")
	ErrOpen       = errors.New("seal: the value does not open: another key, another place, or altered")
)

// Sealer seals with its current key and opens with any of its keys.
type Sealer struct {
	current string
	keys    map[string]cipher.AEAD
}

// New returns a sealer that seals with current and opens values sealed
// with current or with any of old (keys being rotated out). Every key is
// KeySize bytes.
func New(current []byte, old ...[]byte) (*Sealer, error) {
	s := &Sealer{keys: map[string]cipher.AEAD{}}
	seen := map[string][]byte{}
	for i, k := range append([][]byte{current}, old...) {
		if len(k) != KeySize {
			return nil, fmt.Errorf("seal: a key is %d bytes, not %d", len(k), KeySize)
		}
		id := KeyID(k)
		if prev, ok := seen[id]; ok {
			if string(prev) != string(k) {
				return nil, fmt.Errorf("seal: two keys have the id %s: generate another", id)
			}
			continue // the same key twice
		}
		block, err := aes.NewCipher(k)
		if err != nil {
			return nil, err
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		seen[id], s.keys[id] = k, aead
		if i == 0 {
			s.current = id
		}
	}
	return s, nil
}

// KeyID names a key in the values it seals: the first 4 bytes of a hash
// of the key, in hex. It tells keys apart and reveals nothing of them.
func KeyID(key []byte) string {
	sum := sha256.Sum256(append([]byte("igfplus seal key id\x00"), key...))
	return hex.EncodeToString(sum[:4])
}

// CurrentKeyID is the id of the key Seal uses.
func (s *Sealer) CurrentKeyID() string { return s.current }

// CurrentPrefix is how every value sealed with the current key starts;
// a stored value that does not start so is to be sealed again.
func (s *Sealer) CurrentPrefix() string { return header(s.current) }

func header(keyID string) string { return Prefix + version + ":" + keyID + ":" }

// Seal encrypts plain for the place ad (e.g. "bodies.inbound_secret 7").
func (s *Sealer) Seal(plain, ad string) (string, error) {
	if s == nil {
		return "", errors.New("seal: no key configured")
	}
	aead := s.keys[s.current]
	h := header(s.current)
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
	rand.Read(nonce) // never fails (crypto/rand)
	out := aead.Seal(nonce, nonce, []byte(plain), []byte(h+ad))
	return h + base64.StdEncoding.EncodeToString(out), nil
}

// Open decrypts a sealed value that was sealed for the place ad, with
// whichever configured key sealed it.
func (s *Sealer) Open(sealed, ad string) (string, error) {
	if s == nil {
		return "", errors.New("seal: no key configured")
	}
	rest, ok := strings.CutPrefix(sealed, Prefix)
	if !ok {
		return "", ErrFormat
	}
	ver, rest, ok := strings.Cut(rest, ":")
	if !ok || ver != version {
		return "", ErrVersion
	}
	id, data, ok := strings.Cut(rest, ":")
	if !ok {
		return "", ErrFormat
	}
	aead, ok := s.keys[id]
	if !ok {
		return "", fmt.Errorf("%w (key %s)", ErrUnknownKey, id)
	}
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil || len(raw) < aead.NonceSize()+aead.Overhead() {
		return "", ErrFormat
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(header(id)+ad))
	if err != nil {
		return "", fmt.Errorf("%w (key %s)", ErrOpen, id)
	}
	return string(plain), nil
}

// SealStored is Seal for a column that may hold no secret: "" stays "".
func (s *Sealer) SealStored(plain, ad string) (string, error) {
	if plain == "" {
		return "", nil
	}
	return s.Seal(plain, ad)
}

// OpenStored is Open for a column that may still hold values written
// before sealing: a value that is not sealed is returned as it is.
func (s *Sealer) OpenStored(stored, ad string) (string, error) {
	if !IsSealed(stored) {
		return stored, nil
	}
	return s.Open(stored, ad)
}

// IsSealed tells a sealed value (of any version) from a plain one.
func IsSealed(v string) bool { return strings.HasPrefix(v, Prefix) }

// KeyOf is the id of the key a sealed value names, for logs; "" when v
// is not a sealed value of a known version.
func KeyOf(v string) string {
	rest, ok := strings.CutPrefix(v, Prefix+version+":")
	if !ok {
		return ""
	}
	id, _, ok := strings.Cut(rest, ":")
	if _, err := hex.DecodeString(id); !ok || err != nil || len(id) != 8 {
		return ""
	}
	return id
}
