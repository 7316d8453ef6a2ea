package chromiumtest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/igfplus/igfplus/deploy/testenv"
)

// TestCheckAxeReportsAPageThatBreaksARule: an image without a text
// alternative and a button without a name must each be reported, and a
// sound page must not be.
func TestCheckAxeReportsAPageThatBreaksARule(t *testing.T) {
	src := AxeSource(t)
	ctx := New(t)
	page := func(body string) string {
		return `data:text/html,<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>` + body + `</main></body></html>`
	}
	// Enough of a page for axe to check more than a handful of rules.
	const sound = `<nav aria-label="Main"><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></nav>` +
		`<form><label for="q">Question</label><input id="q" name="q" type="text"><button type="submit">Ask</button></form>` +
		`<img src="x.png" alt="A map"><table><caption>Votes</caption><tr><th scope="col">For</th><th scope="col">Against</th></tr><tr><td>3</td><td>1</td></tr></table>`
	cases := []struct {
		body string
		want []string
	}{
		{sound, nil},
		{sound + `<img src="y.png"><button></button>`, []string{"image-alt", "button-name"}},
	}
	for _, c := range cases {
		if _, err := chromedp.Run(ctx, chromedp.Navigate(page(c.body))); err != nil {
			t.Fatal(err)
		}
		r := &testenv.Recorder{TB: t}
		CheckAxe(r, ctx, src, c.body)
		got := strings.Join(r.Errors(), "\n")
		if len(c.want) == 0 && got != "" {
			t.Errorf("%s: reported %s", c.body, got)
		}
		for _, rule := range c.want {
			if !strings.Contains(got, "axe "+rule+" ") {
				t.Errorf("%s: %s not reported; got %q", c.body, rule, got)
			}
		}
	}
}
