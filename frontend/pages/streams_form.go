package pages

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// interpretationRows is how many interpretation rows the links' form has
// beyond those already set: a plain form cannot add rows, so it offers
// spare ones (the six UN languages fit in two visits).
const interpretationRows = 3

// streamsData is the form that sets a session's links, for those who run
// it. A refused field comes back beside itself with what was typed.
type streamsData struct {
	Session         sessions.Session
	Speakers        string
	Public          string
	Interpretations []interpretationRow
	Saved           bool
	formProblems
}

// interpretationRow is one interpretation of the form; N numbers its
// fields (interp-lang-N, interp-url-N).
type interpretationRow struct {
	N             int
	Language, URL string
}

func streamsPath(id int64) string { return sessionPath(id) + "/streams" }

func (p *Pages) streamRoutes(g *echo.Group) {
	g.GET("/sessions/:id/streams", p.streamsForm)
	g.POST("/sessions/:id/streams", p.saveStreams)
	g.GET("/sessions/:id/hubs", p.hubsForm)
	g.POST("/sessions/:id/hubs", p.registerHub)
}

// streamsForm: GET /sessions/:id/streams — the links' form, for those who
// run the session (403 for anyone else).
func (p *Pages) streamsForm(c echo.Context) error {
	return p.signedIn(c, "session", streamsPath, func(who igfplus.Identity, id int64) error {
		ctx := c.Request().Context()
		if err := p.deps.Sessions.MayModerate(ctx, who, id); err != nil {
			return err
		}
		list, err := p.deps.Streams.StreamsOf(ctx, who, id)
		if err != nil {
			return err
		}
		d := &streamsData{Saved: c.QueryParam("saved") == "1"}
		for _, st := range list {
			switch st.Kind {
			case sessions.SpeakersLink:
				d.Speakers = st.URL
			case sessions.PublicStream:
				d.Public = st.URL
			case sessions.Interpretation:
				d.Interpretations = append(d.Interpretations, interpretationRow{Language: st.Language, URL: st.URL})
			}
		}
		return p.renderStreams(c, id, http.StatusOK, d)
	})
}

// renderStreams renders d, numbering its rows and adding the spare ones.
func (p *Pages) renderStreams(c echo.Context, id int64, status int, d *streamsData) error {
	var err error
	if d.Session, err = p.deps.Sessions.Session(c.Request().Context(), id); err != nil {
		return err
	}
	for range interpretationRows {
		d.Interpretations = append(d.Interpretations, interpretationRow{})
	}
	for i := range d.Interpretations {
		d.Interpretations[i].N = i
	}
	v := p.view(c, streamsPath(id))
	v.Data = d
	return p.render(c, status, "streams", v)
}

// saveStreams: POST /sessions/:id/streams — replaces the links with the
// form's (empty fields leave a link out), then back to the form, saying so.
func (p *Pages) saveStreams(c echo.Context) error {
	return p.signedIn(c, "session", streamsPath, func(who igfplus.Identity, id int64) error {
		d, list, err := p.readStreams(c)
		if err != nil {
			return err
		}
		if len(d.Errors) == 0 {
			_, err = p.deps.Streams.SetStreams(c.Request().Context(), who, id, list)
			if err == nil {
				return seeOther(c, streamsPath(id)+"?saved=1")
			}
			if igfplus.ErrorCode(err) != igfplus.EInvalid {
				return err
			}
			if d.Problem, err = p.view(c, "").T("streams.error.refused"); err != nil {
				return err
			}
			d.Detail = igfplus.ErrorMessage(err)
		}
		// Spare rows come back empty beyond those typed in.
		d.Interpretations = trimEmptyRows(d.Interpretations)
		return p.renderStreams(c, id, http.StatusUnprocessableEntity, d)
	})
}

// readStreams reads the posted form: what was typed, each field's problem
// in the reader's language, and the links to save.
func (p *Pages) readStreams(c echo.Context) (*streamsData, []sessions.Stream, error) {
	v := p.view(c, "")
	d := &streamsData{Speakers: strings.TrimSpace(c.FormValue("speakers_url")), Public: strings.TrimSpace(c.FormValue("public_url"))}
	var list []sessions.Stream
	check := func(field, raw string) error {
		if problem := sessions.StreamURLProblem(raw); problem != "" {
			msg, err := v.T("streams.error." + problem)
			d.Errors = append(d.Errors, fieldError{Field: field, Message: msg})
			return err
		}
		return nil
	}
	add := func(field string, st sessions.Stream) error {
		if st.URL == "" {
			return nil
		}
		list = append(list, st)
		return check(field, st.URL)
	}
	if err := add("speakers-url", sessions.Stream{Kind: sessions.SpeakersLink, URL: d.Speakers}); err != nil {
		return nil, nil, err
	}
	if err := add("public-url", sessions.Stream{Kind: sessions.PublicStream, URL: d.Public}); err != nil {
		return nil, nil, err
	}
	for n := 0; n < sessions.MaxStreams; n++ {
		lang := strings.TrimSpace(c.FormValue("interp_lang_" + strconv.Itoa(n)))
		raw := strings.TrimSpace(c.FormValue("interp_url_" + strconv.Itoa(n)))
		if lang == "" && raw == "" {
			continue
		}
		row := interpretationRow{Language: lang, URL: raw}
		d.Interpretations = append(d.Interpretations, row)
		at := strconv.Itoa(len(d.Interpretations) - 1)
		if sessions.CheckStreamLanguage(lang) != nil {
			msg, err := v.T("streams.error.language")
			if err != nil {
				return nil, nil, err
			}
			d.Errors = append(d.Errors, fieldError{Field: "interp-lang-" + at, Message: msg})
		}
		if raw == "" {
			raw = " " // a language without its link: the link is missing
		}
		if err := add("interp-url-"+at, sessions.Stream{Kind: sessions.Interpretation, Language: lang, URL: raw}); err != nil {
			return nil, nil, err
		}
	}
	return d, list, nil
}

// trimEmptyRows drops rows with nothing typed.
func trimEmptyRows(rows []interpretationRow) []interpretationRow {
	out := rows[:0]
	for _, r := range rows {
		if r.Language != "" || r.URL != "" {
			out = append(out, r)
		}
	}
	return out
}

// streamFieldView is the argument of the template "stream-field".
type streamFieldView struct {
	V                      *view
	ID, Name, Label, Value string
	D                      *streamsData
}

// StreamField hands one link's field of form d to "stream-field".
func (v *view) StreamField(id, name, label, value string, d *streamsData) streamFieldView {
	return streamFieldView{V: v, ID: id, Name: name, Label: label, Value: value, D: d}
}
