// Package pglog is the durable event log of the hub's rooms, in Postgres.
// Append runs inside the caller's transaction, and InsertThenPublish in the
// very statement of a change that is one new row, so that an event exists
// if and only if the change it announces committed; Log reads the log back
// for resume and gap healing (it implements hub.History).
package pglog

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/igfplus/igfplus/hub"
)

// Append gives the room's next offset to an event and inserts it, inside tx.
// It locks the room's row until tx ends, so offsets are contiguous and commit
// in order: call it last in the transaction to hold the lock briefly.
func Append(ctx context.Context, tx pgx.Tx, room, kind string, data any) (hub.Event, error) {
	return AppendClosing(ctx, tx, room, kind, data, 0)
}

// AppendClosing is Append for an event that also ends closeAccount's
// connections in the room (see hub.Event.CloseAccount).
func AppendClosing(ctx context.Context, tx pgx.Tx, room, kind string, data any, closeAccount int64) (hub.Event, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return hub.Event{}, fmt.Errorf("pglog: encode %s: %w", kind, err)
	}
	// One statement, one round trip: take the room's next offset (locking
	// its row until the transaction ends) and insert the event with it.
	var (
		pos hub.Position
		at  time.Time
	)
	err = tx.QueryRow(ctx, appendSQL, room, newEpoch(), kind, raw, closeAccount).Scan(&pos.Epoch, &pos.Offset, &at)
	if err != nil {
		return hub.Event{}, fmt.Errorf("pglog: append to %s: %w", room, err)
	}
	ev, err := hub.NewEvent(room, pos, kind, at, raw)
	if err != nil {
		return hub.Event{}, fmt.Errorf("pglog: frame %s in %s: %w", kind, room, err)
	}
	ev.CloseAccount = closeAccount
	return ev, nil
}

// appendSQL is AppendClosing's statement; its parameters are the room,
// the epoch of a room new to the log, the kind, the data and the account
// whose connections the event ends (0: none).
var appendSQL = `WITH ` + nextOffset("$1::text", "$2::bigint", "") + `
	INSERT INTO room_events (room, epoch, "offset", type, data, close_account)
	SELECT $1, epoch, last_offset, $3, $4, nullif($5, 0) FROM next
	RETURNING epoch, "offset", created_at`

// nextOffset is the common table expression "next" that takes room's next
// offset, its one row (epoch, last_offset), locking the room's row until
// the transaction ends, so that offsets are contiguous and commit in
// order; a room new to the log starts at epoch. from ends the row's SELECT
// (" FROM ins": only when ins has a row; "": always).
func nextOffset(room, epoch, from string) string {
	return `next AS (
		INSERT INTO rooms (name, epoch, last_offset) SELECT ` + room + `, ` + epoch + `, 1` + from + `
		ON CONFLICT (name) DO UPDATE SET last_offset = rooms.last_offset + 1
		RETURNING epoch, last_offset)`
}

// Rewrite sets, inside tx, the value at path in the data of the room's
// events of kind whose data contains match (JSON containment, @>), and
// returns how many it changed. It is for taking out of the log what must
// not be replayed (a removed chat message's text): the event announcing
// the change then says Rewrote (MarkRewrote), so that copies kept outside
// Postgres are not served either. Offsets, kinds and times stay as they were.
func Rewrite(ctx context.Context, tx pgx.Tx, room, kind string, match any, path []string, value any) (int64, error) {
	m, err := json.Marshal(match)
	if err != nil {
		return 0, fmt.Errorf("pglog: encode the match in %s: %w", room, err)
	}
	v, err := json.Marshal(value)
	if err != nil {
		return 0, fmt.Errorf("pglog: encode the value in %s: %w", room, err)
	}
	tag, err := tx.Exec(ctx, `UPDATE room_events SET data = jsonb_set(data, $4, $5)
		WHERE room = $1 AND type = $2 AND data @> $3`, room, kind, m, path, v)
	if err != nil {
		return 0, fmt.Errorf("pglog: rewrite %s in %s: %w", kind, room, err)
	}
	return tag.RowsAffected(), nil
}

// MarkRewrote records, inside tx, that ev (appended in tx) announces a
// change that rewrote earlier events of its room (Rewrite), and sets
// ev.Rewrote: a node that reads ev from the log, having missed it on the
// wire, forgets its copies of the room's events as one that got it from
// the wire does.
func MarkRewrote(ctx context.Context, tx pgx.Tx, ev *hub.Event) error {
	if _, err := tx.Exec(ctx, `UPDATE room_events SET rewrote = true WHERE room = $1 AND "offset" = $2`, ev.Room, ev.Offset); err != nil {
		return fmt.Errorf("pglog: mark %s at %d in %s rewriting: %w", ev.Type, ev.Offset, ev.Room, err)
	}
	ev.Rewrote = true
	return nil
}

