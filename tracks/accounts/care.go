package accounts

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ChangeEmailLinkTTL is how long a link confirming a new address works:
// the new inbox is at hand when the change is asked.
const ChangeEmailLinkTTL = 24 * time.Hour

// DeletedName is the name a deleted account's contributions carry from
// then on: they stay in the record, pseudonymised (docs/SECURITY.md ("Deleting an account")).
const DeletedName = "Deleted participant"

// ErrWrongPassword answers a change of password or address, or a
// deletion, whose current password is not the account's. It is
// EForbidden, not EUnauthorized: the session is fine, the proof is not;
// sign-in's budgets count it as a failed attempt all the same.
var ErrWrongPassword = igfplus.Errorf(igfplus.EForbidden, "The current password is not right.")

// ErrNoPassword refuses a change that the password proves to an account
// that has none (made through an OpenID provider): a reset link sets one.
var ErrNoPassword = igfplus.Errorf(igfplus.EForbidden, "This account has no password yet: set one with the link “Forgotten your password?” on the sign-in page, then try again.")

// checkPassword returns the account with id if password is its
// password, ErrWrongPassword if not.
func (s *Service) checkPassword(ctx context.Context, id int64, password string) (*Account, error) {
	a, err := s.store.Account(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(password) > 4*MaxPasswordLen {
		return nil, ErrWrongPassword
	}
	_, hash, err := s.store.Credentials(ctx, a.Email)
	if err != nil {
		return nil, fmt.Errorf("accounts: password of %d: %w", id, err)
	}
	if hash == "" { // made through a provider, or reset by one: no password to prove
		return nil, ErrNoPassword
	}
	ok, err := s.verifyPassword(ctx, password, hash)
	if err != nil {
		return nil, fmt.Errorf("accounts: check the password of %d: %w", id, err)
	}
	if !ok {
		return nil, ErrWrongPassword
	}
	return a, nil
}

// ChangePassword sets next as the password of who's account when current
// is its password. Every other session of the account ends; who's own
// (who.Session) goes on, though its access tokens must be renewed (the
// token version is bumped).
func (s *Service) ChangePassword(ctx context.Context, who igfplus.Identity, current, next string) error {
	if n := utf8.RuneCountInString(next); n < MinPasswordLen || n > MaxPasswordLen {
		return igfplus.Errorf(igfplus.EInvalid, "The password must be 10 to 256 characters long.")
	}
	if _, err := s.checkPassword(ctx, who.AccountID, current); err != nil {
		return err
	}
	hash, err := s.hashPassword(ctx, next)
	if err != nil {
		return fmt.Errorf("accounts: hash password: %w", err)
	}
	family, _ := uuid.Parse(who.Session) // uuid.Nil keeps no session
	if err := s.store.ChangePassword(ctx, who.AccountID, hash, family, s.now()); err != nil {
		return fmt.Errorf("accounts: change the password of %d: %w", who.AccountID, err)
	}
	return nil
}

// RequestEmailChange asks to move the account with id to newEmail, when
// password is its password: the new address gets a link confirming the
// change, the old one a notice that it was asked. It answers alike when
// newEmail has an account already (whose holder is told instead), so
// that it tells nobody who has an account.
func (s *Service) RequestEmailChange(ctx context.Context, id int64, password, newEmail string) error {
	newEmail = normalizeEmail(newEmail)
	if !validEmail(newEmail) {
		return igfplus.Errorf(igfplus.EInvalid, "Enter a valid email address, like name@example.org.")
	}
	a, err := s.checkPassword(ctx, id, password)
	if err != nil {
		return err
	}
	if normalizeEmail(a.Email) == newEmail {
		return igfplus.Errorf(igfplus.EInvalid, "This is already your e-mail address.")
	}
	holder, _, err := s.store.Credentials(ctx, newEmail)
	switch igfplus.ErrorCode(err) {
	case "":
		return s.mail(ctx, holder, LetterEmailTaken, "")
	case igfplus.ENotFound:
	default:
		return fmt.Errorf("accounts: e-mail change of %d: %w", id, err)
	}
	to := *a
	to.Email = newEmail
	if err := s.mailLink(ctx, &to, PurposeChangeEmail, LetterChangeEmail, ChangeEmailLinkTTL); err != nil {
		return err
	}
	return s.mail(ctx, a, LetterEmailChanging, "")
}

// ChangeEmail moves the account whose change link has token to the
// address the link was sent to, which counts as verified. ErrLinkInvalid
// when the link is unknown, used or expired; EConflict when the address
// was taken meanwhile.
func (s *Service) ChangeEmail(ctx context.Context, token string) error {
	if _, err := s.store.ChangeEmail(ctx, token, s.now()); err != nil {
		return fmt.Errorf("accounts: change e-mail: %w", err)
	}
	return nil
}

// Export returns everything the platform holds about the account with
// id, section by section (see Store.Export).
func (s *Service) Export(ctx context.Context, id int64) (map[string]json.RawMessage, error) {
	out, err := s.store.Export(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("accounts: export %d: %w", id, err)
	}
	return out, nil
}

// Delete deletes the account with id when password is its password (see
// Store.DeleteAccount for what that does).
func (s *Service) Delete(ctx context.Context, id int64, password string) error {
	if _, err := s.checkPassword(ctx, id, password); err != nil {
		return err
	}
	if err := s.store.DeleteAccount(ctx, id, s.now()); err != nil {
		return fmt.Errorf("accounts: delete %d: %w", id, err)
	}
	return nil
}
