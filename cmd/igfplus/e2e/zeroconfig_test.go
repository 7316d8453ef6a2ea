package e2e

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/serveproc"
)

// privateDataDir is a --data folder for a node that starts its own
// PostgreSQL, removed when the test ends. Not t.TempDir: the private
// Postgres runs as the postgres user, who must be able to enter it.
func privateDataDir(t *testing.T, prefix string) string {
	t.Helper()
	data, err := os.MkdirTemp("", prefix)
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(data, 0o755)
	t.Cleanup(func() { os.RemoveAll(data) })
	return data
}

// TestZeroConfigRunServesTheDemoForum runs the binary as the README's run
// command does, with no configuration: it must start its own Postgres in the
// data folder, seed the demo forum, print the URL and the demo sign-ins, and
// answer /healthz, /readyz and the programme page, and keep /metrics off the
// public address.
func TestZeroConfigRunServesTheDemoForum(t *testing.T) {
	data := privateDataDir(t, "igfplus-zero-")
	cmd := exec.Command(binary(t), "--addr", "127.0.0.1:0", "--data", data)
	cmd.Env = serveproc.WithoutEnv(os.Environ(), "DATABASE_URL", "REDIS_URL", "IGFPLUS_TOKEN_KEY", "IGFPLUS_DEMO",
		"IGFPLUS_SECRETS_KEY", "IGFPLUS_SECRETS_OLD_KEYS")
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := make(chan error, 1)
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-stopped:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Error("the server did not stop within 30 s of SIGTERM")
		}
	})
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		stopped <- cmd.Wait()
	}()

	var url string
	signIns := 0
	deadline := time.After(90 * time.Second)
	for url == "" || signIns < 5 {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("the server exited early (printed URL %q, %d sign-ins)", url, signIns)
			}
			if u, ok := serveproc.URLOf(line); ok {
				url = u
			}
			if strings.Contains(line, "@demo.igf.example") {
				signIns++
			}
		case <-deadline:
			t.Fatalf("no URL and demo sign-ins printed within 90 s (URL %q, %d sign-ins)", url, signIns)
		}
	}
	for path, want := range map[string]string{
		"/healthz": `"ok"`,
		"/readyz":  `"postgres":"ok"`,
		"/":        "session-link",
	} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, want 200 with %q", path, resp.StatusCode, want)
		}
	}
	resp, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /metrics on the public address: %d, want 404 (metrics are on --metrics-addr)", resp.StatusCode)
	}
	if _, err := os.Stat(data + "/postgres/pgdata/PG_VERSION"); err != nil {
		t.Errorf("no private Postgres in the data folder: %v", err)
	}
}
