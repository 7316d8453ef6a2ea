package rig

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
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
	if bin == "" {
		self, err := os.Executable()
		if err != nil {
			return nil, "", err
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
	url, err := serveproc.Start(ctx, cmd, 90*time.Second, nil)
	if err != nil {
		if cmd.Process != nil {
			cmd.Process.Kill()
			cmd.Wait() // and its stderr is copied out
		}
		return nil, "", fmt.Errorf("%w; its stderr ended: %s", err, last.b)
	}
	return cmd, url, nil
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

// ServeWithMetrics is Serve with a metrics listener (--metrics-addr) on a
// port of 127.0.0.1 free a moment before, and also returns its base URL.
// Another process may take that port before the server binds it; a server
// that exits before its ready line is started again on another port,
// three times at most.
func ServeWithMetrics(ctx context.Context, bin string, log io.Writer, args ...string) (*exec.Cmd, string, string, error) {
	var err error
	for range 3 {
		var metrics string
		if metrics, err = freeAddr(); err != nil {
			return nil, "", "", err
		}
		var (
			cmd *exec.Cmd
			url string
		)
		cmd, url, err = Serve(ctx, bin, log, append(args, "--metrics-addr", metrics)...)
		if err == nil {
			return cmd, url, "http://" + metrics, nil
		}
		if !errors.Is(err, serveproc.ErrExited) {
			break
		}
	}
	return nil, "", "", err
}

// freeAddr returns a 127.0.0.1 address with a port free a moment ago.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
