package pglog

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
)

// TxRunner runs a function in a transaction and commits it (pgdb.DB).
type TxRunner interface {
	InTx(ctx context.Context, fn func(pgx.Tx) error) error
}

// Publisher announces committed events (the hub).
type Publisher interface {
	Publish(ctx context.Context, ev hub.Event) error
}

// CommitThenPublish runs fn in a transaction and publishes the events it
// appended once the transaction has committed, never before: a rolled-back
// change is never announced, and an announced one is always in the log.
func CommitThenPublish(ctx context.Context, db TxRunner, pub Publisher, fn func(pgx.Tx) ([]hub.Event, error)) error {
	var events []hub.Event
	err := db.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		events, err = fn(tx)
		return err
	})
	if err != nil {
		return err
	}
	for _, ev := range events {
		if err := pub.Publish(ctx, ev); err != nil {
			return fmt.Errorf("pglog: publish %s at %d in %s: %w", ev.Type, ev.Offset, ev.Room, err)
		}
	}
	return nil
}
