package pages

import (
	"context"
	"slices"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/translations"
)

// Translations is what the pages use of translations.Service: the texts'
// translations, and the editors' form.
type Translations interface {
	Of(ctx context.Context, refs ...translations.Ref) (translations.Texts, error)
	Entity(ctx context.Context, r translations.Ref) (translations.Entity, error)
	MayTranslate(ctx context.Context, who igfplus.Identity, r translations.Ref) error
	Save(ctx context.Context, who igfplus.Identity, changes []translations.Change) error
}

var _ Translations = (*translations.Service)(nil)

// HasTranslations reports whether the translations' forms are served.
func (v *view) HasTranslations() bool { return v.p.deps.Translations != nil }

// contentView says in which language a session's texts are shown: the
// lang attribute of each, the note of a text left in its source language
// (named in the reader's), the marks of machine translations, and the
// other languages the texts exist in.
type contentView struct {
	Title, Description shownText
	// Summary is a recommendation's or a publication's.
	Summary shownText
	Items   map[int64]shownText
	// Untranslated: some text is shown in its source language, Source.
	Untranslated bool
	Source       string
	// Machine: some text shown is a machine translation.
	Machine bool
	// Others are the other languages the session's texts exist in, as
	// links to this page in them.
	Others []langLink
	// TranslateHref is the translations' form, for those who may edit;
	// TranslateKey the message of its link ("" for a session's).
	TranslateHref, TranslateKey string
}

// TranslateLabel is the message key of the link to the translations'
// form.
func (cv *contentView) TranslateLabel() string {
	if cv.TranslateKey == "" {
		return "content.translate"
	}
	return cv.TranslateKey
}

// shownText is the language one text is shown in, and whether a machine
// translated it.
type shownText struct {
	Lang    string
	Machine bool
}

// sessionRefs names r (a session) and its agenda items, r first.
func sessionRefs(r translations.Ref, agenda []sessions.AgendaItem) []translations.Ref {
	refs := []translations.Ref{r}
	for _, a := range agenda {
		refs = append(refs, translations.Ref{Kind: translations.AgendaItem, ID: a.ID})
	}
	return refs
}

// sessionContent puts sess's title and description (in place) and its
// agenda's titles (in the copy it returns) in the reader's language where
// they are translated, and says how they are shown. Like presence it is a
// nicety: without translations (none wired, or unreadable) the texts stay
// as written.
func (p *Pages) sessionContent(ctx context.Context, v *view, sess *sessions.Session, agenda []sessions.AgendaItem) ([]sessions.AgendaItem, *contentView) {
	if p.deps.Translations == nil {
		return agenda, nil
	}
	refs := sessionRefs(translations.Ref{Kind: translations.Session, ID: sess.ID}, agenda)
	texts, err := p.deps.Translations.Of(ctx, refs...)
	if err != nil {
		p.log.ErrorContext(ctx, "pages: session shown untranslated", "session", sess.ID, "err", err)
		return agenda, nil
	}
	agenda = slices.Clone(agenda)
	cv := &contentView{Items: make(map[int64]shownText, len(agenda)), Source: i18n.NameIn(v.Lang, sess.Language)}
	resolve := func(r translations.Ref, f translations.Field, s *string) shownText {
		t := texts.Resolve(r, f, *s, sess.Language, v.Lang)
		*s = t.Text
		machine := t.Translated && t.Origin == translations.Machine
		cv.Untranslated, cv.Machine = cv.Untranslated || t.Untranslated, cv.Machine || machine
		return shownText{Lang: t.Lang, Machine: machine}
	}
	cv.Title = resolve(refs[0], translations.Title, &sess.Title)
	cv.Description = resolve(refs[0], translations.Description, &sess.Description)
	for i := range agenda {
		cv.Items[agenda[i].ID] = resolve(refs[i+1], translations.Title, &agenda[i].Title)
	}
	cv.Others = v.otherLanguages(append(texts.Languages(refs...), sess.Language))
	if !v.Me.Anonymous() && p.deps.Translations.MayTranslate(ctx, v.Me, refs[0]) == nil {
		cv.TranslateHref = translatePath(sess.ID)
	}
	return agenda, cv
}

