// Package pglogtest helps test stores that append room events with pglog
// and announce them after commit.
package pglogtest

import (
	"context"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/igfplus/igfplus/hub"
)

// Recorder is a Publisher that checks each event is already committed when
// it is published (a test fails otherwise) and remembers the events.
type Recorder struct {
	t    testing.TB
	pool *pgxpool.Pool
	mu   sync.Mutex
	list []hub.Event
}

// NewRecorder returns a Recorder checking against the database of pool.
func NewRecorder(t testing.TB, pool *pgxpool.Pool) *Recorder {
	return &Recorder{t: t, pool: pool}
}

// Publish records ev after checking that its room event is committed.
func (r *Recorder) Publish(ctx context.Context, ev hub.Event) error {
	var n int
	if err := r.pool.QueryRow(ctx, `SELECT count(*) FROM room_events WHERE room = $1 AND "offset" = $2`, ev.Room, ev.Offset).Scan(&n); err != nil || n != 1 {
		r.t.Errorf("event %s/%d published before it was committed (%d rows, %v)", ev.Room, ev.Offset, n, err)
	}
	r.mu.Lock()
	r.list = append(r.list, ev)
	r.mu.Unlock()
	return nil
}

// Events returns the events published so far, in order.
func (r *Recorder) Events() []hub.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]hub.Event(nil), r.list...)
}

// Count is how many events were published.
func (r *Recorder) Count() int { return len(r.Events()) }

// Types lists the published events' types, in order.
func (r *Recorder) Types() []string {
	var out []string
	for _, ev := range r.Events() {
		out = append(out, ev.Type)
	}
	return out
}
