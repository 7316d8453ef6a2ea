package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// TestMetricsAreServedOnTheirOwnAddress: /metrics is served on the metrics
// listener (by default 127.0.0.1:9464, or --metrics-addr, or
// IGFPLUS_METRICS_ADDR) and nothing else is; "off" serves it nowhere; an
// address set on purpose that is taken stops the start, while a taken
// default only warns.
func TestMetricsAreServedOnTheirOwnAddress(t *testing.T) {
	if cfg, err := parseConfig("igfplus serve", nil, io.Discard); err != nil || cfg.MetricsAddr != "127.0.0.1:9464" {
		t.Fatalf("default metrics address %q, %v; want 127.0.0.1:9464", cfg.MetricsAddr, err)
	}
	t.Setenv("IGFPLUS_METRICS_ADDR", "off")
	if cfg, _ := parseConfig("igfplus serve", nil, io.Discard); cfg.MetricsAddr != "off" {
		t.Fatalf("IGFPLUS_METRICS_ADDR=off read as %q", cfg.MetricsAddr)
	}
	if cfg, _ := parseConfig("igfplus serve", []string{"--metrics-addr", "127.0.0.1:0"}, io.Discard); cfg.MetricsAddr != "127.0.0.1:0" {
		t.Fatalf("--metrics-addr read as %q", cfg.MetricsAddr)
	}

	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	if l, err := listenMetrics("off", log); l != nil || err != nil {
		t.Fatalf("off: %v, %v; want no listener", l, err)
	}
	l, err := listenMetrics("127.0.0.1:0", log)
	if err != nil || l == nil {
		t.Fatalf("listening: %v", err)
	}
	if _, err := listenMetrics(l.Addr().String(), log); err == nil || !strings.Contains(err.Error(), "--metrics-addr") {
		t.Fatalf("a taken address set on purpose: %v, want an error", err)
	}
	if def, err := net.Listen("tcp", defaultMetricsAddr); err == nil { // else something holds it already
		defer def.Close()
	}
	if got, err := listenMetrics(defaultMetricsAddr, log); got != nil || err != nil || !strings.Contains(logs.String(), "metrics not served") {
		t.Fatalf("the default taken: %v, %v, log %q; want a warning and no listener", got, err, logs.String())
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewGauge(prometheus.GaugeOpts{Name: "igfplus_test_gauge", Help: "A gauge."}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { serveMetrics(ctx, l, reg, log); close(done) }()
	defer func() { cancel(); <-done }()
	base := "http://" + l.Addr().String()
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "igfplus_test_gauge") {
		t.Fatalf("/metrics on the metrics address: %d %.80q", resp.StatusCode, body)
	}
	for _, path := range []string{"/", "/healthz", "/api/openapi.json", "/debug/pprof/"} {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s on the metrics address: %d, want 404", path, resp.StatusCode)
		}
	}
}
