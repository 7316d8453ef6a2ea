// Package testenv holds the two rules every test harness of the project
// follows, so that they are written once.
//
// A tool the machine lacks (PostgreSQL, redis-server, Chromium, axe-core):
// on a developer's machine the test is skipped, but under CI=true it fails,
// since a missing tool there is a broken image and a skipped test proves
// nothing (Missing).
//
// The two tiers of deploy/test: the complete suite runs everything; the fast
// tier (deploy/test -short, go test -short) leaves out the tests that start
// the real binary, a browser or several servers (Heavy).
package testenv

import (
	"os"
	"testing"
)

// Main runs the tests, then stops (in order) the shared servers the
// harnesses started, and exits with the tests' status: a TestMain is
// func TestMain(m *testing.M) { testenv.Main(m, pgtest.Stop, redistest.Stop) }.
func Main(m *testing.M, stops ...func()) {
	code := m.Run()
	for _, stop := range stops {
		stop()
	}
	os.Exit(code)
}

// CI reports whether the tests run under CI (CI=true), where nothing may
// skip for want of a tool.
func CI() bool { return os.Getenv("CI") == "true" }

// Missing stops tb for want of a tool: it fails under CI=true and skips
// otherwise. The message should say how to get the tool.
func Missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if CI() {
		tb.Fatalf(format, args...)
	}
	tb.Skipf(format, args...)
}

// Heavy skips tb under -short: it needs what the fast tier leaves out
// (what says which: the real binary, a browser, several hub nodes on Redis,
// a load of thousands of events).
func Heavy(tb testing.TB, what string) {
	tb.Helper()
	if testing.Short() {
		tb.Skipf("-short leaves out tests that need %s", what)
	}
}
