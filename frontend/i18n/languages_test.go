package i18n

import (
	"maps"
	"reflect"
	"regexp"
	"slices"
	"testing"
)

// cldrForms are the plural categories CLDR gives each interface language
// (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html),
// written out here so that this test does not trust go-i18n's tables, which
// Check uses.
var cldrForms = map[string][]string{
	"en": {"one", "other"},
	"fr": {"one", "many", "other"},
	"ar": {"zero", "one", "two", "few", "many", "other"},
	"es": {"one", "many", "other"},
	"zh": {"other"},
	"ru": {"one", "few", "many", "other"},
}

// anyPlaceholder matches {{.Name}} and {name}, as the two sides spell them.
var anyPlaceholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}|\{(\w+)\}`)

func TestTheInterfaceSpeaksTheSixUNLanguages(t *testing.T) {
	var got []string
	for _, l := range languages {
		got = append(got, l.Tag)
	}
	if want := []string{"en", "fr", "ar", "es", "zh", "ru"}; !slices.Equal(got, want) {
		t.Fatalf("languages = %v, want %v", got, want)
	}
}

// TestEveryKeyInEveryLanguageWithItsPlaceholdersAndCLDRPluralForms reads
// the message files as plain JSON: every key of en.json is in every
// language, with the same placeholders ({{.Name}} for the server, {name}
// for the client), and a plural message has exactly the forms CLDR gives
// its language.
func TestEveryKeyInEveryLanguageWithItsPlaceholdersAndCLDRPluralForms(t *testing.T) {
	en := readLocale(t, "en")
	for _, l := range languages {
		forms, ok := cldrForms[l.Tag]
		if !ok {
			t.Fatalf("no CLDR plural forms written down for %s", l.Tag)
		}
		m := readLocale(t, l.Tag)
		for _, k := range slices.Sorted(maps.Keys(en)) {
			v, ok := m[k]
			if !ok {
				t.Errorf("%s.json lacks %q", l.Tag, k)
				continue
			}
			if got, want := placeholderSet(v), placeholderSet(en[k]); !slices.Equal(got, want) {
				t.Errorf("%s.json: %q has placeholders %v, en.json %v", l.Tag, k, got, want)
			}
			_, refPlural := en[k].(map[string]any)
			plural, isPlural := v.(map[string]any)
			switch {
			case refPlural != isPlural:
				t.Errorf("%s.json: %q is plural in one of en.json and %s.json only", l.Tag, k, l.Tag)
			case isPlural:
				if got := slices.Sorted(maps.Keys(plural)); !slices.Equal(got, slices.Sorted(slices.Values(forms))) {
					t.Errorf("%s.json: %q has plural forms %v, CLDR gives %s %v", l.Tag, k, got, l.Tag, forms)
				}
			}
		}
	}
}

func placeholderSet(v any) []string {
	set := map[string]bool{}
	for _, s := range texts(v) {
		for _, m := range anyPlaceholder.FindAllStringSubmatch(s, -1) {
			set[m[1]+m[2]] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

func TestTheLanguageMenuNamesEachLanguageInItself(t *testing.T) {
	want := map[string]string{"en": "English", "fr": "français", "ar": "العربية", "es": "español", "zh": "中文", "ru": "русский"}
	for _, l := range mustNew(t).Languages() {
		if l.Name != want[l.Tag] {
			t.Errorf("%s is named %q, want %q", l.Tag, l.Name, want[l.Tag])
		}
	}
}

// sameAsEnglish lists the messages whose text is rightly the English one:
// names, formats and words the language shares with English. Any other
// message with the English text has been left untranslated.
var sameAsEnglish = map[string][]string{
	"":   {"site.name", "bodies.secret_hmac", "bodies.secret_ed25519", "report.json", "report.csv"},
	"es": {"body_kind.unesco", "time.range", "room.chat", "room.nav.chat", "error.status", "client.poll.answer.no", "level.regional", "console.tab.chat"},
	// The keys' names as printed on Arabic, Chinese and Russian keyboards.
	"ar": {"console.shortcuts.keys"},
	"zh": {"console.shortcuts.keys"},
	"ru": {"time.range", "console.shortcuts.keys"},
}

// words are the runs of letters of a text, placeholders left out.
var words = regexp.MustCompile(`\pL+`)

func TestNoLanguageLeavesAMessageInEnglish(t *testing.T) {
	en := readLocale(t, "en")
	for _, l := range languages[1:] {
		m := readLocale(t, l.Tag)
		for _, k := range slices.Sorted(maps.Keys(en)) {
			if !reflect.DeepEqual(m[k], en[k]) || slices.Contains(sameAsEnglish[""], k) || slices.Contains(sameAsEnglish[l.Tag], k) {
				continue
			}
			n := 0
			for _, s := range texts(en[k]) {
				n += len(words.FindAllString(anyPlaceholder.ReplaceAllString(s, ""), -1))
			}
			// French shares many single words with English (Action,
			// Session, Format): there, only a longer text gives it away.
			if n == 0 || l.Tag == "fr" && n < 2 {
				continue
			}
			t.Errorf("%s.json: %q is the English text; translate it, or list it in sameAsEnglish if %s says it so", l.Tag, k, l.Tag)
		}
	}
}

// texts returns the text of a message, or the text of each of its plural
// forms, as a message file holds them.
func texts(v any) []string {
	var out []string
	switch v := v.(type) {
	case string:
		out = []string{v}
	case map[string]any:
		for _, t := range v {
			if s, ok := t.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}
