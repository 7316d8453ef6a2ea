package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
)

// logModeration records what a moderator did, in the transaction of the
// change itself: the log never names a change that did not commit.
func logModeration(ctx context.Context, tx pgx.Tx, sessionID int64, e sessions.LogEntry) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO moderation_log (session_id, actor_id, action, target_account_id, target_id, detail, reason)
		VALUES ($1, $2, $3, nullif($4, 0), nullif($5, 0), $6, $7)`,
		sessionID, e.ActorID, e.Action, e.AccountID, e.TargetID, e.Detail, e.Reason)
	return pgdb.Wrap(err, "sessions: log %s in session %d", e.Action, sessionID)
}

// ModerationLog lists what moderators did in a session, newest first.
func (s *Store) ModerationLog(ctx context.Context, sessionID int64) ([]sessions.LogEntry, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT l.id, l.created_at, l.actor_id, a.display_name, l.action,
		       coalesce(l.target_account_id, 0), coalesce(t.display_name, ''), coalesce(l.target_id, 0), l.detail, l.reason
		FROM moderation_log l
		JOIN accounts a ON a.id = l.actor_id
		LEFT JOIN accounts t ON t.id = l.target_account_id
		WHERE l.session_id = $1
		ORDER BY l.id DESC
		LIMIT $2`, sessionID, sessions.MaxLogEntries)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read moderation log of %d", sessionID)
	}
	log, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.LogEntry, error) {
		var e sessions.LogEntry
		err := r.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.AccountID, &e.AccountName, &e.TargetID, &e.Detail, &e.Reason)
		return e, err
	})
	return log, pgdb.Wrap(err, "sessions: read moderation log of %d", sessionID)
}

// Restricted lists a session's restrictions, newest first.
func (s *Store) Restricted(ctx context.Context, sessionID int64) ([]sessions.Restricted, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT r.account_id, a.display_name, r.kind, b.display_name, r.created_at
		FROM session_restrictions r
		JOIN accounts a ON a.id = r.account_id
		JOIN accounts b ON b.id = r.by_id
		WHERE r.session_id = $1
		ORDER BY r.created_at DESC, r.account_id`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read restrictions of %d", sessionID)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Restricted, error) {
		var x sessions.Restricted
		err := r.Scan(&x.AccountID, &x.Name, &x.Restriction, &x.ByName, &x.Since)
		return x, err
	})
	return list, pgdb.Wrap(err, "sessions: read restrictions of %d", sessionID)
}

// IsStaff reports whether the account is the Secretariat, a platform
// moderator, or a moderator or co-moderator of the session.
func (s *Store) IsStaff(ctx context.Context, sessionID, accountID int64) (bool, error) {
	var staff bool
	err := s.db.Pool.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM account_roles WHERE account_id = $2 AND role IN ('secretariat', 'moderator'))
		    OR EXISTS (SELECT 1 FROM session_roles WHERE session_id = $1 AND account_id = $2 AND role IN ('moderator', 'co_moderator'))`,
		sessionID, accountID).Scan(&staff)
	return staff, pgdb.Wrap(err, "sessions: read whether %d runs session %d", accountID, sessionID)
}
