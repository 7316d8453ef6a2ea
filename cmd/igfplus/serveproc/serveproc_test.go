package serveproc_test

import (
	"context"
	"errors"
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/serveproc"
)

func TestWithoutEnvDropsOnlyTheNamedVariables(t *testing.T) {
	env := []string{"DATABASE_URL=postgres://x", "DATABASE_URL_EXTRA=kept", "HOME=/root", "REDIS_URL="}
	got := serveproc.WithoutEnv(env, "DATABASE_URL", "REDIS_URL")
	if want := []string{"DATABASE_URL_EXTRA=kept", "HOME=/root"}; !slices.Equal(got, want) {
		t.Errorf("WithoutEnv = %q, want %q", got, want)
	}
	if env[0] != "DATABASE_URL=postgres://x" {
		t.Error("WithoutEnv changed the environment it was given")
	}
}

func TestTheReadyLineCarriesTheURL(t *testing.T) {
	if u, ok := serveproc.URLOf(serveproc.ReadyLine("http://127.0.0.1:8080")); !ok || u != "http://127.0.0.1:8080" {
		t.Errorf("URLOf(ReadyLine) = %q, %v", u, ok)
	}
	if _, ok := serveproc.URLOf("IGF Plus is starting"); ok {
		t.Error("URLOf read a URL from another line")
	}
}

// A server that exits before its ready line (a port taken, say) is
// reported at once, not when the wait runs out; one that prints it is
// found, even when the line is its last.
func TestStartSeesAServerThatExitsBeforeItsReadyLine(t *testing.T) {
	begun := time.Now()
	_, err := serveproc.Start(context.Background(), exec.Command("sh", "-c", "echo starting; exit 1"), time.Minute, nil)
	if !errors.Is(err, serveproc.ErrExited) || time.Since(begun) > 10*time.Second {
		t.Fatalf("got %v after %s", err, time.Since(begun))
	}
	line := serveproc.ReadyLine("http://127.0.0.1:1")
	srv, err := serveproc.Start(context.Background(), exec.Command("sh", "-c", "echo '"+line+"'"), time.Minute, nil)
	if err != nil || srv != (serveproc.Server{URL: "http://127.0.0.1:1"}) {
		t.Fatalf("a ready line then exit: %+v %v", srv, err)
	}
}

// The metrics line, printed before the ready line, says where the metrics
// listener is.
func TestStartReadsWhereTheMetricsAre(t *testing.T) {
	script := "echo '" + serveproc.MetricsLine("http://127.0.0.1:2") + "'; echo '" + serveproc.ReadyLine("http://127.0.0.1:1") + "'; sleep 30"
	cmd := exec.Command("sh", "-c", script)
	srv, err := serveproc.Start(context.Background(), cmd, time.Minute, nil)
	if cmd.Process != nil {
		defer func() { cmd.Process.Kill(); cmd.Wait() }()
	}
	if err != nil || srv != (serveproc.Server{URL: "http://127.0.0.1:1", Metrics: "http://127.0.0.1:2"}) {
		t.Fatalf("got %+v %v", srv, err)
	}
}
