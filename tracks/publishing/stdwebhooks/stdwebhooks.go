// Package stdwebhooks signs and verifies messages by the Standard Webhooks
// specification (standardwebhooks.com): headers webhook-id,
// webhook-timestamp and webhook-signature, the signature over
// "id.timestamp.body", HMAC-SHA256 ("v1,", secrets "whsec_<base64>") and
// Ed25519 ("v1a,", private keys "whsk_<base64>", public keys
// "whpk_<base64>"), several signatures separated by spaces during key
// rotation.
//
// It is written here rather than imported: the specification's Go library
// signs with HMAC only, and the whole scheme is a page of standard-library
// cryptography, tested against the specification's vector.
package stdwebhooks

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The header names.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// The key prefixes.
const (
	HMACPrefix       = "whsec_"
	PrivateKeyPrefix = "whsk_"
	PublicKeyPrefix  = "whpk_"
)

// ErrNoMatch is returned when no signature verifies.
var ErrNoMatch = errors.New("stdwebhooks: no matching signature")

func content(id string, ts int64, body []byte) []byte {
	b := make([]byte, 0, len(id)+len(body)+24)
	b = append(b, id...)
	b = append(b, '.')
	b = strconv.AppendInt(b, ts, 10)
	b = append(b, '.')
	return append(b, body...)
}

func decodeKey(s, prefix string) ([]byte, error) {
	if !strings.HasPrefix(s, prefix) {
		return nil, fmt.Errorf("stdwebhooks: key does not start with %s", prefix)
	}
	k, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, prefix))
	if err != nil || len(k) == 0 {
		return nil, fmt.Errorf("stdwebhooks: bad %s key", prefix)
	}
	return k, nil
}

// Sign returns the webhook-signature header value for the message: one
// signature per key, in order, space-separated. Keys are "whsec_" HMAC
// secrets or "whsk_" Ed25519 private keys (64-byte key or 32-byte seed).
func Sign(keys []string, id string, ts time.Time, body []byte) (string, error) {
	msg := content(id, ts.Unix(), body)
	sigs := make([]string, 0, len(keys))
	for _, key := range keys {
		switch {
		case strings.HasPrefix(key, HMACPrefix):
			k, err := decodeKey(key, HMACPrefix)
			if err != nil {
				return "", err
			}
			m := hmac.New(sha256.New, k)
			m.Write(msg)
			sigs = append(sigs, "v1,"+base64.StdEncoding.EncodeToString(m.Sum(nil)))
		case strings.HasPrefix(key, PrivateKeyPrefix):
			priv, err := privateKey(key)
			if err != nil {
				return "", err
			}
			sigs = append(sigs, "v1a,"+base64.StdEncoding.EncodeToString(ed25519.Sign(priv, msg)))
		default:
			return "", errors.New("stdwebhooks: unknown key kind")
		}
	}
	if len(sigs) == 0 {
		return "", errors.New("stdwebhooks: no signing key")
	}
	return strings.Join(sigs, " "), nil
}

// privateKey decodes a "whsk_" key: an Ed25519 seed or whole private key.
func privateKey(key string) (ed25519.PrivateKey, error) {
	k, err := decodeKey(key, PrivateKeyPrefix)
	if err != nil {
		return nil, err
	}
	switch len(k) {
	case ed25519.SeedSize:
		return ed25519.NewKeyFromSeed(k), nil
	case ed25519.PrivateKeySize:
		return ed25519.PrivateKey(k), nil
	}
	return nil, errors.New("stdwebhooks: bad Ed25519 private key length")
}

// SetHeaders signs body and sets the three headers on h.
func SetHeaders(h http.Header, keys []string, id string, ts time.Time, body []byte) error {
	sig, err := Sign(keys, id, ts, body)
	if err != nil {
		return err
	}
	h.Set(HeaderID, id)
	h.Set(HeaderTimestamp, strconv.FormatInt(ts.Unix(), 10))
	h.Set(HeaderSignature, sig)
	return nil
}

// Verify checks the headers of a received message against its raw body:
// the timestamp within tolerance of now, and at least one signature made
// by one of secrets ("whsec_") or publicKeys ("whpk_"). It returns the
// message id. Comparisons are constant-time.
func Verify(secrets, publicKeys []string, h http.Header, body []byte, now time.Time, tolerance time.Duration) (string, error) {
	id, tsText, sigText := h.Get(HeaderID), h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if id == "" || tsText == "" || sigText == "" {
		return "", errors.New("stdwebhooks: missing header")
	}
	ts, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil {
		return "", errors.New("stdwebhooks: bad timestamp")
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return "", errors.New("stdwebhooks: timestamp out of tolerance")
	}
	msg := content(id, ts, body)
	var macs [][]byte
	for _, s := range secrets {
		k, err := decodeKey(s, HMACPrefix)
		if err != nil {
			continue
		}
		m := hmac.New(sha256.New, k)
		m.Write(msg)
		macs = append(macs, m.Sum(nil))
	}
	var pubs []ed25519.PublicKey
	for _, p := range publicKeys {
		if k, err := decodeKey(p, PublicKeyPrefix); err == nil && len(k) == ed25519.PublicKeySize {
			pubs = append(pubs, ed25519.PublicKey(k))
		}
	}
	for _, sig := range strings.Fields(sigText) {
		version, value, ok := strings.Cut(sig, ",")
		if !ok {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(value)
		if err != nil {
			continue
		}
		switch version {
		case "v1":
			for _, mac := range macs {
				if hmac.Equal(mac, raw) {
					return id, nil
				}
			}
		case "v1a":
			for _, pub := range pubs {
				if ed25519.Verify(pub, msg, raw) {
					return id, nil
				}
			}
		}
	}
	return "", ErrNoMatch
}

// NewHMACSecret returns a fresh random "whsec_" secret (24 bytes, as the
// specification's libraries make them).
func NewHMACSecret() string {
	k := make([]byte, 24)
	rand.Read(k)
	return HMACPrefix + base64.StdEncoding.EncodeToString(k)
}

// NewEd25519Key returns a fresh "whsk_" private key and its "whpk_"
// public key.
func NewEd25519Key() (private, public string) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	return PrivateKeyPrefix + base64.StdEncoding.EncodeToString(priv), PublicKeyPrefix + base64.StdEncoding.EncodeToString(pub)
}

// PublicKeyOf returns the "whpk_" public key of a "whsk_" private key.
func PublicKeyOf(private string) (string, error) {
	priv, err := privateKey(private)
	if err != nil {
		return "", err
	}
	return PublicKeyPrefix + base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey)), nil
}
