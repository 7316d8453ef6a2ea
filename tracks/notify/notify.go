// Package notify sends the notifications each person chooses by e-mail:
// a reminder before a followed session starts, and activity on their own
// recommendations (someone comments or amends), each as it happens or in
// one daily digest. Every notice names a link that turns its kind off in
// one click without signing in (RFC 8058), signed so that it cannot be
// made for another person.
//
// The jobs (RunDue) run on every node: the store queues each notice in
// the transaction that records it as sent, under a unique key or a SKIP
// LOCKED claim, so a notice is never queued twice.
package notify

import (
	"context"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/mail"
)

// Kind is a kind of notification one can turn off.
type Kind string

const (
	// Reminders are the mails before a followed session starts.
	Reminders Kind = "reminders"
	// Activity is the comments and amendments on one's recommendations.
	Activity Kind = "activity"
)

// Frequency is how activity is told.
type Frequency string

const (
	Each   Frequency = "each"   // a mail per comment or amendment
	Digest Frequency = "digest" // one mail a day listing them
	None   Frequency = "none"   // not at all
)

// Prefs are a person's choices.
type Prefs struct {
	Reminders bool      `json:"reminders"`
	Activity  Frequency `json:"activity"`
}

// Defaults are the choices of someone who made none: reminders on,
// activity as a daily digest.
func Defaults() Prefs { return Prefs{Reminders: true, Activity: Digest} }

// Check refuses a frequency that is none of the three.
func (p Prefs) Check() error {
	switch p.Activity {
	case Each, Digest, None:
		return nil
	}
	return igfplus.Errorf(igfplus.EInvalid, "activity must be each, digest or none")
}

// ReminderLead is how long before a followed session starts its reminder
// is queued.
const ReminderLead = 30 * time.Minute

// Recipient is whom a notice is for.
type Recipient struct {
	AccountID           int64
	Email, Name, Locale string
}

// Reminder is a followed session about to start; StartsAt is in the
// edition's time zone.
type Reminder struct {
	To        Recipient
	SessionID int64
	Title     string
	StartsAt  time.Time
}

// Event is one comment or amendment on a recommendation.
type Event struct {
	RecommendationID int64
	Title            string
	// Source is "comment" or "amendment".
	Source string
	Actor  string
	At     time.Time
}

// Writer renders the notices in the recipient's language; unsubscribe is
// the token of the link turning the notice's kind off.
type Writer interface {
	Reminder(r Reminder, unsubscribe string) (mail.Message, error)
	Activity(to Recipient, e Event, unsubscribe string) (mail.Message, error)
	Digest(to Recipient, events []Event, unsubscribe string) (mail.Message, error)
}

// Store keeps the choices and queues the notices (see package pgstore).
type Store interface {
	Prefs(ctx context.Context, account int64) (Prefs, error)
	SetPrefs(ctx context.Context, account int64, p Prefs) error
	// TurnOff turns k off for account (activity: none).
	TurnOff(ctx context.Context, account int64, k Kind) error
	// QueueReminders queues, with write, the reminder of each followed
	// session starting within lead after now, once per person and session,
	// to those who want reminders; it returns how many.
	QueueReminders(ctx context.Context, now time.Time, lead time.Duration, write func(Reminder) (mail.Message, error)) (int, error)
	// CollectActivity notes the comments and amendments made since since
	// for each drafter of the recommendation but the one who acted.
	CollectActivity(ctx context.Context, since time.Time) error
	// QueueEach queues a notice per noted event for those who want each,
	// and drops the events of those who want none.
	QueueEach(ctx context.Context, write func(Recipient, Event) (mail.Message, error)) (int, error)
	// QueueDigests queues, once per person and UTC day of now, one digest
	// of the events noted before that day for those who want a digest.
	QueueDigests(ctx context.Context, now time.Time, write func(Recipient, []Event) (mail.Message, error)) (int, error)
}
