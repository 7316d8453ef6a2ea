package mail

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// MaxAttempts is how many times a mail is tried before it is given up
// (about a day and a half with RetryWait's waits).
const MaxAttempts = 12

// RetryWait is the wait after a mail's attempt-th failed attempt: 30 s,
// doubling, at most 4 hours, so that a mail server that is down for a
// while gets everything once it is back without being hammered meanwhile.
func RetryWait(attempt int) time.Duration {
	w := 30 * time.Second
	for i := 1; i < attempt && w < 4*time.Hour; i++ {
		w *= 2
	}
	return min(w, 4*time.Hour)
}

// Worker sends due mails from an Outbox.
type Worker struct {
	Outbox Outbox
	Sender Sender
	// Name identifies this worker's leases (host and process, say).
	Name string
	// Batch is how many mails one round claims (default 10); they are
	// sent concurrently.
	Batch int
	// Timeout bounds one attempt (default 30 s); the lease is four times it.
	Timeout time.Duration
	Log     *slog.Logger
}

// SendDue claims the due mails and sends them; it returns how many were
// sent. A failed attempt is recorded and retried later, never lost.
func (w *Worker) SendDue(ctx context.Context) (int, error) {
	batch, timeout := w.Batch, w.Timeout
	if batch <= 0 {
		batch = 10
	}
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	due, err := w.Outbox.Claim(ctx, w.Name, batch, 4*timeout)
	if err != nil {
		return 0, fmt.Errorf("mail: claim: %w", err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	sent := 0
	for _, m := range due {
		wg.Go(func() {
			if w.send(ctx, m, timeout) {
				mu.Lock()
				sent++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return sent, nil
}

// send makes one attempt at m and records its outcome.
func (w *Worker) send(ctx context.Context, m Message, timeout time.Duration) bool {
	actx, cancel := context.WithTimeout(ctx, timeout)
	err := w.Sender.Send(actx, m)
	cancel()
	if err == nil {
		if err := w.Outbox.Sent(ctx, w.Name, m); err != nil {
			// Accepted but not marked: the lease runs out and the mail is
			// sent again with the same Message-ID.
			w.Log.Error("mail: sent but not marked", "mail", m.ID, "err", err)
		}
		return err == nil
	}
	giveUp := IsPermanent(err) || m.Attempt >= MaxAttempts
	w.Log.Warn("mail: attempt failed", "mail", m.ID, "kind", m.Kind, "attempt", m.Attempt, "give_up", giveUp, "err", err)
	if err := w.Outbox.Failed(ctx, w.Name, m, err.Error(), RetryWait(m.Attempt), giveUp); err != nil {
		w.Log.Error("mail: failed attempt not recorded", "mail", m.ID, "err", err)
	}
	return false
}
