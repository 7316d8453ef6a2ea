package i18n

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func mustNew(tb testing.TB) *Catalogue {
	tb.Helper()
	c, err := New()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// readLocale reads a message file as plain JSON, independently of go-i18n.
func readLocale(tb testing.TB, lang string) map[string]any {
	tb.Helper()
	b, err := os.ReadFile("locales/" + lang + ".json")
	if err != nil {
		tb.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		tb.Fatalf("%s.json: %v", lang, err)
	}
	return m
}

func TestEveryLanguageHasExactlyTheKeysOfEnglishAndNoEmptyText(t *testing.T) {
	en := readLocale(t, "en")
	for _, l := range languages {
		m := readLocale(t, l.Tag)
		for k := range en {
			if _, ok := m[k]; !ok {
				t.Errorf("%s.json lacks %q", l.Tag, k)
			}
		}
		for k, v := range m {
			if _, ok := en[k]; !ok {
				t.Errorf("%s.json has %q, which en.json lacks", l.Tag, k)
			}
			switch v := v.(type) {
			case string:
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s.json: %q is empty", l.Tag, k)
				}
			case map[string]any:
				for form, s := range v {
					if str, _ := s.(string); strings.TrimSpace(str) == "" {
						t.Errorf("%s.json: %q form %q is empty", l.Tag, k, form)
					}
				}
			}
		}
	}
}

func TestEmbeddedCataloguePassesCheck(t *testing.T) {
	c := mustNew(t)
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	if len(c.IDs()) < 100 {
		t.Fatalf("only %d messages: the locales were not loaded", len(c.IDs()))
	}
}

func TestMissingKeyIsAnErrorNotTheKey(t *testing.T) {
	c := mustNew(t)
	for _, l := range languages {
		s, err := c.Localizer(l.Tag).T("no.such.message", nil)
		if !errors.Is(err, ErrMissing) {
			t.Errorf("%s: err = %v, want ErrMissing", l.Tag, err)
		}
		if s != "" {
			t.Errorf("%s: got %q for a missing message, want nothing", l.Tag, s)
		}
	}
}

func TestPluralFormsFollowCLDR(t *testing.T) {
	c := mustNew(t)
	tests := []struct {
		lang  string
		count int
		want  string
	}{
		{"en", 1, "1 minute"},
		{"en", 0, "0 minutes"},
		{"en", 15, "15 minutes"},
		{"fr", 0, "0 minute"},
		{"fr", 1, "1 minute"},
		{"fr", 2, "2 minutes"},
		{"fr", 1000000, "1\u00a0000\u00a0000 de minutes"},
		{"ar", 1, "دقيقة واحدة"},
		{"ar", 2, "دقيقتان"},
		{"ar", 5, "5 دقائق"},
		{"ar", 11, "11 دقيقة"},
		{"ar", 100, "100 دقيقة"},
		{"es", 1, "1 minuto"},
		{"es", 2, "2 minutos"},
		{"es", 1000000, "1.000.000 de minutos"},
		{"en", 1000, "1,000 minutes"},
		{"ar", 1000, "1,000 دقيقة"},
		{"zh", 1, "1 分钟"},
		{"zh", 15, "15 分钟"},
		{"ru", 1, "1 минута"},
		{"ru", 3, "3 минуты"},
		{"ru", 5, "5 минут"},
		{"ru", 11, "11 минут"},
		{"ru", 21, "21 минута"},
		{"ru", 22, "22 минуты"},
		{"ru", 0, "0 минут"},
		{"ru", 1001, "1\u00a0001 минута"},
	}
	for _, tt := range tests {
		got, err := c.Localizer(tt.lang).N("room.minutes", tt.count, nil)
		if err != nil || got != tt.want {
			t.Errorf("%s N(room.minutes, %d) = %q, %v; want %q", tt.lang, tt.count, got, err, tt.want)
		}
	}
}

