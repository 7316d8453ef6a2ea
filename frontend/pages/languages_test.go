package pages

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/frontend/i18n/i18ntest"
)

// TestProgrammeAndRoomInSpanishChineseAndRussian: ?lang=es, zh and ru give
// those languages, with their dates, plural forms and writing direction.
func TestProgrammeAndRoomInSpanishChineseAndRussian(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		lang            string
		programme, room []string
	}{
		{"es", []string{"Cuestiones de política estratégicas", "Eje temático", "23 de junio de 2025"},
			[]string{"1 minuto", "En directo", "Enviar", "Sociedad civil", "Orden del día"}},
		{"zh", []string{"战略政策问题", "专题轨道", "2025年6月23日"},
			[]string{"1 分钟", "正在进行", "发送", "民间社会", "议程"}},
		{"ru", []string{"Стратегические вопросы политики", "Тематическое направление", "23\u00a0июня 2025\u00a0г."},
			[]string{"1 минута", "Идёт сейчас", "Отправить", "Гражданское общество", "Повестка дня"}},
	} {
		html := `<html lang="` + tt.lang + `" dir="ltr">`
		mustContain(t, okPage(t, f, "/?lang="+tt.lang, ""), append(tt.programme, html)...)
		mustContain(t, okPage(t, f, "/sessions/1?lang="+tt.lang, "Amina"), append(tt.room, html)...)
	}
}

// TestPagesInEveryLanguageLeaveNoEnglish renders the main pages in each
// language but English and looks for a piece of text (a text node or a
// label attribute) that is the English of a message the language
// translates differently: a template that skips the catalogue, or a
// message left in English, shows up here.
func TestPagesInEveryLanguageLeaveNoEnglish(t *testing.T) {
	english := i18ntest.New(t)
	polls, _ := pollFixture(t)
	nri, _ := newNRIFixture(t)
	registry, _ := newRegistryFixture(t)
	streams, _ := streamsFixture(t)
	pages := []struct {
		f          *fixture
		path, user string
	}{
		{polls, "/", ""}, {polls, "/signin", ""}, {polls, "/register", ""},
		{polls, "/sessions/1", "Amina"}, {polls, "/sessions/1/moderate", "Lucia"}, {polls, "/sessions/1/transcript", "Amina"},
		{polls, "/polls/1", "Amina"}, {polls, "/polls/1/bulletin", ""},
		{nri, "/tracks/10", "Wanjiru"}, {registry, "/bodies", "Wanjiru"},
		{streams, "/sessions/1", "Amina"}, {streams, "/sessions/1/streams", "Lucia"}, {streams, "/sessions/1/hubs", "Amina"},
	}
	checked := 0
	for _, l := range polls.p.cat.Languages() {
		if l.Tag == "en" {
			continue
		}
		for _, p := range pages {
			w := p.f.get(p.path+"?lang="+l.Tag, p.user)
			if w.Code != http.StatusOK {
				t.Errorf("%s in %s: status %d", p.path, l.Tag, w.Code)
				continue
			}
			shown := pieces(w.Body.String())
			checked += len(shown)
			for _, left := range english.English(t, l.Tag, shown) {
				t.Errorf("%s in %s shows %q, the English of %s", p.path, l.Tag, left.Text, left.ID)
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d pieces of text checked", checked)
	}
}

var (
	// scriptRE also matches an element that says its own language, like
	// the language menu's "English" or a message the server wrote in
	// English (lang="en"), or a caption channel named in its language
	// (a heading, an option, a span): they are not the page's language.
	scriptRE = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<a [^>]*\blang="[^"]*"[^>]*>[^<]*</a>|<p [^>]*\blang="[^"]*"[^>]*>[^<]*</p>|` +
		`<span [^>]*\blang="[^"]*"[^>]*>[^<]*</span>|<option [^>]*\blang="[^"]*"[^>]*>[^<]*</option>|<h2 [^>]*\blang="[^"]*"[^>]*>[^<]*</h2>`)
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	labelRE = regexp.MustCompile(`\s(?:aria-label|title|placeholder|alt)="([^"]*)"`)
)

// pieces returns what a reader sees or hears of a page in its language,
// roughly: its text nodes and its label attributes, entities decoded,
// spaces collapsed.
func pieces(page string) []string {
	page = scriptRE.ReplaceAllString(page, " ")
	var raw []string
	for _, m := range labelRE.FindAllStringSubmatch(page, -1) {
		raw = append(raw, m[1])
	}
	raw = append(raw, tagRE.Split(page, -1)...)
	var out []string
	for _, s := range raw {
		s = strings.Join(strings.Fields(html.UnescapeString(s)), " ")
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
