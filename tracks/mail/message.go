package mail

import (
	"context"
	"errors"
	"time"
)

// Message is one outgoing mail, rendered: what the outbox keeps and a
// Sender sends.
type Message struct {
	// ID is the outbox row; 0 before it is queued.
	ID int64
	// MessageID is the mail's Message-ID without angle brackets, fixed
	// when it is queued (the outbox fills it in when empty).
	MessageID string
	// Kind names the template it came from (for logs and the Secretariat's
	// folder page); never shown to the recipient.
	Kind    string
	To      string
	Subject string
	Text    string // the plain-text body
	HTML    string // the HTML alternative
	// Headers are extra header fields, written by every Sender: the
	// notifications' List-Unsubscribe and List-Unsubscribe-Post (RFC
	// 8058); none on the account letters.
	Headers map[string]string
	// Attempt counts the attempts, this one included (set by Claim).
	Attempt int
	// QueuedAt is when the mail was queued (its Date header).
	QueuedAt time.Time
}

// Sender hands a mail over. It returns nil only once the receiving server
// has accepted the mail; an error wrapped with Permanent is not retried.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Outbox keeps mails until they are sent.
type Outbox interface {
	// Enqueue stores m (filling in m.MessageID when empty) to be sent as
	// soon as a worker is free.
	Enqueue(ctx context.Context, m Message) error
	// Claim leases up to n due mails to worker for lease: pending mails
	// whose time has come and mails whose lease ran out (their worker
	// died). Concurrent claims never return the same mail.
	Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]Message, error)
	// Sent marks m sent. It is fenced on the lease: a worker whose lease
	// was taken over changes nothing.
	Sent(ctx context.Context, worker string, m Message) error
	// Failed records the failed attempt on m: it is tried again after
	// wait, or never when giveUp.
	Failed(ctx context.Context, worker string, m Message, reason string, wait time.Duration, giveUp bool) error
}

// permanent marks an error that trying again will not cure (the server
// refused the address, say).
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err so that the Worker gives the mail up at once.
func Permanent(err error) error { return permanent{err} }

// IsPermanent reports whether err was wrapped with Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}
