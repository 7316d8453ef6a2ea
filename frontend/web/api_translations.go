package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/translations"
)

func (s *Server) translationRoutes(api *echo.Group) {
	if s.deps.Translations == nil {
		return
	}
	api.GET("/translations/:kind/:id", s.getTranslations)
	api.PUT("/translations/:kind/:id/:field/:lang", s.putTranslation)
	api.DELETE("/translations/:kind/:id/:field/:lang", s.deleteTranslation)
}

// translationJSON is one translation: who or what made it.
type translationJSON struct {
	Text      string              `json:"text"`
	Origin    translations.Origin `json:"origin"`
	Engine    string              `json:"engine,omitempty"`
	AuthorID  int64               `json:"author_id,omitempty"`
	UpdatedAt time.Time           `json:"updated_at"`
}

// translationsJSON are an entity's translations by field, then language.
type translationsJSON map[translations.Field]map[string]translationJSON

// translatedJSON is an entity's source language and translations.
type translatedJSON struct {
	Kind         translations.Kind `json:"kind"`
	ID           int64             `json:"id"`
	SourceLang   string            `json:"source_lang"`
	Translations translationsJSON  `json:"translations"`
}

type translationInJSON struct {
	Text   string              `json:"text"`
	Origin translations.Origin `json:"origin"`
	Engine string              `json:"engine"`
}

func toTranslation(t translations.Translation) translationJSON {
	return translationJSON{Text: t.Text, Origin: t.Origin, Engine: t.Engine, AuthorID: t.AuthorID, UpdatedAt: t.UpdatedAt}
}

// translationsOf lists r's translations ({} when none).
func translationsOf(texts translations.Texts, r translations.Ref) translationsJSON {
	out := translationsJSON{}
	for _, t := range texts.Of(r) {
		if out[t.Field] == nil {
			out[t.Field] = map[string]translationJSON{}
		}
		out[t.Field][t.Lang] = toTranslation(t)
	}
	return out
}

// translationRef reads the entity of the path.
func translationRef(c echo.Context) (translations.Ref, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return translations.Ref{}, igfplus.Errorf(igfplus.ENotFound, "There is no such text to translate.")
	}
	return translations.Ref{Kind: translations.Kind(c.Param("kind")), ID: id}, nil
}

// translationKey reads the translated text of the path.
func translationKey(c echo.Context) (translations.Key, error) {
	r, err := translationRef(c)
	return translations.Key{Ref: r, Field: translations.Field(c.Param("field")), Lang: c.Param("lang")}, err
}

// getTranslations: GET /api/translations/:kind/:id — an entity's source
// language and translations (public, like the texts).
func (s *Server) getTranslations(c echo.Context) error {
	r, err := translationRef(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	e, err := s.deps.Translations.Entity(ctx, r)
	if err != nil {
		return err
	}
	texts, err := s.deps.Translations.Of(ctx, r)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, translatedJSON{Kind: r.Kind, ID: r.ID, SourceLang: e.SourceLang, Translations: translationsOf(texts, r)})
}

// putTranslation: PUT /api/translations/:kind/:id/:field/:lang — adds or
// replaces a translation; those who may edit the entity.
func (s *Server) putTranslation(c echo.Context) error {
	k, err := translationKey(c)
	if err != nil {
		return err
	}
	var in translationInJSON
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Text == "" {
		return igfplus.Errorf(igfplus.EInvalid, "A translation has a text; DELETE removes one.")
	}
	ctx := c.Request().Context()
	if err := s.deps.Translations.Save(ctx, s.identity(c), []translations.Change{{Key: k, Text: in.Text, Origin: in.Origin, Engine: in.Engine}}); err != nil {
		return err
	}
	texts, err := s.deps.Translations.Of(ctx, k.Ref)
	if err != nil {
		return err
	}
	t, ok := texts.Get(k)
	if !ok {
		return igfplus.Errorf(igfplus.EConflict, "The translation was removed meanwhile.")
	}
	return c.JSON(http.StatusOK, toTranslation(t))
}

