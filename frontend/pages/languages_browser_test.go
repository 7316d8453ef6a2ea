package pages

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/testenv"
)

// TestPagesInSpanishChineseAndRussianFitAPhoneAndADesktop opens the
// programme, a session room and a recommendation in Chromium in each of
// the languages added to English, French and Arabic, at 1280 and 390 px:
// each page says its language and direction, and nothing sticks out
// sideways (longer Spanish and Russian words, Chinese without spaces), and
// axe-core finds no violation (at 1280 px). It also writes screenshots into the folder LANGUAGE_SHOTS names, for
// people to look at; without it, into a temporary folder.
func TestPagesInSpanishChineseAndRussianFitAPhoneAndADesktop(t *testing.T) {
	dir := os.Getenv("LANGUAGE_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	chromium := chromiumtest.New(t)
	axe, err := os.ReadFile(axePath)
	if err != nil {
		testenv.Missing(t, "axe-core not installed (run deploy/setup): %v", err)
	}
	w := newRecWorld(t)
	base := w.live(t)
	r := w.furnished(t)
	b := w.browser(t, chromium, base, "Amina")
	for _, shot := range []struct{ name, path string }{
		{"programme", "/"}, {"room", "/sessions/" + strconv.FormatInt(w.session, 10)}, {"recommendation", recommendationPath(r.ID)},
	} {
		for _, lang := range []string{"es", "zh", "ru"} {
			for _, width := range []int64{1280, 390} {
				b.do("viewport", chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))
				b.open(shot.path + "?lang=" + lang)
				if got := b.eval(`document.documentElement.lang + " " + document.documentElement.dir`); got != lang+" ltr" {
					t.Errorf("%s in %s: <html> lang and dir %q", shot.path, lang, got)
				}
				wide := b.eval(`String(document.documentElement.scrollWidth - document.documentElement.clientWidth)`)
				if wide != "0" {
					t.Errorf("%s in %s at %d px: the page is %s px wider than the window", shot.path, lang, width, wide)
				}
				if width == 1280 {
					b.checkAxe(string(axe), lang+" "+shot.path)
				}
				b.shoot(filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", shot.name, lang, width)))
			}
		}
	}
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
