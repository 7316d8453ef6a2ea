package pages

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// What a person does in a browser, for the browser tests of the
// recommendation pages (and of the pages in more languages); recSite opens
// the browsers.

// recBrowser is one person's browser: a context of its own (its own
// cookies) in the test's Chromium.
type recBrowser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

// do runs actions, failing the test after 20 s.
func (b *recBrowser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v\n%s", what, err, b.state())
	}
}

func (b *recBrowser) open(path string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitReady(chromedp.CSS("main")))
}

// eval evaluates a JavaScript expression in the page.
func (b *recBrowser) eval(expr string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// until waits up to 15 s for a JavaScript predicate to hold. A navigation
// (a form posted) ends a poll in the page: it starts again in the next. The
// predicate is judged only on a parsed page, not one the parser is still
// reading.
func (b *recBrowser) until(what, predicate string) {
	b.t.Helper()
	predicate = `document.readyState !== "loading" && (` + predicate + `)`
	deadline := time.Now().Add(15 * time.Second)
	for {
		ctx, cancel := context.WithDeadline(b.ctx, deadline)
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](predicate, chromedp.WithPollingInterval(50*time.Millisecond)))
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) || b.ctx.Err() != nil {
			b.t.Fatalf("%s: %v\n%s", what, err, b.state())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (b *recBrowser) state() string {
	ctx, cancel := context.WithTimeout(b.ctx, 3*time.Second)
	defer cancel()
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + (document.body ? document.body.innerText.slice(0, 3000) : "")`))
	return s
}

// click clicks the element, as a person does (a mouse event at it), once
// it stands still: a mouse event goes to a point, and a live note arriving
// just after the page loads can move the control away from it.
func (b *recBrowser) click(sel string) {
	b.t.Helper()
	b.do("scroll to "+sel, chromedp.ScrollIntoView(chromedp.CSS(sel)))
	b.still(sel)
	b.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// still waits up to 5 s for the element's box to be the same twice 100 ms
// apart. It asks from the test, so it works with scripts off too.
func (b *recBrowser) still(sel string) {
	b.t.Helper()
	box := `JSON.stringify(document.querySelector(` + js(sel) + `).getBoundingClientRect())`
	last := b.eval(box)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		now := b.eval(box)
		if now == last {
			return
		}
		last = now
	}
	b.t.Fatalf("%s kept moving for 5 s", sel)
}

// tabTo presses Tab until the focus is on sel, failing past limit presses:
// the control is reachable by keyboard, in the page's order.
func (b *recBrowser) tabTo(sel string, limit int) {
	b.t.Helper()
	for range limit {
		if b.eval(`String(document.activeElement && document.activeElement.matches(`+js(sel)+`))`) == "true" {
			return
		}
		b.do("Tab", chromedp.KeyEvent(kb.Tab))
	}
	b.t.Fatalf("%s not reached in %d presses of Tab (focus on %s)", sel, limit, b.eval(`document.activeElement.outerHTML.slice(0, 200)`))
}

// press clicks the element with its own click(): a live update that
// shifts the layout while a mouse click is on its way cannot move it.
func (b *recBrowser) press(sel string) {
	b.t.Helper()
	b.until("a control at "+sel, `!!document.querySelector(`+js(sel)+`)`)
	b.eval(`(document.querySelector(` + js(sel) + `).click(), "")`)
}

func (b *recBrowser) key(keys string) { b.t.Helper(); b.do("keys", chromedp.KeyEvent(keys)) }

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// firstID is the number in the id of the first element sel finds. It asks
// until there is one: a form's answer may still be loading (the page is
// posted, then redirected) when the live event has already shown it.
func (b *recBrowser) firstID(sel string) string {
	b.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const e = document.querySelector(`+js(sel)+`); return e ? e.id.replace(/\D+/g, "") : ""; })()`))
		cancel()
		if err == nil && id != "" {
			return id
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("no element with a numbered id matches %s", sel)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// withLang is path asking for the page in lang.
func withLang(path, lang string) string {
	if strings.Contains(path, "?") {
		return path + "&lang=" + lang
	}
	return path + "?lang=" + lang
}

// shotsDir is the folder the environment variable env names, for people
// to look at the screenshots; without it, a folder of the test's own.
func shotsDir(t *testing.T, env string) string {
	if dir := os.Getenv(env); dir != "" {
		return dir
	}
	return t.TempDir()
}

// shoot writes a screenshot of the whole open page into file.
func (b *recBrowser) shoot(file string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.WriteFile(file, png, 0o644)
	}
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", file, err)
	}
}
