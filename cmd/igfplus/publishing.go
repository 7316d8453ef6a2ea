package main

import (
	"context"
	"log/slog"
	"net"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/igfplus/igfplus/tracks/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing"
	publishingstore "github.com/igfplus/igfplus/tracks/publishing/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing/relay"
)

// newPublishing wires the high-level body's publishing and the relay that
// delivers its outbox. Every node runs relay workers: they share the
// outbox through Postgres, so adding nodes adds senders, never duplicates.
func newPublishing(cfg Config, db *pgstore.DB, reg prometheus.Registerer, log *slog.Logger) (*publishing.Service, *relay.Relay) {
	store := publishingstore.New(db)
	svc := publishing.NewService(store)
	svc.ResolveWith(net.DefaultResolver)
	return svc, relay.New(relay.Config{Outbox: store, Workers: cfg.RelayWorkers,
		Timeout: cfg.RelayTimeout, Metrics: relay.NewMetrics(reg, store), Logger: log.With("component", "relay")})
}

// runRelay runs the node's relay workers until ctx ends; the channel
// closes once attempts in flight have been recorded. With no workers
// (--relay-workers 0) the node sends nothing; other nodes do.
func (a *app) runRelay(ctx context.Context, workers int) <-chan struct{} {
	done := make(chan struct{})
	if workers == 0 {
		close(done)
		return done
	}
	go func() { a.relay.Run(ctx); close(done) }()
	return done
}
