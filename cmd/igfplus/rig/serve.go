package rig

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/serveproc"
)

// Serve starts `bin serve --addr 127.0.0.1:0 args...` (bin empty: this
// binary) and returns the process and the URL it printed once ready. The
// process's stderr goes to log; it does not inherit the environment's
// database, Redis, address, data folder or keys, so that only args
// configure it. The caller stops it.
func Serve(ctx context.Context, bin string, log io.Writer, args ...string) (*exec.Cmd, string, error) {
	cmd, srv, err := start(ctx, bin, log, args)
	return cmd, srv.URL, err
}

// ServeWithMetrics is Serve with a metrics listener on a port of
// 127.0.0.1 that the kernel picks when the server binds it, and also
// returns that listener's base URL, which the server prints.
func ServeWithMetrics(ctx context.Context, bin string, log io.Writer, args ...string) (*exec.Cmd, string, string, error) {
	cmd, srv, err := start(ctx, bin, log, append(args, "--metrics-addr", "127.0.0.1:0"))
	return cmd, srv.URL, srv.Metrics, err
}

func start(ctx context.Context, bin string, log io.Writer, args []string) (*exec.Cmd, serveproc.Server, error) {
	if bin == "" {
		self, err := os.Executable()
		if err != nil {
			return nil, serveproc.Server{}, err
		}
		bin = self
	}
	// The benchmarks' clients share one account and one address: the caps
	// on live connections, meant for people, are off for them.
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--sockets-per-account", "0", "--sockets-per-address", "0", "--actions-per-second", "0"}, args...)...)
	cmd.Env = serveproc.WithoutEnv(os.Environ(), "DATABASE_URL", "REDIS_URL", "IGFPLUS_ADDR", "IGFPLUS_DATA",
		"IGFPLUS_TOKEN_KEY", "IGFPLUS_BALLOT_KEY", "IGFPLUS_BALLOT_KEY_FILE", "IGFPLUS_METRICS_ADDR")
	last := &lastWords{}
	cmd.Stderr = io.MultiWriter(log, last)
	srv, err := serveproc.Start(ctx, cmd, 90*time.Second, nil)
	if err != nil {
		if cmd.Process != nil {
			cmd.Process.Kill()
			cmd.Wait() // and its stderr is copied out
		}
		return nil, serveproc.Server{}, fmt.Errorf("%w; its stderr ended: %s", err, last.b)
	}
	return cmd, srv, nil
}

// lastWords keeps the end of a process's stderr, for the error that says
// why it did not start when the log goes nowhere. It is read only once
// the process has been waited for.
type lastWords struct{ b []byte }

func (l *lastWords) Write(p []byte) (int, error) {
	const keep = 2048
	l.b = append(l.b, p...)
	if len(l.b) > keep {
		l.b = l.b[len(l.b)-keep:]
	}
	return len(p), nil
}

// Stop ends a server process Serve started as its operators do, with
// SIGTERM (it drains its connections first), and waits for it to exit.
// A command that never started is nothing to stop.
func Stop(cmd *exec.Cmd) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
}
