// Package redistest gives tests a real, private Redis: one server per test
// binary, started from the machine's redis-server on first use, a unique
// channel prefix per test so that tests sharing it never see each other's
// messages, and private servers for fault tests that kill or restart Redis.
//
// Under CI (CI=true) a missing redis-server fails the test instead of
// skipping.
package redistest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/deploy/localredis"
	"github.com/igfplus/igfplus/deploy/testenv"
)

// shared is the server of every test in the binary; a private one costs
// tens of milliseconds, so only fault tests take their own.
var shared = testenv.Shared[*localredis.Server]{Name: "redistest", Start: func(ctx context.Context, dir string) (*localredis.Server, error) {
	return localredis.Start(ctx, dir, localredis.Options{})
}}

// counter makes each test's channel prefix.
var counter atomic.Int64

// Main runs the tests and stops the shared server afterwards. Use it as
// TestMain: func TestMain(m *testing.M) { redistest.Main(m) }.
func Main(m *testing.M) { testenv.Main(m, Stop) }

// Stop stops the shared server, if one was started. TestMain functions that
// combine several harnesses hand it to testenv.Main.
func Stop() { shared.Stop() }

// skipOrFail reports a failure to start Redis: a skip when redis-server is
// not installed, except under CI.
func skipOrFail(tb testing.TB, err error) {
	tb.Helper()
	if errors.Is(err, localredis.ErrNoBinary) {
		testenv.Missing(tb, "redistest: %v", err)
	}
	tb.Fatalf("redistest: %v", err)
}

// Server returns the shared server, starting it if needed. Tests must not
// stop or restart it: use Private for that.
func Server(tb testing.TB) *localredis.Server {
	tb.Helper()
	server, err := shared.Get()
	if err != nil {
		skipOrFail(tb, err)
	}
	return server
}

// URL returns the shared server's URL.
func URL(tb testing.TB) string {
	tb.Helper()
	return Server(tb).URL
}

// Private starts a server for this test alone, stopped when the test ends:
// for tests that kill, restart or disconnect every client of Redis.
func Private(tb testing.TB) *localredis.Server {
	tb.Helper()
	s, err := localredis.Start(context.Background(), tb.TempDir(), localredis.Options{})
	if err != nil {
		skipOrFail(tb, err)
	}
	tb.Cleanup(func() { s.Stop() })
	return s
}

// Client opens a go-redis client on s, closed when the test ends. Each call
// makes a separate client, as a separate server process would have.
func Client(tb testing.TB, s *localredis.Server) *redis.Client {
	tb.Helper()
	opt, err := redis.ParseURL(s.URL)
	if err != nil {
		tb.Fatalf("redistest: %v", err)
	}
	c := redis.NewClient(opt)
	tb.Cleanup(func() { c.Close() })
	return c
}

// Prefix returns a channel prefix unique to this test within the machine,
// so that tests sharing a server do not receive each other's messages.
func Prefix(tb testing.TB) string {
	tb.Helper()
	return fmt.Sprintf("test:%d:%d:", os.Getpid(), counter.Add(1))
}

// Cluster starts a private three-node Redis Cluster for this test (no
// replicas, the 16,384 slots split in three; localredis.StartCluster),
// stopped when the test ends, and returns a cluster client on it and the
// seed URL that redis.ParseClusterURL reads.
func Cluster(tb testing.TB) (*redis.ClusterClient, string) {
	tb.Helper()
	c, err := localredis.StartCluster(context.Background(), tb.TempDir(), 3)
	if err != nil {
		skipOrFail(tb, err)
	}
	tb.Cleanup(c.Stop)
	opt, err := redis.ParseClusterURL(c.URL)
	if err != nil {
		tb.Fatalf("redistest: %v", err)
	}
	cc := redis.NewClusterClient(opt)
	tb.Cleanup(func() { cc.Close() })
	return cc, c.URL
}
