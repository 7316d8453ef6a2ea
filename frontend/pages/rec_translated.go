package pages

import (
	"context"
	"strconv"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/translations"
)

// recTranslation is a recommendation's current version in the reader's
// language, shown read-only beside the text as written: comments,
// amendments and revisions are on the source's paragraphs, whose numbers
// a translation need not keep.
type recTranslation struct {
	Lang, LangName, Source string
	Machine                bool
	Paragraphs             []string
}

// versionTranslatePath is the translations' form of a version.
func versionTranslatePath(versionID int64) string {
	return "/translations/recommendation_version/" + strconv.FormatInt(versionID, 10)
}

// recContent puts d's title and summary in the reader's language where
// the current version is translated, and its body beside the source
// (d.Translated); d.Content says how, for the translation note. A nicety,
// like sessionContent: unreadable translations leave the texts as
// written.
func (p *Pages) recContent(ctx context.Context, v *view, d *recData) {
	if p.deps.Translations == nil {
		return
	}
	r := translations.Ref{Kind: translations.RecommendationVersion, ID: d.Current.ID}
	texts, err := p.deps.Translations.Of(ctx, r)
	if err != nil {
		p.log.ErrorContext(ctx, "pages: recommendation shown untranslated", "recommendation", d.Rec.ID, "err", err)
		return
	}
	src := d.Rec.SourceLang
	cv := &contentView{Source: i18n.NameIn(v.Lang, src), TranslateKey: "content.translate_version"}
	resolve := func(f translations.Field, s string) (translations.Text, shownText) {
		t := texts.Resolve(r, f, s, src, v.Lang)
		machine := t.Translated && t.Origin == translations.Machine
		cv.Untranslated, cv.Machine = cv.Untranslated || t.Untranslated, cv.Machine || machine
		return t, shownText{Lang: t.Lang, Machine: machine}
	}
	var t translations.Text
	t, cv.Title = resolve(translations.Title, d.Rec.Title)
	d.Rec.Title = t.Text
	t, cv.Summary = resolve(translations.Summary, d.Rec.Summary)
	d.Rec.Summary = t.Text
	if body, shown := resolve(translations.Body, d.Current.Body); body.Translated {
		d.Translated = &recTranslation{Lang: body.Lang, LangName: i18n.NameIn(v.Lang, body.Lang), Source: cv.Source, Machine: shown.Machine}
		for _, para := range recommendations.Paragraphs(body.Text) {
			d.Translated.Paragraphs = append(d.Translated.Paragraphs, para.Text)
		}
	}
	cv.Others = v.otherLanguages(append(texts.Languages(r), src))
	if !v.Me.Anonymous() && p.deps.Translations.MayTranslate(ctx, v.Me, r) == nil {
		cv.TranslateHref = versionTranslatePath(d.Current.ID)
	}
	d.Content = cv
}

// publicationContent resolves a publication's summary into the reader's
// language by the translations' one rule: its translations are the
// publishing service's (approved with it), adapted here, not stored with
// the other kinds'.
func publicationContent(v *view, it publishing.Item) (string, *contentView) {
	r := translations.Ref{Kind: translations.Publication, ID: it.RecommendationID}
	list := make([]translations.Translation, len(it.Translations))
	for i, tr := range it.Translations {
		list[i] = translations.Translation{Key: translations.Key{Ref: r, Field: translations.Summary, Lang: tr.Language}, Text: tr.Text, Origin: tr.Origin, Engine: tr.Engine}
	}
	texts := translations.NewTexts(list)
	t := texts.Resolve(r, translations.Summary, it.Summary, it.SourceLang, v.Lang)
	machine := t.Translated && t.Origin == translations.Machine
	cv := &contentView{Summary: shownText{Lang: t.Lang, Machine: machine}, Untranslated: t.Untranslated, Machine: machine, Source: i18n.NameIn(v.Lang, it.SourceLang)}
	if it.Summary != "" {
		cv.Others = v.otherLanguages(append(texts.Languages(r), it.SourceLang))
	}
	return t.Text, cv
}
