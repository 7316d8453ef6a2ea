// Package chromiumtest gives tests a real headless Chromium, driven with
// chromedp: the one place that finds the browser (CHROMIUM, else Debian's
// chromium, which deploy/setup installs) and starts it, and the one place
// that runs axe-core on a page (CheckAxe).
//
// A missing browser skips the test on a developer's machine and fails it
// under CI=true; under -short (the fast tier) browser tests are skipped.
package chromiumtest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/testenv"
)

// AcceptTestCertificates lets the browser take the self-signed
// certificates of a test's own https servers on 127.0.0.1 (a stream's host
// in the room's tests). Only for tests: it accepts any certificate.
var AcceptTestCertificates = chromedp.Flag("ignore-certificate-errors", true)

// Env is the environment variable that names the browser to drive.
const Env = "CHROMIUM"

// names are looked up on PATH when CHROMIUM is not set.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

// Path returns the browser's path: CHROMIUM when set, else the first of
// Chromium's usual names on PATH. Call it first in a browser test, before
// starting anything else, so that the test skips (or fails under CI) at
// once.
func Path(tb testing.TB) string {
	tb.Helper()
	testenv.Heavy(tb, "a headless Chromium")
	if p := os.Getenv(Env); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			testenv.Missing(tb, "chromiumtest: %s=%s: %v", Env, p, err)
		}
		return path
	}
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	testenv.Missing(tb, "chromiumtest: no Chromium on PATH (run deploy/setup, or set %s)", Env)
	return ""
}

// New starts a headless Chromium of its own, with a fresh profile (so no
// cookies or storage are shared with another browser of the test), and
// returns the context of its first tab. The browser lives until the test
// ends, two minutes at most; bound each step with a timeout derived from the
// returned context. What the page writes to its console, and any uncaught
// exception, goes to the test log. Extra options go to the browser's
// command line (AcceptTestCertificates).
func New(tb testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	tb.Helper()
	path := Path(tb)
	profile := tb.TempDir() // removed after the browser has exited (cleanups run in reverse)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// Without these Chromium reaches for the network, which is closed here.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	)
	opts = append(opts, extra...)
	life, stop := context.WithTimeout(context.Background(), 2*time.Minute)
	alloc, cancelAlloc := chromedp.NewExecAllocator(life, opts...)
	ctx, cancelTab := chromedp.NewContext(alloc)

	// Start the browser now, with a context that has no step timeout: the
	// first Run binds the browser's life to its context.
	if err := chromedp.Do(ctx); err != nil {
		cancelTab()
		cancelAlloc()
		stop()
		tb.Fatalf("chromiumtest: start %s: %v", path, err)
	}

	logged := make(chan struct{})
	messages := chromedp.Console(ctx)
	go func() {
		defer close(logged)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.URL != "" {
				tb.Logf("browser console: %s (%s:%d)", m, m.URL, m.Line+1)
			} else {
				tb.Logf("browser console: %s", m)
			}
		}
	}()

	tb.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the process to exit
		stop()
		<-logged
	})
	return ctx
}
