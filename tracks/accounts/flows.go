package accounts

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"time"
)

// Flows keeps a sign-in under way between its two requests (an OpenID
// Connect redirect and its return, a WebAuthn ceremony's challenge and
// its answer), so that any node can finish what another began. The
// browser holds the flow's key in a cookie; stores keep only its hash.
type Flows interface {
	// SaveFlow keeps data as the flow of kind with key until expires.
	SaveFlow(ctx context.Context, kind, key string, data []byte, expires time.Time) error
	// TakeFlow returns the data of the unexpired flow of kind with key and
	// deletes it, so that a flow is finished once. ENotFound otherwise.
	TakeFlow(ctx context.Context, kind, key string, now time.Time) ([]byte, error)
}

// NewFlowKey returns a new flow key: 32 random bytes, URL-safe.
func NewFlowKey() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails: see crypto/rand.Read
	return base64.RawURLEncoding.EncodeToString(b)
}
