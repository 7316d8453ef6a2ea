package pglog

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
)

// Inserts that announce themselves.
//
// A change that is one new row and the event announcing it (a chat
// message, the commonest write of a busy room) need not hold a
// transaction open over four round trips (begin, insert, append, commit):
// InsertThenPublish makes the insert and the append one statement, which
// Postgres runs and commits as a transaction of its own, in one round
// trip. The event's data is the row's, encoded by the caller, with the
// values only the insert knows (its id, its time) set by the statement.

// Querier runs one statement (a pool or a transaction).
type Querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Insert is a data-modifying statement returning exactly one row, and the
// event that announces that row in Room.
type Insert struct {
	SQL  string // INSERT … RETURNING …; its parameters are $1 to $len(Args)
	Args []any
	Room string
	Kind string
	// Data is the event's data before the insert: its keys named in Set
	// take the values of the returned columns of the same names.
	Data any
	Set  []string
}

// InsertThenPublish runs in and appends its event in one statement,
// scans the returned row into dest (one destination a RETURNING column),
// and publishes the event once the statement has committed.
func InsertThenPublish(ctx context.Context, db Querier, pub Publisher, in Insert, dest ...any) error {
	raw, err := json.Marshal(in.Data)
	if err != nil {
		return fmt.Errorf("pglog: encode %s: %w", in.Kind, err)
	}
	args := append(append(make([]any, 0, len(in.Args)+4+len(in.Set)), in.Args...), in.Room, newEpoch(), in.Kind, raw)
	for _, col := range in.Set {
		args = append(args, col)
	}
	var (
		pos  hub.Position
		at   time.Time
		data []byte
	)
	scan := append([]any{&pos.Epoch, &pos.Offset, &at, &data}, dest...)
	if err := db.QueryRow(ctx, insertSQL(in, len(in.Args)), args...).Scan(scan...); err != nil {
		return err
	}
	ev, err := hub.NewEvent(in.Room, pos, in.Kind, at, data)
	if err != nil {
		return fmt.Errorf("pglog: frame %s in %s: %w", in.Kind, in.Room, err)
	}
	if err := pub.Publish(ctx, ev); err != nil {
		return fmt.Errorf("pglog: publish %s at %d in %s: %w", ev.Type, ev.Offset, ev.Room, err)
	}
	return nil
}

// insertSQL wraps in.SQL with the append Append makes (nextOffset); n is
// the number of in's own parameters. The room's counter moves only when
// the insert returned its row, so a statement that inserts nothing leaves
// no gap.
func insertSQL(in Insert, n int) string {
	p := func(i int) string { return "$" + strconv.Itoa(n+i) }
	set := make([]string, 0, len(in.Set))
	for i, col := range in.Set {
		set = append(set, p(5+i)+"::text, ins."+pgx.Identifier{col}.Sanitize())
	}
	return `WITH ins AS (` + in.SQL + `),
		` + nextOffset(p(1)+"::text", p(2)+"::bigint", " FROM ins") + `,
		ev AS (
			INSERT INTO room_events (room, epoch, "offset", type, data)
			SELECT ` + p(1) + `::text, next.epoch, next.last_offset, ` + p(3) + `::text,
			       ` + p(4) + `::jsonb || jsonb_build_object(` + strings.Join(set, ", ") + `)
			FROM next, ins
			RETURNING epoch, "offset", created_at, data)
		SELECT ev.epoch, ev."offset", ev.created_at, ev.data, ins.* FROM ev, ins`
}
