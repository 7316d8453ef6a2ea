package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/igfplus/igfplus/cmd/igfplus/serveproc"
	"github.com/igfplus/igfplus/deploy/demo"
	"github.com/igfplus/igfplus/hub/pglog"
)

// serve runs the platform until ctx ends.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, log, st, err := setUp(ctx, "igfplus serve", args, stderr)
	if err != nil {
		return err
	}
	defer st.close()
	var logins []demo.Login
	if cfg.Demo == "always" || (cfg.Demo == "auto" && st.local != nil) {
		if logins, err = seedIfEmpty(ctx, st, log); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}

	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	defer l.Close()
	cfg = withAddressDefaults(cfg, l.Addr().String())
	ml, err := listenMetrics(cfg.MetricsAddr, log)
	if err != nil {
		return err
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	a, err := assemble(ctx, cfg, st, reg, log)
	if err != nil {
		return err
	}
	defer a.close()

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	hubDone := make(chan error, 1)
	go func() { hubDone <- a.hub.Run(runCtx) }()
	go serveDebug(runCtx, cfg.DebugAddr, log)
	go serveMetrics(runCtx, ml, reg, log)
	presenceDone := make(chan struct{})
	go func() { a.presence.Run(runCtx); close(presenceDone) }()
	// Expired refresh tokens are refused anyway, and would otherwise pile up.
	go every(runCtx, time.Hour, log, "purging expired refresh tokens failed", func(ctx context.Context, now time.Time) error {
		_, err := a.signIn.store.PurgeExpired(ctx, now)
		return err
	})
	// Sign-outs and role changes committed on any node end the sessions
	// here at once: the database tells each change (migration 0039).
	feedDone := make(chan struct{})
	go func() {
		feed := tokenVersionFeed{authn: a.signIn.authn, hub: a.hub}
		a.signIn.store.WatchTokenVersions(runCtx, feed, time.Second, func(err error) {
			log.Warn("token version feed lost; sign-outs elsewhere show within seconds until it is back", "err", err)
		})
		close(feedDone)
	}()
	votingDone := make(chan struct{})
	go func() { a.ballots.Run(runCtx); close(votingDone) }()
	go every(runCtx, time.Second, log, "poll schedule", a.voting.RunSchedule)
	// Every node pushes the federation outbox; rows are claimed with SKIP
	// LOCKED under a lease, so nodes never send one twice at once.
	go every(runCtx, time.Second, log, "federation: push", func(ctx context.Context, _ time.Time) error {
		_, err := a.federation.PushDue(ctx)
		return err
	})
	// Every node sends the mail outbox: claims are SKIP LOCKED leases.
	go every(runCtx, time.Second, log, "mail: send", func(ctx context.Context, _ time.Time) error {
		_, err := a.signIn.mail.worker.SendDue(ctx)
		return err
	})
	// Every node queues the notifications: each notice is queued in the
	// transaction that records it (a unique row, or a SKIP LOCKED claim),
	// so two nodes never queue one twice.
	go every(runCtx, 5*time.Second, log, "notify: queue", a.notify.RunDue)
	relayDone := a.runRelay(runCtx, cfg.RelayWorkers)
	roomLog := pglog.New(st.db.Pool)
	go every(runCtx, 10*time.Minute, log, "pglog: trimming old room events failed", func(ctx context.Context, _ time.Time) error {
		_, err := roomLog.Trim(ctx, pglog.Retention)
		return err
	})

	if ml != nil { // before the ready line, which is the last a starter waits for
		fmt.Fprintln(stdout, serveproc.MetricsLine("http://"+ml.Addr().String()))
	}
	fmt.Fprintln(stdout, serveproc.ReadyLine(cfg.PublicURL))
	if logins != nil {
		printLogins(stdout, logins)
	}
	log.Info("listening", "addr", l.Addr().String(), "public_url", cfg.PublicURL, "origins", cfg.AllowedOrigins)
	err = a.web.Serve(ctx, l)
	cancel()
	<-hubDone
	<-presenceDone
	<-votingDone
	<-feedDone
	<-relayDone
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// withAddressDefaults fills the public URL and the allowed origins from the
// address actually bound (which matters with port 0).
func withAddressDefaults(cfg Config, bound string) Config {
	if cfg.PublicURL == "" {
		cfg.PublicURL = "http://" + bound
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	if len(cfg.AllowedOrigins) == 0 {
		if u, err := url.Parse(cfg.PublicURL); err == nil {
			cfg.AllowedOrigins = []string{u.Scheme + "://" + u.Host}
		}
	}
	return cfg
}
