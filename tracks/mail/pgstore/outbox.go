// Package pgstore keeps the mail outbox in Postgres (mail.Outbox): rows
// claimed with FOR UPDATE SKIP LOCKED under a lease, each outcome fenced
// on the lease that claimed it.
package pgstore

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/mail"
)

// Outbox is the Postgres mail.Outbox.
type Outbox struct {
	db *pgdb.DB
	// domain is the right-hand side of the Message-IDs it makes.
	domain string
}

var _ mail.Outbox = (*Outbox)(nil)

// New returns the outbox on db; domain ends every Message-ID it makes
// (the installation's host name).
func New(db *pgdb.DB, domain string) *Outbox { return &Outbox{db: db, domain: domain} }

// Enqueue implements mail.Outbox.
func (o *Outbox) Enqueue(ctx context.Context, m mail.Message) error {
	return o.EnqueueIn(ctx, o.db.Pool, m)
}

// EnqueueIn queues m through q: in a transaction, the mail is queued if
// and only if the rest of it commits (a notice and its "sent" row).
func (o *Outbox) EnqueueIn(ctx context.Context, q pgdb.Querier, m mail.Message) error {
	if m.MessageID == "" {
		m.MessageID = uuid.NewString() + "@" + o.domain
	}
	headers := m.Headers
	if headers == nil {
		headers = map[string]string{}
	}
	_, err := q.Exec(ctx, `
		INSERT INTO mail_outbox (message_id, kind, recipient, subject, text_body, html_body, headers)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, m.MessageID, m.Kind, m.To, m.Subject, m.Text, m.HTML, headers)
	return pgdb.Wrap(err, "mail: queue a %s mail", m.Kind)
}

// Claim implements mail.Outbox: pgdb.ClaimDue's lease.
func (o *Outbox) Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]mail.Message, error) {
	rows, _ := o.db.Pool.Query(ctx, pgdb.ClaimDue("mail_outbox", "sending")+` WHERE o.id = due.id
		RETURNING o.id, o.message_id, o.kind, o.recipient, o.subject, o.text_body, o.html_body, o.headers, o.attempts, o.created_at`,
		n, worker, lease.Seconds())
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (mail.Message, error) {
		var m mail.Message
		err := r.Scan(&m.ID, &m.MessageID, &m.Kind, &m.To, &m.Subject, &m.Text, &m.HTML, &m.Headers, &m.Attempt, &m.QueuedAt)
		return m, err
	})
	return list, pgdb.Wrap(err, "mail: claim due mails")
}

// Sent implements mail.Outbox.
func (o *Outbox) Sent(ctx context.Context, worker string, m mail.Message) error {
	_, err := o.db.Pool.Exec(ctx, `
		UPDATE mail_outbox SET state = 'sent', sent_at = now(), claimed_by = NULL, claimed_until = NULL, last_error = ''
		WHERE id = $1 AND claimed_by = $2 AND attempts = $3 AND state = 'sending'`, m.ID, worker, m.Attempt)
	return pgdb.Wrap(err, "mail: mark mail %d sent", m.ID)
}

// Failed implements mail.Outbox.
func (o *Outbox) Failed(ctx context.Context, worker string, m mail.Message, reason string, wait time.Duration, giveUp bool) error {
	state := "pending"
	if giveUp {
		state = "failed"
	}
	_, err := o.db.Pool.Exec(ctx, `
		UPDATE mail_outbox SET state = $4, last_error = $5, claimed_by = NULL, claimed_until = NULL,
			next_attempt_at = now() + make_interval(secs => $6)
		WHERE id = $1 AND claimed_by = $2 AND attempts = $3 AND state = 'sending'`,
		m.ID, worker, m.Attempt, state, reason, wait.Seconds())
	return pgdb.Wrap(err, "mail: record a failed attempt at mail %d", m.ID)
}
