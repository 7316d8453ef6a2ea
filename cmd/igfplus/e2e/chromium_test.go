package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

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
