package e2e

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's Chromium; CHROMIUM overrides it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(path); err != nil {
		// No test may skip in CI: a missing browser there is a broken image.
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium not found at %s: %v", path, err)
		}
		t.Skipf("chromium not found at %s (set CHROMIUM): %v", path, err)
	}
	return path
}

// newBrowser starts a headless Chromium of its own, with a fresh profile (so
// no cookies or storage are shared with another browser of the test), and
// returns the context of its first tab. The browser lives until the test ends;
// bound each step with a timeout derived from the returned context. What the
// page writes to its console, and any uncaught exception, goes to the test log.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath(t)
	profile := t.TempDir() // removed after the browser has exited (cleanups run in reverse)

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
	// The whole browser, whatever the test does, ends within two minutes.
	life, stop := context.WithTimeout(context.Background(), 2*time.Minute)
	alloc, cancelAlloc := chromedp.NewExecAllocator(life, opts...)
	ctx, cancelTab := chromedp.NewContext(alloc)

	// Start the browser now, with a context that has no step timeout: the first
	// Run binds the browser's life to its context.
	if err := chromedp.Do(ctx); err != nil {
		cancelTab()
		cancelAlloc()
		stop()
		t.Fatalf("start chromium: %v", err)
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
				t.Logf("browser console: %s (%s:%d)", m, m.URL, m.Line+1)
			} else {
				t.Logf("browser console: %s", m)
			}
		}
	}()

	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the process to exit
		stop()
		<-logged
	})
	return ctx
}

// step bounds one group of browser actions.
func step(t *testing.T, ctx context.Context, d time.Duration, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	start := time.Now()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v (after %s)", what, err, time.Since(start).Round(time.Millisecond))
	}
}

// open navigates to url and fails the test unless the page answers 200.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	resp, err := chromedp.Run(sctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	if resp.Status != http.StatusOK {
		t.Fatalf("open %s: status %d %s", url, resp.Status, resp.StatusText)
	}
}

// eval evaluates a JavaScript expression in the page, bounded by d.
func eval[T any](t *testing.T, ctx context.Context, d time.Duration, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}
