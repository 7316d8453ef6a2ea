package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/serveproc"
)

// benchTarget returns the server to measure: the one at --url, or a server
// process of its own (private Postgres, demo forum) that stop ends.
func benchTarget(ctx context.Context, o fanoutOpts, log io.Writer) (fanoutTarget, func(), error) {
	t := fanoutTarget{url: strings.TrimRight(o.url, "/"), pid: o.pid}
	stop := func() {}
	if t.url == "" {
		var err error
		if t.url, t.pid, stop, err = startBenchServer(ctx, log); err != nil {
			return t, stop, err
		}
	}
	token, err := benchSignIn(ctx, t.url)
	if err != nil {
		stop()
		return t, stop, err
	}
	t.token = token
	if t.session, err = benchLiveSession(ctx, t.url); err != nil {
		stop()
		return t, stop, err
	}
	return t, stop, nil
}

// startBenchServer runs this binary's serve command on 127.0.0.1:0 with a
// private Postgres in a temporary data folder.
func startBenchServer(ctx context.Context, log io.Writer) (string, int, func(), error) {
	self, err := os.Executable()
	if err != nil {
		return "", 0, nil, err
	}
	dir, err := os.MkdirTemp("", "igfplus-bench-")
	if err != nil {
		return "", 0, nil, err
	}
	os.Chmod(dir, 0o755)
	cmd := exec.Command(self, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--demo", "always", "--log-level", "error")
	cmd.Env = withoutEnv(os.Environ(), "DATABASE_URL", "REDIS_URL", "IGFPLUS_ADDR", "IGFPLUS_DATA")
	cmd.Stderr = log
	stop := func() {
		if cmd.Process != nil {
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Wait()
		}
		os.RemoveAll(dir)
	}
	u, err := serveproc.Start(ctx, cmd, 90*time.Second, nil)
	if err != nil {
		stop()
		return "", 0, nil, err
	}
	return u, cmd.Process.Pid, stop, nil
}

func withoutEnv(env []string, names ...string) []string {
	out := env[:0:0]
	for _, kv := range env {
		keep := true
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				keep = false
			}
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}

func benchSignIn(ctx context.Context, url string) (string, error) {
	body := `{"email":"youth@demo.igf.example","password":"igfplus-demo"}`
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+"/api/auth/signin", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var s struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil || s.AccessToken == "" {
		return "", fmt.Errorf("signing in to the bench server: status %d", resp.StatusCode)
	}
	return s.AccessToken, nil
}

func benchLiveSession(ctx context.Context, url string) (int64, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/api/sessions", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var out struct {
		Sessions []struct {
			ID    int64  `json:"id"`
			State string `json:"state"`
		} `json:"sessions"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return 0, err
	}
	for _, s := range out.Sessions {
		if s.State == "live" {
			return s.ID, nil
		}
	}
	return 0, fmt.Errorf("the server has no live session to measure")
}

// cpuMicros returns the user and system CPU time of process pid, in µs.
func cpuMicros(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name (which may hold spaces) start after ')'.
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	const ticksPerSecond = 100 // USER_HZ on Linux
	return (utime + stime) * 1_000_000 / ticksPerSecond
}

// rssKiB returns the resident set size of process pid, in KiB.
func rssKiB(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.Fields(v)[0], 10, 64)
			return n
		}
	}
	return 0
}
