package notify

import (
	"context"
	"errors"
	"time"

	"github.com/igfplus/igfplus/tracks/mail"
)

// Service is the notifications: the choices, the unsubscribe links and
// the jobs.
type Service struct {
	store  Store
	tokens *Tokens
	write  Writer
}

// New returns the notifications on store, signing links with tokens and
// writing the notices with write.
func New(store Store, tokens *Tokens, write Writer) *Service {
	return &Service{store: store, tokens: tokens, write: write}
}

// Prefs returns account's choices (the defaults when it made none).
func (s *Service) Prefs(ctx context.Context, account int64) (Prefs, error) {
	return s.store.Prefs(ctx, account)
}

// SetPrefs saves account's choices.
func (s *Service) SetPrefs(ctx context.Context, account int64, p Prefs) error {
	if err := p.Check(); err != nil {
		return err
	}
	return s.store.SetPrefs(ctx, account, p)
}

// Link returns the kind an unsubscribe token turns off, changing nothing
// (what a GET shows), or EInvalid for a token not signed here.
func (s *Service) Link(token string) (Kind, error) {
	_, k, err := s.tokens.Verify(token)
	return k, err
}

// Unsubscribe turns off the kind the token names for its account (the
// one-click POST), or refuses a token not signed here with EInvalid.
func (s *Service) Unsubscribe(ctx context.Context, token string) (Kind, error) {
	account, k, err := s.tokens.Verify(token)
	if err != nil {
		return "", err
	}
	return k, s.store.TurnOff(ctx, account, k)
}

// RunDue queues what is due at now: the reminders, the activity noted
// since a day before (later runs find nothing new twice), the notices of
// those who want each, and the day's digests. It runs every few seconds
// on every node.
func (s *Service) RunDue(ctx context.Context, now time.Time) error {
	_, errR := s.store.QueueReminders(ctx, now, ReminderLead, func(r Reminder) (mail.Message, error) {
		return s.write.Reminder(r, s.tokens.Sign(r.To.AccountID, Reminders))
	})
	errC := s.store.CollectActivity(ctx, now.Add(-24*time.Hour))
	_, errE := s.store.QueueEach(ctx, func(to Recipient, e Event) (mail.Message, error) {
		return s.write.Activity(to, e, s.tokens.Sign(to.AccountID, Activity))
	})
	_, errD := s.store.QueueDigests(ctx, now, func(to Recipient, events []Event) (mail.Message, error) {
		return s.write.Digest(to, events, s.tokens.Sign(to.AccountID, Activity))
	})
	return errors.Join(errR, errC, errE, errD)
}
