package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
)

// Staleness after which a node's presence no longer counts: it reports
// every two seconds, so five missed reports mean it is gone.
const presenceStale = "10 seconds"

// ReportPresence records a node's heartbeat and the changes in who is
// connected to its rooms since its last report, in one transaction; fresh
// when the node's heartbeat row is new (xmax 0: inserted, not updated).
func (s *Store) ReportPresence(ctx context.Context, node string, added, removed []sessions.Membership) (fresh bool, err error) {
	err = s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `
			INSERT INTO presence_nodes (node) VALUES ($1)
			ON CONFLICT (node) DO UPDATE SET seen_at = now() RETURNING xmax = 0`, node).Scan(&fresh); err != nil {
			return pgdb.Wrap(err, "sessions: record the heartbeat of node %s", node)
		}
		if len(removed) > 0 {
			rooms, ids := columns(removed)
			if _, err := tx.Exec(ctx, `
				DELETE FROM room_presence p USING unnest($2::text[], $3::bigint[]) AS gone(room, account_id)
				WHERE p.node = $1 AND p.room = gone.room AND p.account_id = gone.account_id`, node, rooms, ids); err != nil {
				return pgdb.Wrap(err, "sessions: delete presence")
			}
			if _, err := tx.Exec(ctx, `
				UPDATE attendance a SET left_at = now()
				FROM unnest($2::text[], $3::bigint[]) AS gone(room, account_id)
				WHERE a.node = $1 AND a.left_at IS NULL AND a.account_id = gone.account_id
				  AND 'session:' || a.session_id = gone.room`, node, rooms, ids); err != nil {
				return pgdb.Wrap(err, "sessions: close attendance of those gone")
			}
		}
		if len(added) > 0 {
			rooms, ids := columns(added)
			if _, err := tx.Exec(ctx, `
				INSERT INTO room_presence (room, node, account_id)
				SELECT room, $1, account_id FROM unnest($2::text[], $3::bigint[]) AS t(room, account_id)
				WHERE EXISTS (SELECT 1 FROM accounts WHERE id = t.account_id)
				ON CONFLICT DO NOTHING`, node, rooms, ids); err != nil {
				return pgdb.Wrap(err, "sessions: insert presence")
			}
			// Session rooms only ("session:<id>"); the CASE keeps the cast
			// away from any other room name whatever order Postgres
			// evaluates the conditions in.
			if _, err := tx.Exec(ctx, `
				INSERT INTO attendance (session_id, account_id, node)
				SELECT s.id, t.account_id, $1
				FROM unnest($2::text[], $3::bigint[]) AS t(room, account_id)
				JOIN sessions s ON s.id = CASE WHEN t.room ~ '^session:[0-9]{1,18}$' THEN substr(t.room, 9)::bigint END
				WHERE EXISTS (SELECT 1 FROM accounts WHERE id = t.account_id)`, node, rooms, ids); err != nil {
				return pgdb.Wrap(err, "sessions: insert attendance")
			}
		}
		// Nodes silent for a minute crashed: close their attendance at their
		// last heartbeat, then forget them.
		if _, err := tx.Exec(ctx, `
			UPDATE attendance a SET left_at = n.seen_at FROM presence_nodes n
			WHERE a.node = n.node AND a.left_at IS NULL AND n.seen_at < now() - interval '1 minute'`); err != nil {
			return pgdb.Wrap(err, "sessions: close attendance on silent nodes")
		}
		_, err := tx.Exec(ctx, `DELETE FROM presence_nodes WHERE seen_at < now() - interval '1 minute'`)
		return pgdb.Wrap(err, "sessions: forget silent nodes")
	})
	return fresh, err
}

func columns(ms []sessions.Membership) ([]string, []int64) {
	rooms := make([]string, len(ms))
	ids := make([]int64, len(ms))
	for i, m := range ms {
		rooms[i], ids[i] = m.Room, m.AccountID
	}
	return rooms, ids
}

// ForgetPresence removes a node's presence and closes its attendance (it
// is shutting down).
func (s *Store) ForgetPresence(ctx context.Context, node string) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE attendance SET left_at = now() WHERE node = $1 AND left_at IS NULL`, node); err != nil {
			return pgdb.Wrap(err, "sessions: close attendance on node %s", node)
		}
		_, err := tx.Exec(ctx, `DELETE FROM presence_nodes WHERE node = $1`, node)
		return pgdb.Wrap(err, "sessions: forget node %s", node)
	})
}

// Attendees lists everyone who attended a session, each once, with the
// self-described gender used for balance statistics.
func (s *Store) Attendees(ctx context.Context, sessionID int64) ([]sessions.Attendee, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT a.id, a.stakeholder_group, a.region, a.gender,
		       sum(extract(epoch FROM coalesce(t.left_at, now()) - t.joined_at))::bigint
		FROM attendance t JOIN accounts a ON a.id = t.account_id
		WHERE t.session_id = $1
		GROUP BY a.id, a.stakeholder_group, a.region, a.gender`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read attendees")
	}
	as, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Attendee, error) {
		var a sessions.Attendee
		err := r.Scan(&a.AccountID, &a.StakeholderGroup, &a.Region, &a.Gender, &a.Seconds)
		return a, err
	})
	return as, pgdb.Wrap(err, "sessions: read attendees")
}

// Present lists the people connected to a room on any node that is alive.
func (s *Store) Present(ctx context.Context, room string) ([]sessions.Present, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT a.id, a.display_name, a.show_name_in_presence, a.stakeholder_group, a.region
		FROM accounts a
		WHERE a.id IN (
			SELECT p.account_id FROM room_presence p
			JOIN presence_nodes n ON n.node = p.node AND n.seen_at > now() - interval '`+presenceStale+`'
			WHERE p.room = $1)`, room)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read presence in %s", room)
	}
	ps, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Present, error) {
		var p sessions.Present
		err := r.Scan(&p.AccountID, &p.Name, &p.ShowName, &p.StakeholderGroup, &p.Region)
		return p, err
	})
	return ps, pgdb.Wrap(err, "sessions: read presence in %s", room)
}
