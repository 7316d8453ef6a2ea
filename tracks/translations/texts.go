package translations

import (
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Texts are the translations of some entities, as read for a page or an
// answer, ready to resolve.
type Texts struct {
	byKey map[Key]Translation
}

// NewTexts indexes list.
func NewTexts(list []Translation) Texts {
	t := Texts{byKey: make(map[Key]Translation, len(list))}
	for _, tr := range list {
		t.byKey[tr.Key] = tr
	}
	return t
}

// Text is a field as shown to a reader.
type Text struct {
	Text string
	// Lang is the language Text is in: the reader's when translated (or
	// written in it), else the source's.
	Lang string
	// Translated: Text is a translation, made by Origin (and Engine).
	Translated bool
	Origin     Origin
	Engine     string
	// Untranslated: the reader's language differs from the source and has
	// no translation, so the source is shown instead.
	Untranslated bool
}

// Resolve is field f of entity r for a reader of want: its translation
// into want where there is one, otherwise source (in sourceLang). An
// empty source stays empty: there is nothing to translate.
func (t Texts) Resolve(r Ref, f Field, source, sourceLang, want string) Text {
	if source == "" || want == sourceLang {
		return Text{Text: source, Lang: sourceLang}
	}
	if tr, ok := t.byKey[Key{r, f, want}]; ok {
		return Text{Text: tr.Text, Lang: want, Translated: true, Origin: tr.Origin, Engine: tr.Engine}
	}
	return Text{Text: source, Lang: sourceLang, Untranslated: true}
}

// Get returns the translation of key, if any.
func (t Texts) Get(k Key) (Translation, bool) {
	tr, ok := t.byKey[k]
	return tr, ok
}

// Of lists r's translations by field and language, in the order of
// Fields and igfplus.Languages.
func (t Texts) Of(r Ref) []Translation {
	var out []Translation
	for _, f := range Fields[r.Kind] {
		for _, l := range igfplus.Languages {
			if tr, ok := t.byKey[Key{r, f, l}]; ok {
				out = append(out, tr)
			}
		}
	}
	return out
}

// Languages lists the languages any of refs has a translation in, in the
// order of igfplus.Languages.
func (t Texts) Languages(refs ...Ref) []string {
	var out []string
	for k := range t.byKey {
		if slices.Contains(refs, k.Ref) && !slices.Contains(out, k.Lang) {
			out = append(out, k.Lang)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		return slices.Index(igfplus.Languages, a) - slices.Index(igfplus.Languages, b)
	})
	return out
}
