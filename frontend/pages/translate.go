package pages

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/translations"
)

// The translations' forms: a session's (with its agenda) at
// /sessions/{id}/translations, reached from the room, and a policy
// issue's, a track's or a recommendation's version's at
// /translations/{kind}/{id}, reached from the programme's set-up and the
// recommendation's page. Both show one language at a time (?to=), each text
// beside its source.

func (p *Pages) translationRoutes(g *echo.Group) {
	g.GET("/sessions/:id/translations", p.translateForm)
	g.POST("/sessions/:id/translations", p.saveTranslation)
	g.GET("/translations/:kind/:id", p.translateForm)
	g.POST("/translations/:kind/:id", p.saveTranslation)
}

// translatePath is the translations' form of session id.
func translatePath(id int64) string { return sessionPath(id) + "/translations" }

// translated is what a form translates: an entity, and where the form and
// its way back are.
type translated struct {
	ref        translations.Ref
	here, back string
}

// translatedOf reads the entity of the form's path: a session's, or a
// policy issue's or a track's (nothing else has a form of its own).
func translatedOf(c echo.Context) (translated, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	kind := translations.Kind(c.Param("kind"))
	switch {
	case err != nil || id <= 0:
	case kind == "":
		return translated{translations.Ref{Kind: translations.Session, ID: id}, translatePath(id), sessionPath(id)}, nil
	case kind == translations.PolicyIssue:
		return translated{translations.Ref{Kind: kind, ID: id}, "/translations/policy_issue/" + c.Param("id"), programmeAdminPath + "#issues"}, nil
	case kind == translations.Track:
		return translated{translations.Ref{Kind: kind, ID: id}, "/translations/track/" + c.Param("id"), "/tracks/" + c.Param("id")}, nil
	case kind == translations.RecommendationVersion:
		// The way back is the recommendation's page, once its entity is read.
		return translated{translations.Ref{Kind: kind, ID: id}, versionTranslatePath(id), ""}, nil
	}
	return translated{}, igfplus.Errorf(igfplus.ENotFound, "There is no such text to translate.")
}

// translator reads the form's entity and who is translating; the
// anonymous are sent to sign in first (and come back to the form).
func (p *Pages) translator(c echo.Context) (translated, igfplus.Identity, error) {
	tr, err := translatedOf(c)
	if err != nil {
		return tr, igfplus.Identity{}, err
	}
	who := p.identity(c)
	if who.Anonymous() {
		return tr, who, signinFor(c, tr.here)
	}
	return tr, who, nil
}

// translateData is a translations' form: the entity's texts (and a
// session's agenda's), each beside its translation into one language
// (To), with the languages to choose from.
type translateData struct {
	// Heading and Back are the page's heading and its way back, in words;
	// Title is the entity's title as written.
	Heading, Back, Title string
	SourceLang, Source   string // the source language: its tag, and named in the reader's
	// To is the language translated into; ToName names it in the
	// reader's.
	To, ToName string
	Targets    []langLink
	Fields     []translateField
	// Machine and Engine say the texts are a machine translation, and
	// which service made it.
	Machine          bool
	Engine           string
	Saved            bool
	BackHref, Action string
	formProblems
}

// translateField is one text of the form: its name (the form field's),
// label, the text as written, and its translation.
type translateField struct {
	Name, Label, Source, Value string
	Long                       bool
	// Max is the most characters the translation may have.
	Max int
}

// translateForm: GET /sessions/{id}/translations?to= and
// /translations/{kind}/{id}?to= — the form, for those who may edit the
// entity.
func (p *Pages) translateForm(c echo.Context) error {
	return p.renderTranslate(c, http.StatusOK, nil, nil)
}

// saveTranslation: POST to the form's page — saves the form's texts in
// its language (an emptied one is removed) and comes back to it, or comes
// back with the refusal and what was typed.
func (p *Pages) saveTranslation(c echo.Context) error {
	tr, who, err := p.translator(c)
	if err != nil || who.Anonymous() {
		return err
	}
	ctx := c.Request().Context()
	agenda, err := p.agendaOf(ctx, tr.ref)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return igfplus.Errorf(igfplus.EInvalid, "The form could not be read.")
	}
	to := form.Get("to")
	err = p.deps.Translations.Save(ctx, who, translationChanges(form, tr.ref, agenda, to))
	switch code := igfplus.ErrorCode(err); code {
	case "":
		return seeOther(c, tr.here+"?"+url.Values{"to": {to}, "saved": {"1"}}.Encode())
	case igfplus.EInvalid, igfplus.ENotFound:
		return p.renderTranslate(c, statusOf(code), form, err)
	default:
		return err
	}
}

// agendaOf is a session's agenda, translated on the session's form
// (none for other entities).
func (p *Pages) agendaOf(ctx context.Context, r translations.Ref) ([]sessions.AgendaItem, error) {
	if r.Kind != translations.Session {
		return nil, nil
	}
	return p.deps.Sessions.Agenda(ctx, r.ID)
}

