package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
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
	if t.session, err = rig.LiveSession(ctx, t.url); err != nil {
		stop()
		return t, stop, err
	}
	return t, stop, nil
}

// startBenchServer runs this binary's serve command with a private
// Postgres in a temporary data folder, seeded with the demo forum.
func startBenchServer(ctx context.Context, log io.Writer) (string, int, func(), error) {
	dir, err := os.MkdirTemp("", "igfplus-bench-")
	if err != nil {
		return "", 0, nil, err
	}
	os.Chmod(dir, 0o755)
	cmd, url, err := rig.Serve(ctx, "", log, "--data", dir, "--ballot-key", rig.RandomKey(), "--demo", "always",
		"--metrics-addr", "off", "--log-level", "error")
	if err != nil {
		os.RemoveAll(dir)
		return "", 0, nil, err
	}
	stop := func() {
		rig.Stop(cmd)
		os.RemoveAll(dir)
	}
	return url, cmd.Process.Pid, stop, nil
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