// newEpoch names a fresh log: later logs have larger epochs.
func newEpoch() int64 { return time.Now().UnixMicro() }

// Log reads rooms' event logs.
type Log struct {
	pool *pgxpool.Pool
}

var _ hub.History = (*Log)(nil)

// New returns a Log reading from pool.
func New(pool *pgxpool.Pool) *Log { return &Log{pool: pool} }

// Top returns the room's current position, creating the room's log (and so
// fixing its epoch) if it has none yet. Reading again after the insert, in
// a new statement, matters: a statement's snapshot cannot see a row that a
// concurrent first join inserted, even after waiting for it.
func (l *Log) Top(ctx context.Context, room string) (hub.Position, error) {
	pos, err := l.readTop(ctx, room)
	if err != pgx.ErrNoRows {
		return pos, err
	}
	if _, err := l.pool.Exec(ctx, `INSERT INTO rooms (name, epoch) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, room, newEpoch()); err != nil {
		return hub.Position{}, fmt.Errorf("pglog: create %s: %w", room, err)
	}
	pos, err = l.readTop(ctx, room)
	if err == pgx.ErrNoRows {
		return hub.Position{}, fmt.Errorf("pglog: top of %s once created: %w", room, err)
	}
	return pos, err
}

func (l *Log) readTop(ctx context.Context, room string) (hub.Position, error) {
	var pos hub.Position
	err := l.pool.QueryRow(ctx, `SELECT epoch, last_offset FROM rooms WHERE name = $1`, room).Scan(&pos.Epoch, &pos.Offset)
	if err != nil && err != pgx.ErrNoRows {
		return hub.Position{}, fmt.Errorf("pglog: top of %s: %w", room, err)
	}
	return pos, err
}

// Since returns the events after from, at most limit, and the room's top. A
// position in another epoch, ahead of the top, or whose next events have
// been trimmed cannot be continued: it returns hub.ErrReset with the top.
func (l *Log) Since(ctx context.Context, room string, from hub.Position, limit int) ([]hub.Event, hub.Position, error) {
	top, err := l.Top(ctx, room)
	if err != nil {
		return nil, hub.Position{}, err
	}
	if from.Epoch != top.Epoch || from.Offset > top.Offset {
		return nil, top, hub.ErrReset
	}
	if from.Offset == top.Offset {
		return nil, top, nil
	}
	rows, err := l.pool.Query(ctx, `
		SELECT "offset", type, data, created_at, coalesce(close_account, 0), rewrote FROM room_events
		WHERE room = $1 AND epoch = $2 AND "offset" > $3
		ORDER BY "offset" LIMIT $4`, room, top.Epoch, from.Offset, limit)
	if err != nil {
		return nil, top, fmt.Errorf("pglog: read %s: %w", room, err)
	}
	defer rows.Close()
	var evs []hub.Event
	for rows.Next() {
		var (
			off, closeAccount int64
			kind              string
			data              []byte
			at                time.Time
			rewrote           bool
		)
		if err := rows.Scan(&off, &kind, &data, &at, &closeAccount, &rewrote); err != nil {
			return nil, top, fmt.Errorf("pglog: read %s: %w", room, err)
		}
		ev, err := hub.NewEvent(room, hub.Position{Epoch: top.Epoch, Offset: off}, kind, at, data)
		if err != nil {
			return nil, top, fmt.Errorf("pglog: frame %s at %d in %s: %w", kind, off, room, err)
		}
		ev.CloseAccount, ev.Rewrote = closeAccount, rewrote
		evs = append(evs, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, top, fmt.Errorf("pglog: read %s: %w", room, err)
	}
	if len(evs) == 0 || evs[0].Offset != from.Offset+1 {
		return nil, top, hub.ErrReset // trimmed away
	}
	if last := evs[len(evs)-1].Position(); last.Offset > top.Offset {
		top = last
	}
	return evs, top, nil
}

// Retention is how long room events are kept: a client away for up to a day
// resumes without losing anything; one away longer reloads.
const Retention = 25 * time.Hour

// Trim deletes the events older than keep, in batches so that it never
// holds many locks at once, and returns how many went.
func (l *Log) Trim(ctx context.Context, keep time.Duration) (int64, error) {
	var total int64
	for {
		tag, err := l.pool.Exec(ctx, `
			DELETE FROM room_events WHERE ctid IN (
				SELECT ctid FROM room_events WHERE created_at < now() - $1::interval LIMIT 5000)`,
			fmt.Sprintf("%d seconds", int64(keep.Seconds())))
		if err != nil {
			return total, fmt.Errorf("pglog: trim: %w", err)
		}
		total += tag.RowsAffected()
		if tag.RowsAffected() < 5000 {
			return total, nil
		}
	}
}