func TestPlaceholdersAreFilledIn(t *testing.T) {
	c := mustNew(t)
	got, err := c.Localizer("fr").T("nav.signed_in_as", map[string]any{"Name": "Amina"})
	if err != nil || !strings.Contains(got, "Amina") {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestCheckReportsEveryKindOfProblem(t *testing.T) {
	fsys := fstest.MapFS{
		"en.json": {Data: []byte(`{"a": "A {{.Name}}", "b": "B", "n": {"one": "{{.Count}} x", "other": "{{.Count}} xs"}, "few": {"one": "1", "few": "3", "other": "{{.Count}}"}}`)},
		"fr.json": {Data: []byte(`{"a": "A", "c": "C", "n": {"other": "{{.Count}} x"}, "few": {"one": "1", "other": "{{.Count}}"}}`)},
		"ar.json": {Data: []byte(`{"a": "  ", "b": "ب", "n": "ن", "few": {"one": "1", "other": "{{.Count}}"}}`)},
		"ru.json": {Data: []byte(`{"a": "А {{.Name}}", "b": "Б", "n": {"one": "{{.Count}} x", "few": "{{.Count}} x", "other": "{{.Count}} x"}, "few": {"one": "1", "few": "3", "many": "{{.Count}}"}}`)},
		"zh.json": {Data: []byte(`{"a": "甲 {{.Name}}", "b": "乙", "n": {"one": "{{.Count}}", "other": "{{.Count}}"}, "few": {"other": "{{.Count}}"}}`)},
	}
	_, err := Load(fsys, named("en", "fr", "ar", "ru", "zh"))
	if err == nil {
		t.Fatal("a broken catalogue loaded")
	}
	for _, want := range []string{
		`fr: "b" is missing`,
		`fr: "c" is not in en.json`,
		`fr: "a" has placeholders`,
		`fr: "n" lacks plural form "one"`,
		`en: "few" defines "few", which en never uses`,
		`ar: "a" is empty`,
		`ar: "n" is a single text here but plural in en`,
		`ru: "n" lacks plural form "many"`,
		`ru: "few" lacks plural form "other"`,
		`zh: "n" defines "one", which zh never uses`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %s:\n%v", want, err)
		}
	}
}

func TestNegotiate(t *testing.T) {
	c := mustNew(t)
	tests := []struct {
		name, query, cookie, accept, want string
	}{
		{"default", "", "", "", "en"},
		{"explicit", "lang=fr", "", "", "fr"},
		{"explicit beats cookie and header", "lang=ar", "fr", "fr", "ar"},
		{"explicit with region", "lang=fr-CA", "", "", "fr"},
		{"unknown explicit falls to cookie", "lang=xx", "ar", "", "ar"},
		{"cookie beats header", "", "fr", "ar", "fr"},
		{"bad cookie falls to header", "", "de", "ar-EG,ar;q=0.9", "ar"},
		{"header with weights", "", "", "de-DE,de;q=0.9,fr;q=0.8,en;q=0.5", "fr"},
		{"unsupported header", "", "", "de-DE,ja", "en"},
		{"malformed header", "", "", ";;;===", "en"},
		{"explicit Chinese", "lang=zh", "", "", "zh"},
		{"explicit Simplified Chinese", "lang=zh-Hans", "", "", "zh"},
		{"explicit Chinese of China", "lang=zh-CN", "", "", "zh"},
		{"explicit Spanish", "lang=es", "", "", "es"},
		{"explicit Russian", "lang=ru", "", "", "ru"},
		{"Chinese header", "", "", "zh-CN,zh;q=0.9,en;q=0.5", "zh"},
		{"Latin American Spanish header", "", "", "es-419,es;q=0.9", "es"},
		{"Russian header", "", "", "ru-RU,ru;q=0.9,en-US;q=0.8", "ru"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/?"+tt.query, nil)
			if tt.cookie != "" {
				r.AddCookie(&http.Cookie{Name: Cookie, Value: tt.cookie})
			}
			if tt.accept != "" {
				r.Header.Set("Accept-Language", tt.accept)
			}
			if got := c.Negotiate(r); got != tt.want {
				t.Errorf("Negotiate = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRememberSetsTheCookieOnlyForAnExplicitChoice(t *testing.T) {
	c := mustNew(t)
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/?lang=ar", nil)
	c.Remember(w, r, c.Negotiate(r))
	if got := w.Header().Get("Set-Cookie"); !strings.Contains(got, Cookie+"=ar") || !strings.Contains(got, "Path=/") {
		t.Fatalf("Set-Cookie = %q", got)
	}
	w = httptest.NewRecorder()
	r = httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Accept-Language", "fr")
	c.Remember(w, r, c.Negotiate(r))
	if got := w.Header().Get("Set-Cookie"); got != "" {
		t.Fatalf("a negotiated language was remembered: %q", got)
	}
	w = httptest.NewRecorder()
	r = httptest.NewRequest(http.MethodGet, "/?lang=fr", nil)
	r.AddCookie(&http.Cookie{Name: Cookie, Value: "fr"})
	c.Remember(w, r, c.Negotiate(r))
	if got := w.Header().Get("Set-Cookie"); got != "" {
		t.Fatalf("the cookie was set again: %q", got)
	}
}

func TestDir(t *testing.T) {
	for lang, want := range map[string]string{"ar": "rtl", "ar-EG": "rtl", "AR": "rtl", "en": "ltr", "fr": "ltr", "": "ltr"} {
		if got := Dir(lang); got != want {
			t.Errorf("Dir(%q) = %q, want %q", lang, got, want)
		}
	}
}

func TestClientStringsAreTheClientsAndPlain(t *testing.T) {
	c := mustNew(t)
	for _, l := range languages {
		s, err := c.Localizer(l.Tag).Strings(ClientPrefixes...)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"client.status.live", "client.status.reconnecting", "chat.error.rate_limited", "group.civil_society"} {
			if s[k] == "" {
				t.Errorf("%s: client strings lack %q", l.Tag, k)
			}
		}
		for k, v := range s {
			if strings.Contains(v, "{{") {
				t.Errorf("%s: client string %q has a server placeholder: %q", l.Tag, k, v)
			}
			if strings.HasPrefix(k, "room.") {
				t.Errorf("%s: %q is not a client string", l.Tag, k)
			}
		}
	}
}

func TestChatErrorCodesAreAllTranslated(t *testing.T) {
	// The hub's error frame codes (tracks.Code values) the client shows.
	c := mustNew(t)
	for _, code := range []string{"invalid", "forbidden", "unauthorized", "conflict", "rate_limited", "not_found", "internal", "unavailable"} {
		if _, err := c.Localizer("ar").T("chat.error."+code, nil); err != nil {
			t.Error(err)
		}
	}
}

// TestClientGetsEachPluralFormOfItsLanguage: the client picks a plural form
// itself (Intl.PluralRules), so it gets exactly the forms its language uses,
// with {Count} for the server's {{.Count}}.
func TestClientGetsEachPluralFormOfItsLanguage(t *testing.T) {
	c := mustNew(t)
	for lang, forms := range cldrForms {
		s, err := c.Localizer(lang).Strings(ClientPrefixes...)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for k := range s {
			if strings.HasPrefix(k, "presence.total.") {
				n++
			}
		}
		if n != len(forms) {
			t.Errorf("%s: %d forms of presence.total, want %v", lang, n, forms)
		}
		for _, form := range forms {
			if s["presence.total."+form] == "" {
				t.Errorf("%s: no presence.total.%s", lang, form)
			}
		}
		if got := s["presence.total.other"]; !strings.Contains(got, "{Count}") {
			t.Errorf("%s: presence.total.other = %q, want {Count}", lang, got)
		}
		if _, ok := s["presence.total"]; ok {
			t.Errorf("%s: the plural message itself is among the client strings", lang)
		}
	}
}

// TestTheSavedLanguageWinsOverTheBrowserButNotOverAChoice: a signed-in
// person's saved language (igf_account_lang) beats Accept-Language; an
// explicit ?lang= or igf_lang choice beats it.
func TestTheSavedLanguageWinsOverTheBrowserButNotOverAChoice(t *testing.T) {
	c := mustNew(t)
	tests := []struct{ name, query, chosen, saved, accept, want string }{
		{"saved beats header", "", "", "ar", "fr-FR,fr;q=0.9", "ar"},
		{"chosen cookie beats saved", "", "fr", "ar", "en", "fr"},
		{"query beats saved", "lang=en", "", "ar", "", "en"},
		{"unsupported saved falls to header", "", "", "xx", "fr", "fr"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, "/?"+tt.query, nil)
		if tt.chosen != "" {
			r.AddCookie(&http.Cookie{Name: Cookie, Value: tt.chosen})
		}
		r.AddCookie(&http.Cookie{Name: AccountCookie, Value: tt.saved})
		r.Header.Set("Accept-Language", tt.accept)
		if got := c.Negotiate(r); got != tt.want {
			t.Errorf("%s: Negotiate = %q, want %q", tt.name, got, tt.want)
		}
	}
}
