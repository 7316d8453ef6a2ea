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

// fakeServer writes a stand-in for the igfplus binary that notes each
// start in a file, exits as a taken port would make it for the first
// failures starts, then prints its ready line and runs.
func fakeServer(t *testing.T, failures int) (bin, starts string) {
	t.Helper()
	dir := t.TempDir()
	bin, starts = filepath.Join(dir, "igfplus"), filepath.Join(dir, "starts")
	script := "#!/bin/sh\necho \"$*\" >> " + starts + "\n" +
		"if [ $(wc -l < " + starts + ") -le " + string(rune('0'+failures)) + " ]; then echo 'igfplus: --metrics-addr: address already in use' >&2; exit 1; fi\n" +
		"echo '" + serveproc.ReadyLine("http://127.0.0.1:1") + "'\nexec sleep 30\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, starts
}

func startsOf(t *testing.T, starts string) []string {
	t.Helper()
	b, err := os.ReadFile(starts)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func TestServeWithMetricsStartsAgainOnAnotherPortWhenTheServerExitsEarly(t *testing.T) {
	bin, starts := fakeServer(t, 2)
	cmd, url, metrics, err := ServeWithMetrics(context.Background(), bin, io.Discard, "--demo", "never")
	if err != nil {
		t.Fatal(err)
	}
	defer Stop(cmd)
	got := startsOf(t, starts)
	if url != "http://127.0.0.1:1" || !strings.HasPrefix(metrics, "http://127.0.0.1:") || len(got) != 3 {
		t.Fatalf("url %q, metrics %q after %d starts", url, metrics, len(got))
	}
	if !strings.HasSuffix(got[2], "--metrics-addr "+strings.TrimPrefix(metrics, "http://")) || !strings.Contains(got[2], "--demo never") {
		t.Fatalf("the last start's arguments: %q, metrics %q", got[2], metrics)
	}
}

func TestServeWithMetricsGivesUpAfterThreeStarts(t *testing.T) {
	bin, starts := fakeServer(t, 9)
	_, _, _, err := ServeWithMetrics(context.Background(), bin, io.Discard)
	if !errors.Is(err, serveproc.ErrExited) || len(startsOf(t, starts)) != 3 || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("got %v after %d starts", err, len(startsOf(t, starts)))
	}
}
