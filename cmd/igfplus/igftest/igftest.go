// Package igftest builds the igfplus binary for the tests that run it as a
// child process (the end-to-end tests in cmd/igfplus/e2e, the benchmarks'
// and the fault run's tests): once per test binary, from the working tree.
package igftest

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/igfplus/igfplus/deploy/testenv"
)

// Package is the import path of the binary's main package.
const Package = "github.com/igfplus/igfplus/cmd/igfplus"

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// RunLog is where a test of a load tool (a benchmark, the fault run) sends
// the tool's progress: the terminal under go test -v, nowhere otherwise,
// where a run's lines would bury the test's own.
func RunLog() io.Writer {
	if testing.Verbose() {
		return os.Stderr
	}
	return io.Discard
}

// Binary returns the path of the igfplus binary, built on first use (without
// -race: the servers under test run at their normal speed). Under -short
// (the fast tier) the test is skipped.
func Binary(tb testing.TB) string {
	tb.Helper()
	testenv.Heavy(tb, "the igfplus binary")
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "igfplus-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "igfplus")
		out, err := exec.Command("go", "build", "-o", binPath, Package).CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("igftest: go build %s: %v\n%s", Package, err, out)
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return binPath
}

// Remove deletes the binary Binary built, if it built one. A package whose
// tests call Binary passes Remove to testenv.Main, so that a run does not
// leave 50 MB behind in the temporary directory.
func Remove() {
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
}
