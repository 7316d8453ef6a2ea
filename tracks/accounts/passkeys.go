package accounts

import (
	"context"
	"time"
)

// Passkey is one of an account's passkeys (a WebAuthn credential).
type Passkey struct {
	// ID is the credential's id, which the authenticator names it by.
	ID []byte
	// Credential is the verifier's record of it (public key, sign count,
	// flags), kept as the verifier encodes it.
	Credential []byte
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// PasskeyStore keeps accounts' passkeys.
type PasskeyStore interface {
	// AddPasskey stores the account's new passkey. EConflict when a
	// passkey with its id exists.
	AddPasskey(ctx context.Context, accountID int64, p Passkey) error
	// Passkeys returns the account's passkeys, oldest first.
	Passkeys(ctx context.Context, accountID int64) ([]Passkey, error)
	// PasskeyOwner returns the account a passkey belongs to, or ENotFound.
	PasskeyOwner(ctx context.Context, id []byte) (int64, error)
	// UsePasskey writes the passkey's record after a sign-in with it (its
	// new sign count) and when it was used.
	UsePasskey(ctx context.Context, id, credential []byte, at time.Time) error
	// DeletePasskey removes the account's passkey with id; ENotFound when
	// the account has none with that id.
	DeletePasskey(ctx context.Context, accountID int64, id []byte) error
}
