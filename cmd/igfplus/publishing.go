package main

import (
	"context"
	"log/slog"
	"net"

	"github.com/igfplus/igfplus/tracks/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing"
	publishingstore "github.com/igfplus/igfplus/tracks/publishing/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing/relay"
)

// newPublishing wires the high-level body's publishing and the relay that
// delivers its outbox. Every node runs relay workers: they share the
// outbox through Postgres, so adding nodes adds senders, never duplicates.
func newPublishing(db *pgstore.DB, log *slog.Logger) (*publishing.Service, *relay.Relay) {
	store := publishingstore.New(db)
	svc := publishing.NewService(store)
	svc.ResolveWith(net.DefaultResolver)
	return svc, relay.New(relay.Config{Outbox: store, Logger: log.With("component", "relay")})
}

// runRelay runs the node's relay workers until ctx ends; the channel
// closes once attempts in flight have been recorded.
func (a *app) runRelay(ctx context.Context) <-chan struct{} {
	done := make(chan struct{})
	go func() { a.relay.Run(ctx); close(done) }()
	return done
}
