package pages

import "strings"

// formProblems are what a posted form comes back with: the problems of its
// fields, in the form's order, and a refusal not tied to one field with the
// service's own words about it (in the page's language). The templates name a field's
// error element "<field>-error" and link the summary to each field.
type formProblems struct {
	Errors          []fieldError
	Problem, Detail string
}

type fieldError struct {
	Field, Message string
}

// ErrorOf returns the problem of field, if any.
func (d *formProblems) ErrorOf(field string) string {
	for _, e := range d.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// Describe returns the ids that describe field: its hint, and its error
// when it has one.
func (d *formProblems) Describe(field, hint string) string {
	ids := []string{}
	if hint != "" {
		ids = append(ids, hint)
	}
	if d.ErrorOf(field) != "" {
		ids = append(ids, field+"-error")
	}
	return strings.Join(ids, " ")
}

func (d *formProblems) problems() *formProblems { return d }

// problemsView is the argument of the template "problems": the problems of
// a form, summed up under the element id with the message heading.
type problemsView struct {
	V           *view
	ID, Heading string
	P           *formProblems
}

// Problems is the argument of the template "problems" for form (a page's
// data that embeds formProblems).
func (v *view) Problems(id, heading string, form interface{ problems() *formProblems }) problemsView {
	return problemsView{V: v, ID: id, Heading: heading, P: form.problems()}
}

// passwordField is the argument of the template "password-field": a
// password of the account, either a new one (with the rule's hint, and
// what a password manager offers to generate) or the current one, which
// proves a change.
type passwordField struct {
	V               *view
	ID, Name, Label string
	New             bool
	F               *formProblems
}

// Hint is the id of the hint a new password's field carries.
func (f passwordField) Hint() string {
	if f.New {
		return f.ID + "-hint"
	}
	return ""
}

// NewPassword hands "password-field" the field of a new password, labelled
// label, of form.
func (v *view) NewPassword(id, name, label string, form interface{ problems() *formProblems }) passwordField {
	return passwordField{V: v, ID: id, Name: name, Label: label, New: true, F: form.problems()}
}

// CurrentPassword hands "password-field" the field of the current
// password of form.
func (v *view) CurrentPassword(id, name string, form interface{ problems() *formProblems }) passwordField {
	return passwordField{V: v, ID: id, Name: name, Label: "care.current_password", F: form.problems()}
}

// selectField is the argument of the template "select-field": a choice
// among Options, after an empty option labelled None, with its error
// beside it.
type selectField struct {
	V                                   *view
	ID, Name, Label, None, Autocomplete string
	Required                            bool
	Options                             []option
	F                                   *formProblems
}

// Choice hands "select-field" a choice of form that must be made.
func (v *view) Choice(id, name, label string, opts []option, form interface{ problems() *formProblems }) selectField {
	return selectField{V: v, ID: id, Name: name, Label: label, None: "form.choose", Required: true, Options: opts, F: form.problems()}
}

// OptionalChoice hands "select-field" a choice of form that may be left
// at none, and that the browser may fill in as autocomplete says.
func (v *view) OptionalChoice(id, name, label, none, autocomplete string, opts []option, form interface{ problems() *formProblems }) selectField {
	return selectField{V: v, ID: id, Name: name, Label: label, None: none, Autocomplete: autocomplete, Options: opts, F: form.problems()}
}
