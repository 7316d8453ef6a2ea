package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
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

// scripts turns JavaScript on or off in the browser ctx: what it loads next
// runs as in a browser with scripts on or off.
func scripts(t *testing.T, ctx context.Context, on bool) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on}); err != nil {
		t.Fatal(err)
	}
}

// noScript is a fresh browser with JavaScript off.
func noScript(t *testing.T) context.Context {
	t.Helper()
	b := chromiumtest.New(t)
	scripts(t, b, false)
	return b
}

// browserForum is how a browser test that checks its pages with axe-core
// on its own forum starts (axeSetUp), then the cluster and the test's
// forum in it, built before any node starts.
func browserForum(t *testing.T) (axe string, c cluster, f *forumtest.Forum) {
	t.Helper()
	axe = axeSetUp(t)
	c = newCluster(t)
	return axe, c, newForum(t, c)
}

// axeRoom is how a browser test of a room that checks it with axe-core
// starts (axeSetUp), then one node on a forum whose live session
// f.Session Amina and Rajesh attend (roomPair).
func axeRoom(t *testing.T) (axe string, n *node, f *forumtest.Forum, amina, rajesh forumtest.Person) {
	t.Helper()
	axe = axeSetUp(t)
	c, f, amina, rajesh := roomPair(t)
	return axe, startNode(t, c), f, amina, rajesh
}
