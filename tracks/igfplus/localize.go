package igfplus

import (
	"errors"
	"fmt"
)

// Text is an English word or sentence that an error passes as an argument
// of its message (a state, the thing not found, a reason given by another
// package) and that is translated with it. Other arguments (numbers, names,
// what the user typed) are shown as they are.
type Text string

// Translate returns the text of an English message format, or of a Text,
// in the reader's language, and whether there is one.
type Translate func(english string) (string, bool)

// Localize returns the user-facing message of err (ErrorMessage) in the
// language of tr: the translated format filled in with the error's
// arguments, Text arguments translated too. What tr does not know stays
// English.
func Localize(err error, tr Translate) string {
	var e *Error
	if !errors.As(err, &e) || e.Code == EInternal {
		return translated(tr, string(internalMessage))
	}
	if e.Format == "" {
		return translated(tr, e.Message)
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if t, ok := a.(Text); ok {
			a = translated(tr, string(t))
		}
		args[i] = a
	}
	return fmt.Sprintf(translated(tr, e.Format), args...)
}

// LocalizeText returns t in the language of tr (English when tr has none).
func LocalizeText(t Text, tr Translate) string { return translated(tr, string(t)) }

func translated(tr Translate, english string) string {
	if tr != nil {
		if s, ok := tr(english); ok {
			return s
		}
	}
	return english
}
