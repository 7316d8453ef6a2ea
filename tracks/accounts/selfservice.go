package accounts

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// SendVerification mails the account's holder a new link confirming its
// address (the one sent at registration may have been lost).
func (s *Service) SendVerification(ctx context.Context, accountID int64) error {
	a, err := s.store.Account(ctx, accountID)
	if err != nil {
		return err
	}
	return s.mailLink(ctx, a, PurposeVerifyEmail, LetterVerifyEmail, VerifyLinkTTL)
}

// VerifyEmail confirms the address that the link with token was sent to.
// ErrLinkInvalid when the link is unknown, used or expired.
func (s *Service) VerifyEmail(ctx context.Context, token string) error {
	if _, err := s.store.VerifyEmail(ctx, token, s.now()); err != nil {
		return fmt.Errorf("accounts: verify e-mail: %w", err)
	}
	return nil
}

// RequestPasswordReset mails a link that sets a new password to the
// account with email, if there is one. It answers alike either way, so it
// tells nobody who has an account; an address that is not one at all is
// EInvalid.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	email = normalizeEmail(email)
	if !validEmail(email) {
		return igfplus.Errorf(igfplus.EInvalid, "Enter a valid email address, like name@example.org.")
	}
	a, _, err := s.store.Credentials(ctx, email)
	if igfplus.ErrorCode(err) == igfplus.ENotFound {
		return nil
	}
	if err != nil {
		return fmt.Errorf("accounts: password reset: %w", err)
	}
	return s.mailLink(ctx, a, PurposeResetPassword, LetterResetPassword, ResetLinkTTL)
}

// ResetPassword sets password on the account whose reset link has token,
// uses the link up, and ends every session of the account (whoever knew
// the old password is signed out). The mailbox's owner proved it theirs,
// so the address counts as verified too.
func (s *Service) ResetPassword(ctx context.Context, token, password string) error {
	if n := utf8.RuneCountInString(password); n < MinPasswordLen || n > MaxPasswordLen {
		return igfplus.Errorf(igfplus.EInvalid, "The password must be 10 to 256 characters long.")
	}
	hash, err := s.hashPassword(ctx, password)
	if err != nil {
		return fmt.Errorf("accounts: hash password: %w", err)
	}
	if _, err := s.store.ResetPassword(ctx, token, hash, s.now()); err != nil {
		return fmt.Errorf("accounts: reset password: %w", err)
	}
	return nil
}
