package pgstore

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ sessions.FloorStore = (*Store)(nil)

// Floor reads a session's speaking queue.
func (s *Store) Floor(ctx context.Context, sessionID int64) (sessions.Floor, error) {
	return readFloor(ctx, s.db.Pool, sessionID)
}

// floorColumns reads a request with its speaker's name and group and the
// hub it was made for; f is floor_requests, a accounts (floorFrom).
const floorColumns = `f.id, f.session_id, f.account_id, a.display_name, a.stakeholder_group, f.mode, f.point_of_order,
	f.state, f.requested_at, coalesce(f.granted_at, 'epoch'), coalesce(f.ended_at, 'epoch'), coalesce(f.speaking_seconds, 0),
	coalesce(f.hub_id, 0), coalesce((SELECT h.name FROM remote_hubs h WHERE h.id = f.hub_id), '')`

func scanFloorRequest(r pgx.Row, more ...any) (sessions.FloorRequest, error) {
	var f sessions.FloorRequest
	err := r.Scan(append([]any{&f.ID, &f.SessionID, &f.AccountID, &f.Name, &f.StakeholderGroup, &f.Mode, &f.PointOfOrder,
		&f.State, &f.RequestedAt, &f.GrantedAt, &f.EndedAt, &f.SpeakingSeconds, &f.HubID, &f.Hub}, more...)...)
	if f.State == sessions.Queued {
		f.GrantedAt = time.Time{} // not granted yet
	}
	if f.State == sessions.Queued || f.State == sessions.Granted {
		f.EndedAt = time.Time{}
	}
	return f, err
}

func readFloor(ctx context.Context, q pgdb.Querier, sessionID int64) (sessions.Floor, error) {
	floor := sessions.Floor{Queue: []sessions.FloorRequest{}}
	// The group of whoever holds or last held the floor, for the balanced
	// order's alternation.
	var lastGroup igfplus.StakeholderGroup
	if err := q.QueryRow(ctx, `
		SELECT balanced_queue, speaking_limit_s, speaking_warn_at_s,
		       coalesce((SELECT a.stakeholder_group FROM floor_requests f JOIN accounts a ON a.id = f.account_id
		                 WHERE f.session_id = $1 AND f.state IN ('granted', 'spoke') ORDER BY f.granted_at DESC LIMIT 1), '')
		FROM sessions WHERE id = $1`, sessionID).Scan(&floor.Balanced, &floor.SpeakingLimitS, &floor.WarnAtS, &lastGroup); err != nil {
		return floor, pgdb.Wrap(pgdb.NotFound(err, "The session"), "sessions: read floor settings of %d", sessionID)
	}
	rows, err := q.Query(ctx, `
		SELECT `+floorColumns+`,
		       coalesce(a.first_time, false) OR NOT EXISTS (SELECT 1 FROM floor_requests p
		           WHERE p.session_id = f.session_id AND p.account_id = f.account_id AND p.state = 'spoke')
		FROM floor_requests f JOIN accounts a ON a.id = f.account_id
		WHERE f.session_id = $1 AND f.state IN ('queued', 'granted')`, sessionID)
	if err != nil {
		return floor, pgdb.Wrap(err, "sessions: read floor of %d", sessionID)
	}
	open, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.FloorRequest, error) {
		var newVoice bool
		f, err := scanFloorRequest(r, &newVoice)
		f.NewVoice = newVoice
		return f, err
	})
	if err != nil {
		return floor, pgdb.Wrap(err, "sessions: read floor of %d", sessionID)
	}
	var waiting []sessions.FloorRequest
	for _, f := range open {
		if f.State == sessions.Granted {
			speaker := f
			floor.Speaker = &speaker
			continue
		}
		waiting = append(waiting, f)
	}
	if floor.Balanced {
		floor.Queue = append(floor.Queue, sessions.BalanceQueue(waiting, lastGroup)...)
	} else {
		floor.Queue = append(floor.Queue, sessions.OrderQueue(waiting)...)
	}
	return floor, nil
}

