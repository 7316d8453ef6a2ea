package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/config"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// defaultMetricsAddr is where /metrics is served unless --metrics-addr
// says otherwise: the loopback interface only, so that a Prometheus on the
// same host keeps scraping with nothing configured while the public
// listener (and whatever proxy fronts it) never shows the metrics. A
// deployment whose Prometheus scrapes from elsewhere sets an address it
// can reach (the shipped manifests set :9464, which no Service port,
// ingress or nginx location routes to).
const defaultMetricsAddr = config.DefaultMetricsAddr

// listenMetrics opens the metrics listener: none when --metrics-addr is
// "off" or empty. An address set on purpose that cannot be bound stops the
// start; the default one is skipped with a warning, so that several nodes
// on one machine (tests, the fault run, the benchmarks) still start.
func listenMetrics(addr string, log *slog.Logger) (net.Listener, error) {
	if addr == "" || addr == "off" {
		return nil, nil
	}
	l, err := net.Listen("tcp", addr)
	if err != nil && addr == defaultMetricsAddr {
		log.Warn("metrics not served: the default metrics address is taken; set --metrics-addr", "addr", addr, "err", err)
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("--metrics-addr: %w", err)
	}
	return l, nil
}

// serveMetrics serves reg at /metrics on l (nothing when l is nil) until
// ctx ends. Nothing else is served there.
func serveMetrics(ctx context.Context, l net.Listener, reg *prometheus.Registry, log *slog.Logger) {
	if l == nil {
		return
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	log.Info("metrics served", "addr", l.Addr().String())
	if err := srv.Serve(l); err != nil && err != http.ErrServerClosed {
		log.Warn("metrics no longer served", "err", err)
	}
}
