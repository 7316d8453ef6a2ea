// Package pgstore keeps the notifications' choices in Postgres and queues
// the notices in the mail outbox in the same transaction as the row that
// records them: a reminder's and a digest's under a unique key (a second
// node waits for the first and then inserts nothing), activity claimed
// with FOR UPDATE SKIP LOCKED.
package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/mail"
	"github.com/igfplus/igfplus/tracks/notify"
)

// Queuer queues a mail through a transaction (the mail outbox's EnqueueIn).
type Queuer interface {
	EnqueueIn(ctx context.Context, q pgdb.Querier, m mail.Message) error
}

// Store is the Postgres notify.Store.
type Store struct {
	db     *pgdb.DB
	outbox Queuer
}

var _ notify.Store = (*Store)(nil)

// New returns the store on db, queueing through outbox.
func New(db *pgdb.DB, outbox Queuer) *Store { return &Store{db: db, outbox: outbox} }

// batch bounds how many notices one run queues of each sort.
const batch = 200

// Prefs implements notify.Store.
func (s *Store) Prefs(ctx context.Context, account int64) (notify.Prefs, error) {
	p := notify.Defaults()
	err := s.db.Pool.QueryRow(ctx, `SELECT reminders, activity FROM notification_prefs WHERE account_id = $1`, account).
		Scan(&p.Reminders, &p.Activity)
	if err == pgx.ErrNoRows {
		return p, nil
	}
	return p, pgdb.Wrap(err, "notify: read the choices of account %d", account)
}

// SetPrefs implements notify.Store.
func (s *Store) SetPrefs(ctx context.Context, account int64, p notify.Prefs) error {
	_, err := s.db.Pool.Exec(ctx, `
		INSERT INTO notification_prefs (account_id, reminders, activity) VALUES ($1, $2, $3)
		ON CONFLICT (account_id) DO UPDATE SET reminders = $2, activity = $3, updated_at = now()`,
		account, p.Reminders, p.Activity)
	return pgdb.Wrap(err, "notify: save the choices of account %d", account)
}

// TurnOff implements notify.Store.
func (s *Store) TurnOff(ctx context.Context, account int64, k notify.Kind) error {
	p, err := s.Prefs(ctx, account)
	if err != nil {
		return err
	}
	if k == notify.Reminders {
		p.Reminders = false
	} else {
		p.Activity = notify.None
	}
	return s.SetPrefs(ctx, account, p)
}

// recipients is the columns of a recipient, from accounts a; only live
// accounts with a confirmed address are mailed (nobody gets notices
// through an account someone else registered with their address).
const recipient = `a.id, a.email, a.display_name, a.locale`

const mailable = `a.deleted_at IS NULL AND a.email_verified_at IS NOT NULL`

func scanRecipient(r *notify.Recipient) []any {
	return []any{&r.AccountID, &r.Email, &r.Name, &r.Locale}
}

// QueueReminders implements notify.Store.
func (s *Store) QueueReminders(ctx context.Context, now time.Time, lead time.Duration, write func(notify.Reminder) (mail.Message, error)) (int, error) {
	n := 0
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, `
			WITH due AS (
				SELECT f.account_id, f.session_id FROM session_follows f
				JOIN sessions s ON s.id = f.session_id
				JOIN accounts a ON a.id = f.account_id
				LEFT JOIN notification_prefs p ON p.account_id = f.account_id
				WHERE s.starts_at > $1 AND s.starts_at <= $1 + make_interval(secs => $2)
				  AND s.state = 'scheduled' AND COALESCE(p.reminders, true) AND `+mailable+`
				ORDER BY s.starts_at, f.account_id LIMIT $3),
			marked AS (
				INSERT INTO notifications_sent (account_id, kind, subject)
				SELECT account_id, 'reminder', session_id::text FROM due
				ON CONFLICT DO NOTHING RETURNING account_id, subject::bigint AS session_id)
			SELECT `+recipient+`, s.id, s.title, s.starts_at, e.time_zone FROM marked m
			JOIN accounts a ON a.id = m.account_id
			JOIN sessions s ON s.id = m.session_id
			JOIN tracks t ON t.id = s.track_id JOIN editions e ON e.id = t.edition_id`,
			now, lead.Seconds(), batch)
		list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (notify.Reminder, error) {
			var rem notify.Reminder
			var zone string
			err := r.Scan(append(scanRecipient(&rem.To), &rem.SessionID, &rem.Title, &rem.StartsAt, &zone)...)
			if loc, lerr := time.LoadLocation(zone); lerr == nil {
				rem.StartsAt = rem.StartsAt.In(loc)
			}
			return rem, err
		})
		if err != nil {
			return pgdb.Wrap(err, "notify: mark the due reminders")
		}
		for _, rem := range list {
			if err := s.queue(ctx, tx, func() (mail.Message, error) { return write(rem) }); err != nil {
				return err
			}
		}
		n = len(list)
		return nil
	})
	return n, err
}

// queue writes a notice and queues it in tx.
func (s *Store) queue(ctx context.Context, tx pgx.Tx, write func() (mail.Message, error)) error {
	m, err := write()
	if err != nil {
		return err
	}
	return s.outbox.EnqueueIn(ctx, tx, m)
}

