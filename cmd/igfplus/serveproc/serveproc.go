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

const readyPrefix = "IGF Plus is running at "

// ErrExited is Start's error for a server that exited before its ready
// line (a port taken, a bad flag: its stderr says which).
var ErrExited = errors.New("exited before its ready line")

// ReadyLine is the line a server prints once it accepts requests at url.
func ReadyLine(url string) string { return readyPrefix + url }

// URLOf returns the URL in line when line is a server's ready line.
func URLOf(line string) (string, bool) { return strings.CutPrefix(line, readyPrefix) }

// Start starts cmd (a serve command whose stdout is not yet set) and waits up
// to wait for its ready line, or until it exits without one. Every line of its stdout, the ready line
// included, is copied to echo when echo is not nil. The caller stops the
// process.
func Start(ctx context.Context, cmd *exec.Cmd, wait time.Duration, echo io.Writer) (string, error) {
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("serveproc: start %s: %w", cmd.Path, err)
	}
	urls := make(chan string, 1)
	closed := make(chan struct{}) // its stdout ended: it has exited
	go func() {
		defer close(closed)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if echo != nil {
				fmt.Fprintln(echo, sc.Text())
			}
			if u, ok := URLOf(sc.Text()); ok {
				select {
				case urls <- u:
				default:
				}
			}
		}
	}()
	select {
	case u := <-urls:
		return u, nil
	case <-closed:
		select {
		case u := <-urls: // the ready line was its last
			return u, nil
		default:
		}
		return "", fmt.Errorf("serveproc: %s: %w", cmd.Path, ErrExited)
	case <-time.After(wait):
		return "", fmt.Errorf("serveproc: %s printed no ready line within %s", cmd.Path, wait)
	case <-ctx.Done():
		return "", ctx.Err()
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
