package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/testenv"
)

// BenchmarkIdleHeap assembles a node as serve does (the in-process hub, a
// fresh database) and reports the live heap it holds before any request:
// heap-MB is runtime.MemStats.HeapInuse after a collection, node-MB the
// part of it the assembled node adds. Pages and languages nobody asked
// for should cost nothing here (docs/PERFORMANCE.md, "Idle heap").
//
//	go test -run XXX -bench BenchmarkIdleHeap -benchtime 1x ./cmd/igfplus/
func BenchmarkIdleHeap(b *testing.B) {
	ctx := context.Background()
	cfg, err := parseConfig("igfplus serve", []string{"--data", b.TempDir()}, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	cfg = withAddressDefaults(cfg, "127.0.0.1:8080") // as if serve had bound it
	st := &storage{db: pgtest.DB(b)}
	log := slog.New(slog.DiscardHandler)
	var before, after float64
	for b.Loop() {
		before = testenv.LiveHeap()
		a, err := assemble(ctx, cfg, st, prometheus.NewRegistry(), log)
		if err != nil {
			b.Fatal(err)
		}
		after = testenv.LiveHeap()
		writeHeapProfile(b, os.Getenv("IGFPLUS_HEAP_PROFILE"))
		runtime.KeepAlive(a)
		a.close()
	}
	b.ReportMetric(after/1e6, "heap-MB")
	b.ReportMetric((after-before)/1e6, "node-MB")
}

// writeHeapProfile writes the live heap's profile to path, if path is
// set: run with -memprofilerate 1 to see every allocation
// (go tool pprof -sample_index inuse_space).
func writeHeapProfile(b *testing.B, path string) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Fatal(err)
	}
}