// CollectActivity implements notify.Store.
func (s *Store) CollectActivity(ctx context.Context, since time.Time) error {
	_, err := s.db.Pool.Exec(ctx, `
		INSERT INTO notification_activity (account_id, recommendation_id, source, source_id, actor_id, happened_at)
		SELECT d.account_id, c.recommendation_id, 'comment', c.id, c.author_id, c.created_at
		FROM recommendation_comments c JOIN recommendation_drafters d ON d.recommendation_id = c.recommendation_id
		WHERE c.created_at > $1 AND d.account_id <> c.author_id
		UNION ALL
		SELECT d.account_id, am.recommendation_id, 'amendment', am.id, am.proposed_by, am.created_at
		FROM amendments am JOIN recommendation_drafters d ON d.recommendation_id = am.recommendation_id
		WHERE am.created_at > $1 AND d.account_id <> am.proposed_by
		ON CONFLICT DO NOTHING`, since)
	return pgdb.Wrap(err, "notify: collect the activity on recommendations")
}

// pending is the events not yet told of recipients whose choice is $1,
// claimed for this transaction.
const pending = `
	SELECT n.id, ` + recipient + `, r.id, r.title, n.source, actor.display_name, n.happened_at
	FROM notification_activity n
	JOIN accounts a ON a.id = n.account_id
	JOIN accounts actor ON actor.id = n.actor_id
	JOIN recommendations r ON r.id = n.recommendation_id
	LEFT JOIN notification_prefs p ON p.account_id = n.account_id
	WHERE n.notified_at IS NULL AND COALESCE(p.activity, 'digest') = $1 AND ` + mailable

type pendingEvent struct {
	id int64
	to notify.Recipient
	notify.Event
}

// claimPending claims at most limit events of recipients whose choice is
// f, more narrowing them (its arguments from $3).
func claimPending(ctx context.Context, tx pgx.Tx, f notify.Frequency, limit int, more string, args ...any) ([]pendingEvent, error) {
	rows, _ := tx.Query(ctx, pending+more+` ORDER BY n.account_id, n.id LIMIT $2 FOR UPDATE OF n SKIP LOCKED`,
		append([]any{f, limit}, args...)...)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (pendingEvent, error) {
		var e pendingEvent
		err := r.Scan(append(append([]any{&e.id}, scanRecipient(&e.to)...),
			&e.RecommendationID, &e.Title, &e.Source, &e.Actor, &e.At)...)
		return e, err
	})
	return list, pgdb.Wrap(err, "notify: claim the pending activity")
}

func markTold(ctx context.Context, tx pgx.Tx, ids []int64) error {
	_, err := tx.Exec(ctx, `UPDATE notification_activity SET notified_at = now() WHERE id = ANY($1)`, ids)
	return pgdb.Wrap(err, "notify: mark activity told")
}

// QueueEach implements notify.Store.
func (s *Store) QueueEach(ctx context.Context, write func(notify.Recipient, notify.Event) (mail.Message, error)) (int, error) {
	n := 0
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		none, err := claimPending(ctx, tx, notify.None, batch*5, "")
		if err != nil {
			return err
		}
		list, err := claimPending(ctx, tx, notify.Each, batch, "")
		if err != nil {
			return err
		}
		ids := make([]int64, 0, len(none)+len(list))
		for _, e := range none {
			ids = append(ids, e.id)
		}
		for _, e := range list {
			if err := s.queue(ctx, tx, func() (mail.Message, error) { return write(e.to, e.Event) }); err != nil {
				return err
			}
			ids = append(ids, e.id)
		}
		n = len(list)
		return markTold(ctx, tx, ids)
	})
	return n, err
}

// QueueDigests implements notify.Store.
func (s *Store) QueueDigests(ctx context.Context, now time.Time, write func(notify.Recipient, []notify.Event) (mail.Message, error)) (int, error) {
	day := now.UTC().Truncate(24 * time.Hour)
	n := 0
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		list, err := claimPending(ctx, tx, notify.Digest, batch*20, ` AND n.happened_at < $3 AND NOT EXISTS (
			SELECT 1 FROM notifications_sent d WHERE d.account_id = n.account_id AND d.kind = 'digest' AND d.subject = $4)`,
			day, day.Format(time.DateOnly))
		if err != nil {
			return err
		}
		if len(list) == batch*20 {
			list = wholeGroups(list) // the last person's rest waits for the next run
		}
		for len(list) > 0 {
			k := 1
			for k < len(list) && list[k].to.AccountID == list[0].to.AccountID {
				k++
			}
			if err := s.digest(ctx, tx, day, list[:k], write); err != nil {
				return err
			}
			list, n = list[k:], n+1
		}
		return nil
	})
	return n, err
}

// digest queues one person's digest of events, once for day.
func (s *Store) digest(ctx context.Context, tx pgx.Tx, day time.Time, events []pendingEvent, write func(notify.Recipient, []notify.Event) (mail.Message, error)) error {
	tag, err := tx.Exec(ctx, `INSERT INTO notifications_sent (account_id, kind, subject) VALUES ($1, 'digest', $2) ON CONFLICT DO NOTHING`,
		events[0].to.AccountID, day.Format(time.DateOnly))
	if err != nil || tag.RowsAffected() == 0 {
		return pgdb.Wrap(err, "notify: mark a digest")
	}
	list := make([]notify.Event, len(events))
	ids := make([]int64, len(events))
	for i, e := range events {
		list[i], ids[i] = e.Event, e.id
	}
	if err := s.queue(ctx, tx, func() (mail.Message, error) { return write(events[0].to, list) }); err != nil {
		return err
	}
	return markTold(ctx, tx, ids)
}

// wholeGroups drops the events of the last recipient of a list cut at its
// limit, unless they are all of one (whose digest then lists the first).
func wholeGroups(list []pendingEvent) []pendingEvent {
	last := list[len(list)-1].to.AccountID
	k := len(list)
	for k > 0 && list[k-1].to.AccountID == last {
		k--
	}
	if k == 0 {
		return list
	}
	return list[:k]
}
