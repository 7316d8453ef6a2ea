package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

var _ publishing.Outbox = (*Store)(nil)

// Claim leases up to n due rows to worker (pgdb.ClaimDue): pending rows
// whose time has come, and rows whose lease ran out (their worker crashed).
func (s *Store) Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]publishing.Job, error) {
	var jobs []publishing.Job
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, pgdb.ClaimDue("relay_outbox", "delivering")+`, body_endpoints e
			WHERE o.id = due.id AND e.id = o.endpoint_id
			RETURNING o.id, o.event_id, o.endpoint_id, o.attempts, e.url, e.allow_private, o.payload::text`,
			n, worker, lease.Seconds())
		var err error
		jobs, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (publishing.Job, error) {
			var j publishing.Job
			var payload string
			err := r.Scan(&j.OutboxID, &j.EventID, &j.EndpointID, &j.Attempt, &j.URL, &j.AllowPrivate, &payload)
			j.Payload = []byte(payload)
			return j, err
		})
		if err != nil {
			return pgdb.Wrap(err, "publishing: claim due deliveries")
		}
		for i := range jobs {
			if jobs[i].Keys, err = s.signingKeys(ctx, tx, jobs[i].EndpointID); err != nil {
				return err
			}
		}
		return nil
	})
	return jobs, err
}

// signingKeys are an endpoint's active secrets, opened. When one does not
// open (logged by openSecret), the endpoint gets no keys at all, as if it
// had no active secret: the relay then sends nothing, never an unsigned
// or partly signed delivery, and the attempt is logged as failed ("no
// signing key") and retried on the usual schedule, so the delivery goes
// out once the key that sealed the secret is configured again.
func (s *Store) signingKeys(ctx context.Context, tx pgx.Tx, endpointID int64) ([]string, error) {
	type stored struct {
		id     int64
		secret string
	}
	rows, _ := tx.Query(ctx, `SELECT id, secret FROM endpoint_secrets WHERE endpoint_id = $1 AND active ORDER BY id`, endpointID)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (stored, error) {
		var st stored
		return st, r.Scan(&st.id, &st.secret)
	})
	if err != nil {
		return nil, pgdb.Wrap(err, "publishing: read the secrets of endpoint %d", endpointID)
	}
	keys := make([]string, 0, len(list))
	for _, st := range list {
		key, err := s.openSecret(st.secret, endpointSecretPlace(endpointID), "endpoint", endpointID, "secret_id", st.id)
		if err != nil {
			return nil, nil // logged; no keys, so nothing is sent
		}
		keys = append(keys, key)
	}
	return keys, nil
}

// Complete logs the attempt and moves the row on. The update is fenced on
// the lease (claimed_by and attempts), so a worker whose lease expired
// and was taken over cannot overwrite the newer attempt's outcome.
func (s *Store) Complete(ctx context.Context, worker string, job publishing.Job, res publishing.AttemptResult) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO relay_attempts (outbox_id, attempt, worker, status, error, failure, duration_ms)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, job.OutboxID, job.Attempt, worker, res.Status, res.Error,
			res.Failure, res.Duration.Milliseconds()); err != nil {
			return pgdb.Wrap(err, "publishing: log attempt %d of delivery %d", job.Attempt, job.OutboxID)
		}
		var state string
		var next time.Duration
		switch res.Decision.Outcome {
		case publishing.Delivered:
			state = "delivered"
		case publishing.Retry:
			state, next = "pending", res.Decision.Wait
		case publishing.DisableEndpoint:
			state = "disabled"
		default:
			state = "failed"
		}
		// A retry for an endpoint disabled while the attempt ran waits as
		// disabled, not pending: a disabled endpoint gets nothing. The first
		// delivery's time is kept when a replay delivers again (the public
		// timeline's "relayed").
		tag, err := tx.Exec(ctx, `UPDATE relay_outbox o SET claimed_by = NULL, claimed_until = NULL,
				state = CASE WHEN $4 = 'pending' AND NOT e.enabled THEN 'disabled' ELSE $4 END,
				next_attempt_at = now() + make_interval(secs => $5),
				delivered_at = CASE WHEN $4 = 'delivered' THEN coalesce(o.delivered_at, now()) ELSE o.delivered_at END
			FROM body_endpoints e
			WHERE o.id = $1 AND o.claimed_by = $2 AND o.attempts = $3 AND o.state = 'delivering' AND e.id = o.endpoint_id`,
			job.OutboxID, worker, job.Attempt, state, next.Seconds())
		if err != nil || tag.RowsAffected() == 0 {
			return pgdb.Wrap(err, "publishing: complete delivery %d", job.OutboxID) // no row: the lease was lost, the newer holder decides
		}
		if res.Decision.Outcome == publishing.DisableEndpoint {
			// 410 Gone: the body dropped this endpoint; stop sending it
			// anything until the Secretariat enables it again.
			if _, err := tx.Exec(ctx, `UPDATE body_endpoints SET enabled = false, disabled_reason = '410 Gone' WHERE id = $1`, job.EndpointID); err != nil {
				return pgdb.Wrap(err, "publishing: disable endpoint %d", job.EndpointID)
			}
			_, err = tx.Exec(ctx, `UPDATE relay_outbox SET state = 'disabled' WHERE endpoint_id = $1 AND state = 'pending'`, job.EndpointID)
		}
		return pgdb.Wrap(err, "publishing: disable the deliveries to endpoint %d", job.EndpointID)
	})
}

