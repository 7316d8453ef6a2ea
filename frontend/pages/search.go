package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

type searchData struct {
	Query    string
	Searched bool
	Results  []finding.Result
	// Error is why the query was refused, beside the field.
	Error string
	Max   int
}

// search: GET /search?q= — full-text search over sessions,
// recommendations and publications. An empty or over-long query comes
// back with its message beside the field (422).
func (p *Pages) search(c echo.Context) error {
	v := p.view(c, "/search")
	data := &searchData{Query: c.QueryParam("q"), Max: finding.MaxQuery}
	v.Data = data
	if _, asked := c.QueryParams()["q"]; !asked {
		return p.render(c, http.StatusOK, "search", v)
	}
	data.Searched = true
	var err error
	data.Results, err = p.deps.Finding.Search(c.Request().Context(), data.Query, v.Lang)
	if igfplus.ErrorCode(err) == igfplus.EInvalid {
		if data.Error, err = v.T(searchProblem(data.Query)); err != nil {
			return err
		}
		return p.render(c, http.StatusUnprocessableEntity, "search", v)
	}
	if err != nil {
		return err
	}
	return p.render(c, http.StatusOK, "search", v)
}

// searchProblem names the message of a refused query.
func searchProblem(q string) string {
	if _, err := finding.CheckQuery(q); err != nil && len([]rune(q)) > finding.MaxQuery {
		return "search.error.long"
	}
	return "search.error.empty"
}
