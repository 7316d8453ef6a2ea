package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// titles are the problem documents' titles, HTTP's reason phrases, which
// the error catalogue translates; a status not listed keeps Go's English
// phrase.
var titles = map[int]igfplus.Text{
	http.StatusBadRequest:            "Bad Request",
	http.StatusUnauthorized:          "Unauthorized",
	http.StatusForbidden:             "Forbidden",
	http.StatusNotFound:              "Not Found",
	http.StatusMethodNotAllowed:      "Method Not Allowed",
	http.StatusConflict:              "Conflict",
	http.StatusRequestEntityTooLarge: "Request Entity Too Large",
	http.StatusUnsupportedMediaType:  "Unsupported Media Type",
	http.StatusUnprocessableEntity:   "Unprocessable Entity",
	http.StatusTooManyRequests:       "Too Many Requests",
	http.StatusInternalServerError:   "Internal Server Error",
	http.StatusServiceUnavailable:    "Service Unavailable",
}

// localized is err's problem document in the language r asks for, by the
// pages' own negotiation (?lang, the language cookies, Accept-Language),
// which the response's Content-Language names. Only title and detail are
// translated: code stays the machine's.
func (s *Server) localized(w http.ResponseWriter, r *http.Request, err error) Problem {
	p := problemOf(err)
	lang := s.cat.Negotiate(r)
	loc := s.cat.Localizer(lang)
	title, ok := titles[p.Status]
	if !ok {
		title = igfplus.Text(p.Title)
	}
	p.Title = igfplus.LocalizeText(title, loc.ErrorText)
	var he *echo.HTTPError
	if errors.As(err, &he) {
		// echo's own refusals say their status's phrase ("Not Found").
		p.Detail = igfplus.LocalizeText(igfplus.Text(p.Detail), loc.ErrorText)
	} else {
		p.Detail = loc.Error(err)
	}
	w.Header().Set("Content-Language", lang)
	// As the pages do: a cache keeps one wording per language.
	w.Header().Add(echo.HeaderVary, "Accept-Language, Cookie")
	return p
}

// catalogueOf is the catalogue deps name, or the embedded one.
func catalogueOf(deps Deps) *i18n.Catalogue {
	if deps.Catalogue != nil {
		return deps.Catalogue
	}
	return i18n.MustNew()
}