// FloorHistory lists every request of a session in the order asked.
func (s *Store) FloorHistory(ctx context.Context, sessionID int64) ([]sessions.FloorRequest, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT `+floorColumns+` FROM floor_requests f JOIN accounts a ON a.id = f.account_id
		WHERE f.session_id = $1 ORDER BY f.requested_at, f.id`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read floor history")
	}
	hs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.FloorRequest, error) { return scanFloorRequest(r) })
	return hs, pgdb.Wrap(err, "sessions: read floor history")
}

// announceFloor appends the session's new Floor as a floor.changed event,
// last in tx.
func announceFloor(ctx context.Context, tx *roomTx, sessionID int64) (sessions.Floor, error) {
	floor, err := readFloor(ctx, tx, sessionID)
	if err != nil {
		return floor, err
	}
	return floor, tx.announce(ctx, sessionID, "floor.changed", floor)
}

// RequestFloor queues a request and announces the new queue.
func (s *Store) RequestFloor(ctx context.Context, r sessions.FloorRequest) (sessions.Floor, error) {
	var floor sessions.Floor
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		// Live still, now: the session's row shared until this commits, so
		// that an end either comes after (and declines this request with
		// the others) or came before (and this is refused).
		var live bool
		if err := tx.QueryRow(ctx, `SELECT state = 'live' FROM sessions WHERE id = $1 FOR SHARE`, r.SessionID).Scan(&live); err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The session"), "sessions: read whether session %d is live", r.SessionID)
		}
		if !live {
			return sessions.ErrFloorClosed
		}
		_, err := tx.Exec(ctx, `INSERT INTO floor_requests (session_id, account_id, mode, point_of_order, hub_id) VALUES ($1, $2, $3, $4, nullif($5, 0))`,
			r.SessionID, r.AccountID, r.Mode, r.PointOfOrder, r.HubID)
		if isUniqueViolation(err) {
			return igfplus.Errorf(igfplus.EConflict, "You have already asked for the floor.")
		}
		if err != nil {
			return pgdb.Wrap(err, "sessions: insert floor request")
		}
		floor, err = announceFloor(ctx, tx, r.SessionID)
		return err
	})
	return floor, err
}

// SetFloorState moves a request on, recording the speaking time when a turn
// ends, and announces the new queue.
func (s *Store) SetFloorState(ctx context.Context, sessionID, id int64, from []sessions.FloorState, to sessions.FloorState) (sessions.Floor, error) {
	var floor sessions.Floor
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		tag, err := tx.Exec(ctx, `
			UPDATE floor_requests SET state = $4,
				granted_at = CASE WHEN $4 = 'granted' THEN clock_timestamp() ELSE granted_at END,
				ended_at = CASE WHEN $4 <> 'granted' THEN clock_timestamp() ELSE ended_at END,
				speaking_seconds = CASE WHEN $4 = 'spoke' THEN greatest(0, extract(epoch FROM clock_timestamp() - granted_at))::int ELSE speaking_seconds END
			WHERE id = $1 AND session_id = $2 AND state = ANY($3)`, id, sessionID, from, to)
		if isUniqueViolation(err) {
			return igfplus.Errorf(igfplus.EConflict, "Someone else has the floor; end their turn first.")
		}
		if err != nil {
			return pgdb.Wrap(err, "sessions: move floor request %d to %s", id, to)
		}
		if tag.RowsAffected() == 0 {
			return igfplus.Errorf(igfplus.EConflict, "That request is no longer waiting; the queue changed meanwhile.")
		}
		floor, err = announceFloor(ctx, tx, sessionID)
		return err
	})
	return floor, err
}

// OpenRequestOf returns the person's queued or granted request.
func (s *Store) OpenRequestOf(ctx context.Context, sessionID, accountID int64) (sessions.FloorRequest, error) {
	var f sessions.FloorRequest
	err := s.db.Pool.QueryRow(ctx, `
		SELECT id, state FROM floor_requests
		WHERE session_id = $1 AND account_id = $2 AND state IN ('queued', 'granted')`, sessionID, accountID).Scan(&f.ID, &f.State)
	if err != nil {
		return f, pgdb.Wrap(pgdb.NotFound(err, "Your request for the floor"), "sessions: read open floor request")
	}
	return f, nil
}

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}
