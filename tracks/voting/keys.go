package voting

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"sync"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Keys hold the ballot key and the poll keys derived from it. The ballot
// key is never stored in the database nor, by default, in the data folder
// (docs/BALLOT-SECRECY.md says where it comes from). Each poll's key is
// derived from it and from a random salt the poll keeps only while it is
// open: once the salt is erased at the close, nobody, the key's holder
// included, can recompute the poll's voter tags or open its working rows.
type Keys struct {
	master []byte
	id     []byte

	mu    sync.Mutex
	polls map[int64]*PollKey
}

// NewKeys returns the Keys of a ballot key of at least 32 bytes.
func NewKeys(ballotKey []byte) (*Keys, error) {
	if len(ballotKey) < 32 {
		return nil, errors.New("the ballot key needs at least 32 bytes")
	}
	k := &Keys{master: bytes.Clone(ballotKey), polls: map[int64]*PollKey{}}
	k.id = k.mac([]byte("igfplus ballot key id"))[:8]
	return k, nil
}

func (k *Keys) mac(parts ...[]byte) []byte {
	m := hmac.New(sha256.New, k.master)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

// ID names the ballot key without revealing it: a poll keeps the ID of the
// key it opened under, so that a node holding another key refuses its
// ballots rather than letting its voters vote twice.
func (k *Keys) ID() []byte { return bytes.Clone(k.id) }

// NewSalt is a fresh poll salt.
func NewSalt() []byte {
	s := make([]byte, 16)
	_, _ = rand.Read(s) // crypto/rand.Read never fails on supported platforms
	return s
}

// ErrOtherKey means a poll was opened under another ballot key than this
// node's.
var ErrOtherKey = &igfplus.Error{Code: igfplus.EInternal,
	Message: "This server does not hold the ballot key this poll was opened with: every node needs the same IGFPLUS_BALLOT_KEY."}

// Poll returns poll's key, from its salt and the ID of the key it opened
// under.
func (k *Keys) Poll(poll int64, salt, keyID []byte) (*PollKey, error) {
	if len(salt) == 0 {
		return nil, igfplus.Errorf(igfplus.EConflict, "The poll is not open.")
	}
	if !hmac.Equal(keyID, k.id) {
		return nil, ErrOtherKey
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if p := k.polls[poll]; p != nil && bytes.Equal(p.salt, salt) {
		return p, nil
	}
	var pid [8]byte
	binary.BigEndian.PutUint64(pid[:], uint64(poll))
	block, _ := aes.NewCipher(k.mac([]byte("igfplus poll seal v2\n"), pid[:], salt)) // 32 bytes: AES-256
	aead, _ := cipher.NewGCM(block)
	p := &PollKey{poll: poll, salt: bytes.Clone(salt), tag: k.mac([]byte("igfplus poll tag v2\n"), pid[:], salt), aead: aead}
	k.polls[poll] = p
	return p, nil
}

// Forget drops a closed poll's key from memory.
func (k *Keys) Forget(poll int64) {
	k.mu.Lock()
	delete(k.polls, poll)
	k.mu.Unlock()
}

// PollKey computes one open poll's voter tags and seals its ballots.
type PollKey struct {
	poll int64
	salt []byte
	tag  []byte
	aead cipher.AEAD
}

// Tag is account's voter tag in the poll: the same for every ballot the
// account casts in it, so that a second one collides.
func (p *PollKey) Tag(account int64) []byte {
	m := hmac.New(sha256.New, p.tag)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(account))
	m.Write(b[:])
	return m.Sum(nil)
}

// aad binds a sealed ballot to its poll and ballot id: a sealed content
// copied into another row does not open.
func (p *PollKey) aad(ballotID []byte) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(p.poll))
	return append(b[:], ballotID...)
}

// Seal encrypts what a ballot says for its working row.
func (p *PollKey) Seal(ballotID [16]byte, c Content) ([]byte, error) {
	plain, err := c.encode()
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, p.aead.NonceSize(), p.aead.NonceSize()+len(plain)+p.aead.Overhead())
	_, _ = rand.Read(nonce)
	return p.aead.Seal(nonce, nonce, plain, p.aad(ballotID[:])), nil
}

// Open decrypts a working row's sealed content.
func (p *PollKey) Open(ballotID, sealed []byte) (Content, error) {
	n := p.aead.NonceSize()
	if len(sealed) < n {
		return Content{}, errors.New("voting: a sealed ballot is too short")
	}
	plain, err := p.aead.Open(nil, sealed[:n], sealed[n:], p.aad(ballotID))
	if err != nil {
		return Content{}, errors.New("voting: a sealed ballot does not open under the poll's key")
	}
	return decodeContent(plain)
}
