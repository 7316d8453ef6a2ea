package pages

import (
	"maps"
	"net/http"
	"net/url"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions/live/actions"
)

// confirmData is the confirmation step of a destructive action posted
// without JavaScript (with it, a dialog asks first): the question, the
// form's fields to post again with "confirmed", and where Cancel goes.
type confirmData struct {
	Question string
	Path     string
	Fields   []actField
	// Reason offers the action's optional reason (a ban's, a removal's),
	// kept in the moderation log.
	Reason bool
	Back   string
}

// confirm answers a destructive action's form with the page that asks to
// confirm it: Yes posts the same fields again, confirmed; Cancel goes back
// to the page the form was on, where nothing has changed.
func (p *Pages) confirm(c echo.Context, back string, spec actions.Spec, form url.Values, key string) error {
	v := p.view(c, back)
	question, err := v.T("client.mod.confirm." + key)
	if err != nil {
		return err
	}
	d := &confirmData{Question: question, Path: c.Request().URL.Path, Back: back + "#" + spec.Panel}
	for _, name := range slices.Sorted(maps.Keys(form)) {
		if name == "confirmed" || name == "reason" {
			continue
		}
		for _, val := range form[name] {
			d.Fields = append(d.Fields, actField{Name: name, Value: val})
		}
	}
	d.Reason = slices.ContainsFunc(spec.Fields, func(f actions.Field) bool { return f.Name == "reason" })
	v.Data = d
	return p.render(c, http.StatusOK, "confirm", v)
}
