package pages

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// TestPagesInSpanishChineseAndRussianFitAPhoneAndADesktop opens the
// programme, a session room and a recommendation in Chromium in each of
// the languages added to English, French and Arabic, at 1280 and 390 px:
// each page says its language and direction, and nothing sticks out
// sideways (longer Spanish and Russian words, Chinese without spaces), and
// axe-core finds no violation (at 1280 px). It also writes screenshots into the folder LANGUAGE_SHOTS names, for
// people to look at; without it, into a temporary folder.
func TestPagesInSpanishChineseAndRussianFitAPhoneAndADesktop(t *testing.T) {
	dir := shotsDir(t, "LANGUAGE_SHOTS")
	axe := chromiumtest.AxeSource(t)
	w := newRecSite(t)
	r := w.furnished(t)
	b := w.browser(t, "Amina")
	for _, shot := range []struct{ name, path string }{
		{"programme", "/"}, {"room", "/sessions/" + strconv.FormatInt(w.session, 10)}, {"recommendation", recommendationPath(r.ID)},
	} {
		for _, lang := range []string{"es", "zh", "ru"} {
			for _, width := range []int64{1280, 390} {
				b.do("viewport", chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))
				b.open(withLang(shot.path, lang))
				if got := b.eval(`document.documentElement.lang + " " + document.documentElement.dir`); got != lang+" ltr" {
					t.Errorf("%s in %s: <html> lang and dir %q", shot.path, lang, got)
				}
				wide := b.eval(`String(document.documentElement.scrollWidth - document.documentElement.clientWidth)`)
				if wide != "0" {
					t.Errorf("%s in %s at %d px: the page is %s px wider than the window", shot.path, lang, width, wide)
				}
				if width == 1280 {
					chromiumtest.CheckAxe(b.t, b.ctx, axe, lang+" "+shot.path)
				}
				b.shoot(filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", shot.name, lang, width)))
			}
		}
	}
}