// deleteTranslation: DELETE /api/translations/:kind/:id/:field/:lang —
// removes a translation (none is no error).
func (s *Server) deleteTranslation(c echo.Context) error {
	k, err := translationKey(c)
	if err != nil {
		return err
	}
	if err := s.deps.Translations.Save(c.Request().Context(), s.identity(c), []translations.Change{{Key: k}}); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// readerLang reads ?lang=, the reader's language ("" when absent).
func readerLang(c echo.Context) (string, error) {
	lang := c.QueryParam("lang")
	if lang != "" && !igfplus.IsLanguage(lang) {
		return "", igfplus.Errorf(igfplus.EInvalid, "lang is one of ar, zh, en, fr, ru, es.")
	}
	return lang, nil
}

// localise fills out with r's translations and, for a reader of lang
// (when given), resolves r's texts at fields into it.
func localise(out *localisedJSON, texts translations.Texts, r translations.Ref, sourceLang, lang string, fields map[translations.Field]*string) {
	out.Translations = translationsOf(texts, r)
	if lang == "" {
		return
	}
	out.TextLang = map[translations.Field]string{}
	for f, text := range fields {
		t := texts.Resolve(r, f, *text, sourceLang, lang)
		*text, out.TextLang[f] = t.Text, t.Lang
	}
}

// translateSession adds a session's and its agenda's translations to out
// and, for a reader of ?lang= (when given), resolves their texts into it.
func (s *Server) translateSession(c echo.Context, out *sessionJSON, sess sessions.Session, agenda []sessions.AgendaItem) error {
	if s.deps.Translations == nil {
		return nil
	}
	lang, err := readerLang(c)
	if err != nil {
		return err
	}
	r := translations.Ref{Kind: translations.Session, ID: sess.ID}
	refs := []translations.Ref{r}
	for _, a := range agenda {
		refs = append(refs, translations.Ref{Kind: translations.AgendaItem, ID: a.ID})
	}
	texts, err := s.deps.Translations.Of(c.Request().Context(), refs...)
	if err != nil {
		return err
	}
	localise(&out.localisedJSON, texts, r, sess.Language, lang, map[translations.Field]*string{translations.Title: &out.Title, translations.Description: &out.Description})
	for i := range out.Agenda {
		a := &out.Agenda[i]
		localise(&a.localisedJSON, texts, refs[i+1], sess.Language, lang, map[translations.Field]*string{translations.Title: &a.Title})
	}
	return nil
}

// translateSessions adds each session's translations to out (one per
// session of list, in its order) and, for a reader of ?lang= (when
// given), resolves their titles and descriptions into it.
func (s *Server) translateSessions(c echo.Context, out []sessionJSON, list []sessions.Session) error {
	if s.deps.Translations == nil || len(list) == 0 {
		return nil
	}
	lang, err := readerLang(c)
	if err != nil {
		return err
	}
	refs := make([]translations.Ref, len(list))
	for i, sess := range list {
		refs[i] = translations.Ref{Kind: translations.Session, ID: sess.ID}
	}
	texts, err := s.deps.Translations.Of(c.Request().Context(), refs...)
	if err != nil {
		return err
	}
	for i := range out {
		o := &out[i]
		localise(&o.localisedJSON, texts, refs[i], list[i].Language, lang, map[translations.Field]*string{translations.Title: &o.Title, translations.Description: &o.Description})
	}
	return nil
}

// translateEdition adds the policy issues' and tracks' translations to
// out and, for a reader of ?lang= (when given), resolves their texts into
// it.
func (s *Server) translateEdition(c echo.Context, out *editionJSON) error {
	if s.deps.Translations == nil {
		return nil
	}
	lang, err := readerLang(c)
	if err != nil {
		return err
	}
	var refs []translations.Ref
	for _, i := range out.PolicyIssues {
		refs = append(refs, translations.Ref{Kind: translations.PolicyIssue, ID: i.ID})
	}
	for _, t := range out.Tracks {
		refs = append(refs, translations.Ref{Kind: translations.Track, ID: t.ID})
	}
	texts, err := s.deps.Translations.Of(c.Request().Context(), refs...)
	if err != nil {
		return err
	}
	for i := range out.PolicyIssues {
		pi := &out.PolicyIssues[i]
		localise(&pi.localisedJSON, texts, refs[i], pi.SourceLang, lang, map[translations.Field]*string{translations.Title: &pi.Title, translations.Summary: &pi.Summary})
	}
	for i := range out.Tracks {
		t := &out.Tracks[i]
		localise(&t.localisedJSON, texts, refs[len(out.PolicyIssues)+i], t.SourceLang, lang, map[translations.Field]*string{translations.Title: &t.Title, translations.Description: &t.Description})
	}
	return nil
}
