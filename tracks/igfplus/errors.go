package igfplus

import (
	"errors"
	"fmt"
)

// Code is the kind of a domain error. One place per transport maps codes to
// its own vocabulary: HTTP status and problem+json in frontend, error frames
// in hub.
type Code string

// The error kinds of the domain.
const (
	ENotFound     Code = "not_found"
	EInvalid      Code = "invalid"
	EConflict     Code = "conflict"
	EUnauthorized Code = "unauthorized"
	EForbidden    Code = "forbidden"
	ERateLimited  Code = "rate_limited"
	EUnavailable  Code = "unavailable"
	EInternal     Code = "internal"
)

// Error is a domain error: a kind, a message safe to show to the user, and
// optionally the underlying cause (never shown).
//
// Message is English. Errorf also keeps the English format and its
// arguments, which are the key of the message's translations (gettext's
// way: the 400-odd call sites stay as they are), so that each transport
// can show the message in its reader's language with Localize. An Error
// built as a literal has no Format: its Message is the key.
type Error struct {
	Code    Code
	Message string
	Format  string
	Args    []any
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns a domain error of the given kind with a user-facing message.
// format must be a constant: it is the key of the message's translations,
// which a test finds in the source.
func Errorf(code Code, format string, args ...any) *Error {
	e := &Error{Code: code, Format: format, Args: args}
	// Set apart from the literal: the source test reads a literal's
	// Message as a catalogue key.
	e.Message = fmt.Sprintf(format, args...)
	return e
}

// Because returns a copy of e caused by err (kept for the logs, never
// shown), so that a message declared once can carry each failure's cause.
func (e *Error) Because(err error) *Error {
	c := *e
	c.Err = err
	return &c
}

// ErrorCode returns the kind of err: the Code of the first *Error in its
// chain, or EInternal for any other error (and "" for nil).
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of err. Internal errors get a
// plain message: their detail is for the logs only.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EInternal {
		return e.Message
	}
	return string(internalMessage)
}

// internalMessage is what users are told of an internal error.
const internalMessage Text = "An internal error occurred."
