package pages

import (
	"encoding/json"
	"html"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
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
		w := f.get("/?lang="+tt.lang, "")
		wantStatus(t, w, http.StatusOK)
		mustContain(t, w.Body.String(), append(tt.programme, html)...)
		w = f.get("/sessions/1?lang="+tt.lang, "Amina")
		wantStatus(t, w, http.StatusOK)
		mustContain(t, w.Body.String(), append(tt.room, html)...)
	}
}

// TestPagesInEveryLanguageLeaveNoEnglish renders the main pages in each
// language but English and looks for a piece of text (a text node or a
// label attribute) that is the English of a message the language
// translates differently: a template that skips the catalogue, or a
// message left in English, shows up here.
func TestPagesInEveryLanguageLeaveNoEnglish(t *testing.T) {
	en := englishPatterns(t)
	polls, _ := pollFixture(t)
	nri, _ := newNRIFixture(t)
	registry, _ := newRegistryFixture(t)
	pages := []struct {
		f          *fixture
		path, user string
	}{
		{polls, "/", ""}, {polls, "/signin", ""}, {polls, "/register", ""},
		{polls, "/sessions/1", "Amina"}, {polls, "/sessions/1/moderate", "Lucia"}, {polls, "/sessions/1/transcript", "Amina"},
		{polls, "/polls/1", "Amina"}, {polls, "/polls/1/bulletin", ""},
		{nri, "/tracks/10", "Wanjiru"}, {registry, "/bodies", "Wanjiru"},
	}
	checked := 0
	for _, l := range polls.p.cat.Languages() {
		if l.Tag == "en" {
			continue
		}
		own := localeTexts(t, l.Tag)
		ownText := map[string]bool{}
		for _, s := range own {
			ownText[s] = true
		}
		for _, p := range pages {
			w := p.f.get(p.path+"?lang="+l.Tag, p.user)
			if w.Code != http.StatusOK {
				t.Errorf("%s in %s: status %d", p.path, l.Tag, w.Code)
				continue
			}
			for _, text := range pieces(w.Body.String()) {
				checked++
				if ownText[text] {
					continue // French "Voter" is English "Voter" too
				}
				for _, m := range en {
					if own[m.id] != m.text && m.re.MatchString(text) {
						t.Errorf("%s in %s shows %q, the English of %s", p.path, l.Tag, text, m.id)
					}
				}
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d pieces of text checked", checked)
	}
}

type englishPattern struct {
	id, text string
	re       *regexp.Regexp
}

// englishPatterns turns each English message with some words in it into a
// pattern of a whole piece of text, its placeholders matching anything.
func englishPatterns(tb testing.TB) []englishPattern {
	var out []englishPattern
	for id, s := range localeTexts(tb, "en") {
		frags := placeholderRE.Split(s, -1)
		letters := 0
		for i, f := range frags {
			letters += len(lettersRE.FindAllString(f, -1))
			frags[i] = regexp.QuoteMeta(strings.Join(strings.Fields(f), " "))
		}
		if letters < 4 {
			continue
		}
		re := regexp.MustCompile("^" + strings.Join(frags, ".+?") + "$")
		out = append(out, englishPattern{id: id, text: s, re: re})
	}
	return out
}

var (
	placeholderRE = regexp.MustCompile(`\{\{[^}]*\}\}|\{\w+\}`)
	lettersRE     = regexp.MustCompile(`\pL`)
)

// localeTexts reads a message file: each text, and each plural form as
// "<id>.<form>".
func localeTexts(tb testing.TB, lang string) map[string]string {
	tb.Helper()
	b, err := os.ReadFile("../i18n/locales/" + lang + ".json")
	if err != nil {
		tb.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for id, v := range raw {
		switch v := v.(type) {
		case string:
			out[id] = v
		case map[string]any:
			for form, s := range v {
				out[id+"."+form], _ = s.(string)
			}
		}
	}
	return out
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
