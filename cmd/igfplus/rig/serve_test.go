package rig

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/cmd/igfplus/serveproc"
)

// fakeServer writes a stand-in for the igfplus binary that saves its
// arguments to a file and runs script.
func fakeServer(t *testing.T, script string) (bin, argsFile string) {
	t.Helper()
	dir := t.TempDir()
	bin, argsFile = filepath.Join(dir, "igfplus"), filepath.Join(dir, "args")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\necho \"$*\" > "+argsFile+"\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, argsFile
}

// The metrics listener's port is the kernel's pick when the server binds
// it: ServeWithMetrics asks for port 0 and reads where the server says it
// serves the metrics.
func TestServeWithMetricsReadsWhereTheServerServesThem(t *testing.T) {
	bin, argsFile := fakeServer(t, "echo '"+serveproc.MetricsLine("http://127.0.0.1:2")+"'\necho '"+
		serveproc.ReadyLine("http://127.0.0.1:1")+"'\nexec sleep 30\n")
	cmd, url, metrics, err := ServeWithMetrics(context.Background(), bin, io.Discard, "--demo", "never")
	if err != nil {
		t.Fatal(err)
	}
	defer Stop(cmd)
	args, _ := os.ReadFile(argsFile)
	if url != "http://127.0.0.1:1" || metrics != "http://127.0.0.1:2" ||
		!strings.HasSuffix(strings.TrimSpace(string(args)), "--demo never --metrics-addr 127.0.0.1:0") {
		t.Fatalf("url %q, metrics %q, arguments %q", url, metrics, args)
	}
}

// A server that exits before its ready line says why in the error, even
// when its log goes nowhere.
func TestServeReportsTheEndOfTheStderrOfAServerThatDidNotStart(t *testing.T) {
	bin, _ := fakeServer(t, "echo 'igfplus: --redis-url: no such host' >&2\nexit 1\n")
	_, _, err := Serve(context.Background(), bin, io.Discard)
	if !errors.Is(err, serveproc.ErrExited) || !strings.Contains(err.Error(), "--redis-url: no such host") {
		t.Fatalf("got %v", err)
	}
}
