package accounts

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// How long a mailed link works. A verification link may wait in an inbox
// for a while; a reset link opens the account, so it is short-lived.
const (
	VerifyLinkTTL = 7 * 24 * time.Hour
	ResetLinkTTL  = time.Hour
)

// LinkPurpose is what a mailed link does.
type LinkPurpose string

// The links' purposes.
const (
	PurposeVerifyEmail   LinkPurpose = "verify_email"
	PurposeResetPassword LinkPurpose = "reset_password"
	PurposeChangeEmail   LinkPurpose = "change_email"
)

// Link is a single-use link mailed to an account's address.
type Link struct {
	// Token is the link's secret; stores keep only its hash.
	Token     string
	AccountID int64
	Purpose   LinkPurpose
	// Email is the address the link was sent to: verifying it verifies
	// that address only, not one the account changed to since.
	Email     string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// ErrLinkInvalid is the one answer to a link that is unknown, expired,
// used, or superseded by a newer one: which it was tells nobody anything
// useful.
var ErrLinkInvalid = igfplus.Errorf(igfplus.EInvalid, "This link has expired or has already been used. Ask for a new one.")

// newToken is a link's secret: 256 random bits, URL-safe.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// mailLink stores a new link of purpose for a and mails it as kind.
func (s *Service) mailLink(ctx context.Context, a *Account, purpose LinkPurpose, kind LetterKind, ttl time.Duration) error {
	if s.mailer == nil {
		return nil
	}
	now := s.now()
	l := Link{Token: newToken(), AccountID: a.ID, Purpose: purpose, Email: a.Email, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := s.store.CreateLink(ctx, l); err != nil {
		return fmt.Errorf("accounts: %s link for %d: %w", purpose, a.ID, err)
	}
	return s.mail(ctx, a, kind, l.Token)
}

// mail queues a letter of kind to a's holder.
func (s *Service) mail(ctx context.Context, a *Account, kind LetterKind, token string) error {
	if s.mailer == nil {
		return nil
	}
	err := s.mailer.Mail(ctx, Letter{Kind: kind, To: a.Email, Locale: a.Locale, Name: a.DisplayName, Token: token})
	if err != nil {
		return fmt.Errorf("accounts: mail %s to %d: %w", kind, a.ID, err)
	}
	return nil
}
