package igfplus

import (
	"errors"
	"fmt"
	"strings"
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
	return e.localize(tr)
}

func (e *Error) localize(tr Translate) string {
	if e.Format == "" {
		return translated(tr, e.Message)
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		switch t := a.(type) {
		case Text:
			a = translated(tr, string(t))
		case Texts:
			a = t.join(tr)
		case Errors:
			a = t.join(tr)
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

// Texts are several Texts given as one argument (the problems of one
// request, say), joined by "; " and each translated.
type Texts []Text

// Note adds t to the list. A constant passed here is a catalogue entry
// (the source test reads it, as for any parameter of type Text).
func (l *Texts) Note(t Text) { *l = append(*l, t) }

// String is the list in English, for Error.Message.
func (l Texts) String() string { return l.join(nil) }

func (l Texts) join(tr Translate) string {
	parts := make([]string, len(l))
	for i, t := range l {
		parts[i] = translated(tr, string(t))
	}
	return strings.Join(parts, "; ")
}

// Errors are the messages of several errors given as one argument (the
// clashes that refuse a placement), joined by spaces, each localized.
type Errors []*Error

// String is the messages in English, for Error.Message.
func (l Errors) String() string { return l.join(nil) }

func (l Errors) join(tr Translate) string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.localize(tr)
	}
	return strings.Join(parts, " ")
}