// translationChanges reads the form's texts (those it has) into changes
// to r's translations (and its agenda's) into to.
func translationChanges(form url.Values, r translations.Ref, agenda []sessions.AgendaItem, to string) []translations.Change {
	origin, engine := translations.Human, ""
	if form.Get("machine") == "true" {
		origin, engine = translations.Machine, form.Get("engine")
	}
	var out []translations.Change
	add := func(name string, r translations.Ref, f translations.Field) {
		if vals, ok := form[name]; ok {
			out = append(out, translations.Change{Key: translations.Key{Ref: r, Field: f, Lang: to}, Text: vals[0], Origin: origin, Engine: engine})
		}
	}
	for _, f := range translations.Fields[r.Kind] {
		add(string(f), r, f)
	}
	for _, a := range agenda {
		add(itemField(a.ID), translations.Ref{Kind: translations.AgendaItem, ID: a.ID}, translations.Title)
	}
	return out
}

// itemField is the form field of agenda item id's title.
func itemField(id int64) string { return "item-" + strconv.FormatInt(id, 10) }

// renderTranslate renders the form; posted (nil on GET) are the values
// that come back with problem.
func (p *Pages) renderTranslate(c echo.Context, status int, posted url.Values, problem error) error {
	tr, who, err := p.translator(c)
	if err != nil || who.Anonymous() {
		return err
	}
	ctx := c.Request().Context()
	if err := p.deps.Translations.MayTranslate(ctx, who, tr.ref); err != nil {
		return err
	}
	e, err := p.deps.Translations.Entity(ctx, tr.ref)
	if err != nil {
		return err
	}
	agenda, err := p.agendaOf(ctx, tr.ref)
	if err != nil {
		return err
	}
	texts, err := p.deps.Translations.Of(ctx, sessionRefs(tr.ref, agenda)...)
	if err != nil {
		return err
	}
	if tr.back == "" {
		tr.back = recommendationPath(e.RecommendationID)
	}
	v := p.view(c, tr.here)
	d := &translateData{Title: e.Source[translations.Title], SourceLang: e.SourceLang, Source: i18n.NameIn(v.Lang, e.SourceLang),
		BackHref: tr.back, Action: tr.here, Saved: c.QueryParam("saved") != ""}
	if d.Heading, err = v.T("translate.title." + string(tr.ref.Kind)); err != nil {
		return err
	}
	if d.Back, err = v.T("translate.back." + string(tr.ref.Kind)); err != nil {
		return err
	}
	d.choose(p.cat.Languages(), c.FormValue("to"), v.Lang, tr.here)
	d.ToName = i18n.NameIn(v.Lang, d.To)
	if err := d.fill(v, texts, e, agenda, posted); err != nil {
		return err
	}
	if problem != nil {
		if d.Problem, err = v.T("translate.error." + string(igfplus.ErrorCode(problem))); err != nil {
			return err
		}
		d.Detail = igfplus.ErrorMessage(problem)
	}
	v.Data = d
	return p.render(c, status, "translate", v)
}

// choose picks the language translated into: the one asked for, else the
// reader's, else the first other than the source; and lists the others.
func (d *translateData) choose(langs []i18n.Language, asked, reader, here string) {
	d.To = asked
	if asked == d.SourceLang || !igfplus.IsLanguage(asked) {
		d.To = reader
	}
	for _, l := range langs {
		if l.Tag == d.SourceLang {
			continue
		}
		if d.To == d.SourceLang {
			d.To = l.Tag
		}
		d.Targets = append(d.Targets, langLink{Tag: l.Tag, Name: l.Name, Href: here + "?" + url.Values{"to": {l.Tag}}.Encode(), Current: l.Tag == d.To})
	}
}

// fill lists e's texts (and its agenda's) with their translations into
// d.To (or what was posted), and whether a machine made them.
func (d *translateData) fill(v *view, texts translations.Texts, e translations.Entity, agenda []sessions.AgendaItem, posted url.Values) error {
	add := func(name, label string, r translations.Ref, f translations.Field, source string) {
		if source == "" {
			return // nothing to translate
		}
		tr, _ := texts.Get(translations.Key{Ref: r, Field: f, Lang: d.To})
		value := tr.Text
		if posted != nil {
			value = posted.Get(name)
		}
		if tr.Origin == translations.Machine {
			d.Machine, d.Engine = true, tr.Engine
		}
		d.Fields = append(d.Fields, translateField{Name: name, Label: label, Source: source, Value: value, Long: f != translations.Title, Max: f.MaxRunes()})
	}
	for _, f := range translations.Fields[e.Kind] {
		label, err := v.T("translate.field." + string(f))
		if err != nil {
			return err
		}
		add(string(f), label, e.Ref, f, e.Source[f])
	}
	for i, a := range agenda {
		label, err := v.T("translate.field.item", "N", i+1)
		if err != nil {
			return err
		}
		add(itemField(a.ID), label, translations.Ref{Kind: translations.AgendaItem, ID: a.ID}, translations.Title, a.Title)
	}
	if posted != nil {
		d.Machine, d.Engine = posted.Get("machine") == "true", posted.Get("engine")
	}
	return nil
}