// otherLanguages are the language menu's links to this page in langs,
// but for the page's own language.
func (v *view) otherLanguages(langs []string) []langLink {
	var out []langLink
	for _, l := range v.Languages {
		if !l.Current && slices.Contains(langs, l.Tag) {
			out = append(out, l)
		}
	}
	return out
}

// markAgenda gives the agenda's lines the language their titles are shown
// in.
func (cv *contentView) markAgenda(lines []agendaLine) {
	if cv == nil {
		return
	}
	for i := range lines {
		s := cv.Items[lines[i].ID]
		lines[i].Lang, lines[i].Machine = s.Lang, s.Machine
	}
}

// translateProgramme returns the programme's texts in the reader's
// language where translated (copies of what it is given): the policy
// issues' titles and summaries, the tracks' titles and descriptions, the
// sessions' titles and descriptions. A nicety, like sessionContent:
// unreadable translations leave them as written.
func (p *Pages) translateProgramme(ctx context.Context, v *view, issues []tracks.PolicyIssue, trs []tracks.Track, list []sessions.Session) ([]tracks.PolicyIssue, []tracks.Track, []sessions.Session) {
	if p.deps.Translations == nil {
		return issues, trs, list
	}
	var refs []translations.Ref
	for _, i := range issues {
		refs = append(refs, translations.Ref{Kind: translations.PolicyIssue, ID: i.ID})
	}
	for _, t := range trs {
		refs = append(refs, translations.Ref{Kind: translations.Track, ID: t.ID})
	}
	for _, s := range list {
		refs = append(refs, translations.Ref{Kind: translations.Session, ID: s.ID})
	}
	texts, err := p.deps.Translations.Of(ctx, refs...)
	if err != nil {
		p.log.ErrorContext(ctx, "pages: programme shown untranslated", "err", err)
		return issues, trs, list
	}
	issues, trs, list = slices.Clone(issues), slices.Clone(trs), slices.Clone(list)
	in := func(kind translations.Kind, id int64, f translations.Field, s *string, source string) {
		*s = texts.Resolve(translations.Ref{Kind: kind, ID: id}, f, *s, source, v.Lang).Text
	}
	for i := range issues {
		pi := &issues[i]
		in(translations.PolicyIssue, pi.ID, translations.Title, &pi.Title, pi.SourceLang)
		in(translations.PolicyIssue, pi.ID, translations.Summary, &pi.Summary, pi.SourceLang)
	}
	for i := range trs {
		t := &trs[i]
		in(translations.Track, t.ID, translations.Title, &t.Title, t.SourceLang)
		in(translations.Track, t.ID, translations.Description, &t.Description, t.SourceLang)
	}
	for i := range list {
		sess := &list[i]
		in(translations.Session, sess.ID, translations.Title, &sess.Title, sess.Language)
		in(translations.Session, sess.ID, translations.Description, &sess.Description, sess.Language)
	}
	return issues, trs, list
}

// translateTrack puts a track's page in the reader's language where
// translated: the track's title and description, its sessions' titles
// and descriptions.
// A nicety, like translateProgramme.
func (p *Pages) translateTrack(ctx context.Context, v *view, d *trackData) {
	if p.deps.Translations == nil {
		return
	}
	e, err := p.deps.Translations.Entity(ctx, translations.Ref{Kind: translations.Track, ID: d.T.ID})
	if err != nil {
		p.log.ErrorContext(ctx, "pages: track shown untranslated", "track", d.T.ID, "err", err)
		return
	}
	trs := []tracks.Track{{ID: d.T.ID, Title: d.T.Title, Description: d.T.Description, SourceLang: e.SourceLang}}
	_, trs, d.Sessions = p.translateProgramme(ctx, v, nil, trs, d.Sessions)
	d.T.Title, d.T.Description = trs[0].Title, trs[0].Description
}
