package accounts

import "context"

// LetterKind names a mail the accounts service sends.
type LetterKind string

// The accounts' mails.
const (
	// LetterVerifyEmail carries the link that confirms the address.
	LetterVerifyEmail LetterKind = "verify_email"
	// LetterResetPassword carries the link that sets a new password.
	LetterResetPassword LetterKind = "reset_password"
	// LetterAccountExists tells an account's holder that someone tried to
	// register their address again (registration itself never says so).
	LetterAccountExists LetterKind = "account_exists"
	// LetterChangeEmail carries, to a new address, the link that moves
	// the account to it.
	LetterChangeEmail LetterKind = "change_email"
	// LetterEmailChanging tells the holder, at the old address, that a
	// change of address was asked.
	LetterEmailChanging LetterKind = "email_changing"
	// LetterEmailTaken tells an account's holder that someone asked to
	// move another account to their address (nothing changes).
	LetterEmailTaken LetterKind = "email_taken"
)

// Letter is a mail to one account's holder, in their language.
type Letter struct {
	Kind   LetterKind
	To     string
	Locale string
	Name   string
	// Token is the secret of the letter's link ("" for none): only the
	// mail carries it, the store keeps its hash.
	Token string
}

// Mailer queues letters. Mail returns once the letter is stored durably
// to be sent (never after sending it), so a request does not wait for a
// mail server.
type Mailer interface {
	Mail(ctx context.Context, l Letter) error
}
