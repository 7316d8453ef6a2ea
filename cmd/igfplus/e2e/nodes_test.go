package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/igftest"
	"github.com/igfplus/igfplus/cmd/igfplus/serveproc"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localproc"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/deploy/testenv"
	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/web/openapitest"
	"github.com/igfplus/igfplus/migrations/pgdb"
)

func TestMain(m *testing.M) { testenv.Main(m, pgtest.Stop, redistest.Stop, igftest.Remove) }

// binary is the igfplus binary, built once per test run; under -short the
// test is skipped.
func binary(t testing.TB) string { return igftest.Binary(t) }

// cluster is what several nodes share: one Postgres database, one Redis,
// one token key.
type cluster struct {
	DatabaseURL string
	RedisURL    string
	TokenKey    string
}

func newCluster(t testing.TB) cluster {
	t.Helper()
	testenv.Heavy(t, "nodes of the igfplus binary")
	key, err := auth.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return cluster{DatabaseURL: pgtest.URL(t), RedisURL: redistest.URL(t), TokenKey: auth.EncodeKey(key)}
}

// node is a running server process; Metrics is the base URL of its
// metrics listener (--metrics-addr), apart from URL.
type node struct {
	URL     string
	Metrics string
	cmd     *exec.Cmd
}

// terminate stops a server process as its operators do, with SIGTERM, and
// waits for it to exit; one still running after within is killed and the
// test fails: a node must drain and stop in bounded time.
func terminate(t testing.TB, cmd *exec.Cmd, within time.Duration) {
	t.Helper()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(within):
		cmd.Process.Kill()
		t.Errorf("the server did not stop within %s of SIGTERM", within)
	}
}

// startNode runs the real binary on 127.0.0.1:0, its metrics on a port
// the kernel picks too, and waits for its ready line. The node stops
// (SIGTERM) when the test ends.
func startNode(t testing.TB, c cluster, extra ...string) *node {
	t.Helper()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--demo", "always", "--log-level", "warn",
		"--metrics-addr", "127.0.0.1:0"}, extra...)
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+c.DatabaseURL, "REDIS_URL="+c.RedisURL, "IGFPLUS_TOKEN_KEY="+c.TokenKey)
	stderr := new(lockedBuffer)
	cmd.Stderr = stderr
	t.Cleanup(func() {
		if cmd.Process == nil {
			return
		}
		if t.Failed() { // a page's 500 says nothing more in the browser
			t.Logf("node stderr:\n%s", stderr)
		}
		terminate(t, cmd, 20*time.Second)
	})
	srv, err := serveproc.Start(context.Background(), cmd, 60*time.Second, nil)
	if err != nil {
		t.Fatalf("node did not start: %v; stderr:\n%s", err, stderr)
	}
	openapitest.Watch(t, srv.URL) // the API's answers to the test's own requests are checked against the document
	return &node{URL: srv.URL, Metrics: srv.Metrics, cmd: cmd}
}

// freeAddr is a loopback address with a port free a moment ago, for a
// node whose address must be known before it starts (an OpenID provider's
// callback names it).
func freeAddr(t testing.TB) string {
	t.Helper()
	port, err := localproc.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	return "127.0.0.1:" + strconv.Itoa(port)
}

// lockedBuffer is a process's stderr, readable while the process writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// openDB opens a small pool on the cluster's database, closed when the test
// ends.
func openDB(t *testing.T, c cluster) *pgdb.DB {
	t.Helper()
	db, err := pgdb.Open(context.Background(), c.DatabaseURL, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

// newForum builds the test's own small forum in the cluster's database
// (deploy/forumtest). Call it before the cluster's first node starts: a
// database that holds an edition gets no demo forum.
func newForum(t *testing.T, c cluster) *forumtest.Forum {
	t.Helper()
	return forumtest.New(t, openDB(t, c))
}

// roomPair starts most room tests: a cluster with the test's own forum
// (its live session is f.Session) and two of its participants, Amina and
// Rajesh.
func roomPair(t *testing.T) (cluster, *forumtest.Forum, forumtest.Person, forumtest.Person) {
	t.Helper()
	c := newCluster(t)
	f := newForum(t, c)
	return c, f, f.Participant(t, "Amina Yusuf"), f.Participant(t, "Rajesh Iyer")
}

// signInAs signs a fixture's person in through the API and returns the
// access token.
func signInAs(t *testing.T, n *node, p forumtest.Person) string {
	t.Helper()
	return signIn(t, n, p.Email, forumtest.Password)
}

// signIn signs in through the API and returns the access token.
func signIn(t testing.TB, n *node, email, password string) string {
	t.Helper()
	access, _ := signInTokens(t, n, email, password)
	return access
}

// signInTokens signs in and returns the access and refresh tokens.
func signInTokens(t testing.TB, n *node, email, password string) (string, string) {
	t.Helper()
	body := fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)
	resp, err := http.Post(n.URL+"/api/auth/signin", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&s) != nil || s.AccessToken == "" {
		t.Fatalf("sign in %s: status %d", email, resp.StatusCode)
	}
	return s.AccessToken, s.RefreshToken
}

// readJSON decodes a response body, failing the test on a bad status.
func readJSON(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	if resp.StatusCode >= 300 {
		t.Fatalf("%s %s: status %d", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}
