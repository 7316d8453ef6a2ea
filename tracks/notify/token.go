package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Tokens sign the unsubscribe links: "<account>.<kind>.<mac>", the MAC an
// HMAC-SHA-256 of the account and kind under the installation's key, so a
// link names one person's one kind and cannot be made for another.
type Tokens struct{ key []byte }

// NewTokens returns the signer with key (at least 32 bytes, the same on
// every node).
func NewTokens(key []byte) *Tokens { return &Tokens{key: key} }

// Sign returns the token turning k off for account.
func (t *Tokens) Sign(account int64, k Kind) string {
	payload := strconv.FormatInt(account, 10) + "." + string(k)
	return payload + "." + t.mac(payload)
}

// Verify returns the account and kind token names, or EInvalid when it
// was not signed with this key.
func (t *Tokens) Verify(token string) (int64, Kind, error) {
	bad := igfplus.Errorf(igfplus.EInvalid, "This unsubscribe link is not valid.")
	i := strings.LastIndexByte(token, '.')
	if i < 0 {
		return 0, "", bad
	}
	payload, mac := token[:i], token[i+1:]
	if !hmac.Equal([]byte(mac), []byte(t.mac(payload))) {
		return 0, "", bad
	}
	id, kind, _ := strings.Cut(payload, ".")
	account, err := strconv.ParseInt(id, 10, 64)
	if err != nil || (Kind(kind) != Reminders && Kind(kind) != Activity) {
		return 0, "", bad
	}
	return account, Kind(kind), nil
}

func (t *Tokens) mac(payload string) string {
	h := hmac.New(sha256.New, t.key)
	h.Write([]byte("igfplus unsubscribe v1\x00" + payload))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}
