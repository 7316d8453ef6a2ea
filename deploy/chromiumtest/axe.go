package chromiumtest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/testenv"
)

// AxeRules are the checks every page is held to: WCAG 2.1 A and AA, and
// axe-core's best practices.
var AxeRules = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"}

// AxeSource reads axe-core as deploy/setup installs it (npm ci in
// frontend/assets/devtools: test tooling, never part of the platform), or
// skips the test (fails it under CI, where a missing tool is a broken
// image).
func AxeSource(tb testing.TB) string {
	tb.Helper()
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "frontend", "assets", "devtools", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(path)
	if err != nil {
		testenv.Missing(tb, "axe-core not installed (run deploy/setup): %v", err)
	}
	return string(b)
}

// axeViolation is one rule axe found broken, with where (the first few
// places).
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeResult is what one axe run found.
type axeResult struct {
	Passes     int            `json:"passes"`
	Violations []axeViolation `json:"violations"`
}

// CheckAxe injects axe-core (src, from AxeSource) into the page open in
// ctx, runs AxeRules and fails the test on any violation, naming page.
func CheckAxe(tb testing.TB, ctx context.Context, src, page string) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("(() => { "+src+"\n; return typeof axe === 'object'; })()"))
	if err != nil || !loaded {
		tb.Fatalf("%s: axe-core did not load: %v", page, err)
	}
	rules := `["` + strings.Join(AxeRules, `","`) + `"]`
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](`axe.run(document, {runOnly: {type: "tag", values: `+rules+`}})
		.then((r) => ({passes: r.passes.length, violations: r.violations.map((v) => ({id: v.id, impact: v.impact || "", help: v.help,
			nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary)}))}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("%s: axe: %v", page, err)
	}
	// A run that checked nothing proves nothing.
	if res.Passes < 20 {
		tb.Errorf("%s: axe passed only %d rules: did it run?", page, res.Passes)
	}
	for _, v := range res.Violations {
		tb.Errorf("%s: axe %s (%s): %s\n  %s", page, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
	}
	if len(res.Violations) == 0 {
		tb.Logf("%s: no axe violations, %d rules passed (%s)", page, res.Passes, strings.Join(AxeRules, ", "))
	}
}
