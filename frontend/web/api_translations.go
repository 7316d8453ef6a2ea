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

// translateSession adds a session's and its agenda's translations to out
// and, for a reader of lang (when given), resolves their texts into it.
func (s *Server) translateSession(c echo.Context, out *sessionJSON, sess sessions.Session, agenda []sessions.AgendaItem) error {
	if s.deps.Translations == nil {
		return nil
	}
	lang := c.QueryParam("lang")
	if lang != "" && !igfplus.IsLanguage(lang) {
		return igfplus.Errorf(igfplus.EInvalid, "lang is one of ar, zh, en, fr, ru, es.")
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
	resolve := func(r translations.Ref, f translations.Field, text *string, langs map[translations.Field]string) {
		t := texts.Resolve(r, f, *text, sess.Language, lang)
		*text, langs[f] = t.Text, t.Lang
	}
	out.Translations = translationsOf(texts, r)
	if lang != "" {
		out.TextLang = map[translations.Field]string{}
		resolve(r, translations.Title, &out.Title, out.TextLang)
		resolve(r, translations.Description, &out.Description, out.TextLang)
	}
	for i := range out.Agenda {
		a := &out.Agenda[i]
		ar := refs[i+1]
		a.Translations = translationsOf(texts, ar)
		if lang != "" {
			a.TextLang = map[translations.Field]string{}
			resolve(ar, translations.Title, &a.Title, a.TextLang)
		}
	}
	return nil
}