// Deliveries lists an endpoint's logged attempts, newest first.
func (s *Store) Deliveries(ctx context.Context, endpointID int64, limit int) ([]publishing.Delivery, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT a.id, a.outbox_id, o.event_id, o.endpoint_id, a.attempt, a.status, a.error,
			a.failure, a.duration_ms, a.at, o.state
		FROM relay_attempts a JOIN relay_outbox o ON o.id = a.outbox_id
		WHERE o.endpoint_id = $1 ORDER BY a.id DESC LIMIT $2`, endpointID, limit)
	ds, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (publishing.Delivery, error) {
		var d publishing.Delivery
		var ms int64
		err := r.Scan(&d.ID, &d.OutboxID, &d.EventID, &d.EndpointID, &d.Attempt, &d.Status, &d.Error, &d.Failure, &ms, &d.At, &d.State)
		d.Duration = time.Duration(ms) * time.Millisecond
		return d, err
	})
	return ds, pgdb.Wrap(err, "publishing: list the deliveries to endpoint %d", endpointID)
}

// Replay makes a logged attempt's outbox row due again now, with the same
// webhook-id (receivers deduplicate on it). A row being delivered right
// now is left alone.
func (s *Store) Replay(ctx context.Context, attemptID int64) error {
	var enabled bool
	err := s.db.Pool.QueryRow(ctx, `UPDATE relay_outbox o SET state = CASE WHEN e.enabled THEN 'pending' ELSE o.state END,
			next_attempt_at = now()
		FROM relay_attempts a, body_endpoints e
		WHERE a.id = $1 AND o.id = a.outbox_id AND o.state <> 'delivering' AND e.id = o.endpoint_id
		RETURNING e.enabled`, attemptID).Scan(&enabled)
	if err == nil && !enabled {
		return errReplayDisabled
	}
	return pgdb.Wrap(pgdb.NotFound(err, "The delivery (or it is being delivered now)"), "publishing: replay attempt %d", attemptID)
}

// errReplayDisabled refuses to replay to an endpoint that gets nothing.
var errReplayDisabled = igfplus.Errorf(igfplus.EConflict, "This endpoint is disabled: enable it before replaying a delivery to it.")

// Backlog counts the rows not yet delivered and the age of the oldest.
func (s *Store) Backlog(ctx context.Context) (publishing.Backlog, error) {
	var b publishing.Backlog
	var secs float64
	err := s.db.Pool.QueryRow(ctx, `SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)
		FROM relay_outbox WHERE state IN ('pending', 'delivering')`).Scan(&b.Rows, &secs)
	b.OldestAge = time.Duration(secs * float64(time.Second))
	return b, pgdb.Wrap(err, "publishing: read the backlog")
}
