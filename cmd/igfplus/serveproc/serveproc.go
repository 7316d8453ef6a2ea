// Package serveproc starts `igfplus serve` as a child process and learns the
// URL it runs at from the one line it prints when ready. The serve command,
// the benchmarks, the fault run and the end-to-end tests share it, so the
// line is written and read in one place.
package serveproc

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"time"
)

const (
	readyPrefix   = "IGF Plus is running at "
	metricsPrefix = "IGF Plus serves its metrics at "
)

// ErrExited is Start's error for a server that exited before its ready
// line (a bad flag, a port taken: its stderr says which).
var ErrExited = errors.New("exited before its ready line")

// ReadyLine is the line a server prints once it accepts requests at url.
func ReadyLine(url string) string { return readyPrefix + url }

// URLOf returns the URL in line when line is a server's ready line.
func URLOf(line string) (string, bool) { return strings.CutPrefix(line, readyPrefix) }

// MetricsLine is the line a server with a metrics listener prints before
// its ready line: where /metrics is served (with --metrics-addr
// 127.0.0.1:0, the port the kernel gave it).
func MetricsLine(url string) string { return metricsPrefix + url }

// Server is where a started server serves.
type Server struct {
	URL     string // its public URL, from the ready line
	Metrics string // its metrics listener's base URL; empty without one
}

// Start starts cmd (a serve command whose stdout is not yet set) and waits
// up to wait for its ready line, or until it exits without one. Every line
// of its stdout, the ready line included, is copied to echo when echo is
// not nil. The caller stops the process.
func Start(ctx context.Context, cmd *exec.Cmd, wait time.Duration, echo io.Writer) (Server, error) {
	out, err := cmd.StdoutPipe()
	if err != nil {
		return Server{}, err
	}
	if err := cmd.Start(); err != nil {
		return Server{}, fmt.Errorf("serveproc: start %s: %w", cmd.Path, err)
	}
	ready := make(chan Server, 1)
	closed := make(chan struct{}) // its stdout ended: it has exited
	go func() {
		defer close(closed)
		var srv Server
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if echo != nil {
				fmt.Fprintln(echo, sc.Text())
			}
			if m, ok := strings.CutPrefix(sc.Text(), metricsPrefix); ok {
				srv.Metrics = m
			}
			if u, ok := URLOf(sc.Text()); ok {
				srv.URL = u
				select {
				case ready <- srv:
				default:
				}
			}
		}
	}()
	select {
	case srv := <-ready:
		return srv, nil
	case <-closed:
		select {
		case srv := <-ready: // the ready line was its last
			return srv, nil
		default:
		}
		return Server{}, fmt.Errorf("serveproc: %s: %w", cmd.Path, ErrExited)
	case <-time.After(wait):
		return Server{}, fmt.Errorf("serveproc: %s printed no ready line within %s", cmd.Path, wait)
	case <-ctx.Done():
		return Server{}, ctx.Err()
	}
}

// WithoutEnv returns env without the variables named: a child server that
// must start from its own defaults does not inherit the caller's settings.
func WithoutEnv(env []string, names ...string) []string {
	out := env[:0:0]
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(names, name) {
			out = append(out, kv)
		}
	}
	return out
}
