package i18n

import (
	"io/fs"
	"path"
	"runtime"
	"sync"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/number"

	"github.com/igfplus/igfplus/deploy/testenv"
)

// TestMessagesRenderAsGoI18nRendersThem: every message of every language,
// with sample data and, for plural messages, every sample count, comes out
// as go-i18n's bundle, which held the catalogue before, words it.
func TestMessagesRenderAsGoI18nRendersThem(t *testing.T) {
	c := mustNew(t)
	sub, err := fs.Sub(locales, "locales")
	if err != nil {
		t.Fatal(err)
	}
	bundle := goi18n.NewBundle(language.Make(Default))
	for _, l := range languages {
		if _, err := bundle.LoadMessageFileFS(sub, path.Join(l.Tag+".json")); err != nil {
			t.Fatal(err)
		}
	}
	ref, _ := c.messages(Default)
	for _, l := range languages {
		ours, theirs := c.Localizer(l.Tag), goi18n.NewLocalizer(bundle, l.Tag)
		for _, id := range c.IDs() {
			data := map[string]any{}
			for _, name := range placeholders(ref.textsOf(id)) {
				data[name] = "<" + name + ">"
			}
			if !c.plural[id] {
				got, err := ours.T(id, data)
				want, werr := theirs.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
				if err != nil || werr != nil || got != want {
					t.Errorf("%s %q: got %q (%v), go-i18n %q (%v)", l.Tag, id, got, err, want, werr)
				}
				continue
			}
			for _, n := range sampleCounts {
				got, err := ours.N(id, n, data)
				d := map[string]any{}
				for k, v := range data {
					d[k] = v
				}
				d["Count"] = ours.num.Sprint(number.Decimal(n)) // as N fills it in
				want, werr := theirs.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: d, PluralCount: n})
				if err != nil || werr != nil || got != want {
					t.Errorf("%s %q for %d: got %q (%v), go-i18n %q (%v)", l.Tag, id, n, got, err, want, werr)
					break
				}
			}
		}
	}
}

// TestALanguageIsReadWhenFirstAskedFor: a new catalogue holds the
// reference language's messages alone, having checked the others; a
// language is read when a localizer first asks for it.
func TestALanguageIsReadWhenFirstAskedFor(t *testing.T) {
	c := mustNew(t)
	if got := heldLanguages(c); len(got) != 1 || got[0] != Default {
		t.Fatalf("a new catalogue holds %v, want [%s]", got, Default)
	}
	if s, err := c.Localizer("fr").T("nav.signed_in_as", map[string]any{"Name": "Amina"}); err != nil || s == "" {
		t.Fatalf("fr: %q, %v", s, err)
	}
	if got := heldLanguages(c); len(got) != 2 || got[1] != "fr" {
		t.Fatalf("after a French page, the catalogue holds %v, want [en fr]", got)
	}
}

// TestALanguageFirstAskedForByManyAtOnceIsReadOnce: concurrent first
// pages in one language share one reading (go test -race checks the
// rest).
func TestALanguageFirstAskedForByManyAtOnceIsReadOnce(t *testing.T) {
	c := mustNew(t)
	var wg sync.WaitGroup
	got := make([]*messages, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loc := c.Localizer("ar")
			if _, err := loc.N("room.minutes", 3, nil); err != nil {
				t.Error(err)
			}
			got[i] = loc.m
		}()
	}
	wg.Wait()
	for _, m := range got[1:] {
		if m != got[0] {
			t.Fatal("two first pages in one language read it twice")
		}
	}
}

// heldLanguages lists the languages whose messages c holds, in switcher
// order.
func heldLanguages(c *Catalogue) []string {
	var out []string
	for _, l := range c.langs {
		if c.byLang[l.Tag].m != nil {
			out = append(out, l.Tag)
		}
	}
	return out
}

// BenchmarkCatalogueHeap reports the live heap a catalogue holds: new-MB
// as New leaves it (the reference language), all-MB once a page in each
// of the six languages has been rendered (docs/PERFORMANCE.md, "Idle
// heap").
//
//	go test -run XXX -bench BenchmarkCatalogueHeap -benchtime 1x ./frontend/i18n/
func BenchmarkCatalogueHeap(b *testing.B) {
	var start, fresh, all float64
	for b.Loop() {
		start = testenv.LiveHeap()
		c := mustNew(b)
		fresh = testenv.LiveHeap()
		for _, l := range languages {
			if _, err := c.Localizer(l.Tag).N("room.minutes", 5, nil); err != nil {
				b.Fatal(err)
			}
		}
		all = testenv.LiveHeap()
		runtime.KeepAlive(c)
	}
	b.ReportMetric((fresh-start)/1e6, "new-MB")
	b.ReportMetric((all-start)/1e6, "all-MB")
}
