package actions

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Kind is how a field is carried: the JSON type over the socket, and how a
// form's text value is read.
type Kind string

const (
	Text   Kind = "string"   // a string (or a string type such as sessions.Mode)
	Number Kind = "number"   // a whole number; a form value is parsed
	Bool   Kind = "boolean"  // true or false; in a form, "true" or anything else
	List   Kind = "number[]" // whole numbers; in a form, the field repeated
)

// Field is one field of an action's message.
type Field struct {
	Name string // the JSON member and the form field
	Kind Kind
	// Required fields must be present and non-zero (a positive id, a
	// non-empty text). Optional marks a pointer: left out means unchanged,
	// which a form says by leaving the field out.
	Required, Optional bool
	index              []int // path to the struct field, through embedded structs
}

// Spec is one declared action.
type Spec struct {
	Type   string  // the message type, as on the socket and in a form's "type"
	Panel  string  // the id of the page panel the action changes
	Fields []Field // in declaration order
	typ    reflect.Type
}

// declare makes the Spec of action type T, reading its fields' tags. A
// field type the socket and the forms cannot both carry is a programming
// error, found when the package loads.
func declare[T Action](typ, panel string) Spec {
	t := reflect.TypeFor[T]()
	s := Spec{Type: typ, Panel: panel, typ: t}
	s.Fields = fieldsOf(t, nil)
	return s
}

// fieldsOf lists the tagged fields of struct t, flattening embedded
// structs as encoding/json does.
func fieldsOf(t reflect.Type, at []int) []Field {
	var out []Field
	for i := range t.NumField() {
		sf := t.Field(i)
		index := append(append([]int(nil), at...), i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			out = append(out, fieldsOf(sf.Type, index)...)
			continue
		}
		if !sf.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			panic(fmt.Sprintf("actions: %s.%s has no json name", t, sf.Name))
		}
		f := Field{Name: name, Required: sf.Tag.Get("act") == "required", index: index}
		f.Kind, f.Optional = kindOf(sf.Type)
		if f.Kind == "" {
			panic(fmt.Sprintf("actions: %s.%s: a %s cannot be a room action's field", t, sf.Name, sf.Type))
		}
		out = append(out, f)
	}
	return out
}

// kindOf is how a Go field type is carried, and whether it is a pointer.
func kindOf(t reflect.Type) (Kind, bool) {
	optional := t.Kind() == reflect.Pointer
	if optional {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return Text, optional
	case reflect.Int, reflect.Int32, reflect.Int64:
		return Number, optional
	case reflect.Bool:
		return Bool, optional
	case reflect.Slice:
		if k := t.Elem().Kind(); !optional && (k == reflect.Int || k == reflect.Int64) {
			return List, false
		}
	}
	return "", false
}

// All returns the declared actions, in docs/PROTOCOL.md's order.
func All() []Spec { return specs }

// byType indexes specs; built once, read concurrently.
var byType = func() map[string]Spec {
	m := make(map[string]Spec, len(specs))
	for _, s := range specs {
		if _, dup := m[s.Type]; dup {
			panic("actions: " + s.Type + " is declared twice")
		}
		m[s.Type] = s
	}
	return m
}()

// Lookup returns the action of message type typ.
func Lookup(typ string) (Spec, bool) {
	s, ok := byType[typ]
	return s, ok
}

// newValue is a pointer to a zero action of the spec's type.
func (s Spec) newValue() reflect.Value { return reflect.New(s.typ) }

// DecodeJSON reads a socket message (the whole object: its type and ref
// are ignored) into the action, and checks its required fields.
func (s Spec) DecodeJSON(raw []byte) (Action, error) {
	v := s.newValue()
	if err := json.Unmarshal(raw, v.Interface()); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			// The path goes through embedded structs; the last name is the field's.
			if f, ok := s.field(te.Field[strings.LastIndex(te.Field, ".")+1:]); ok {
				return nil, s.badValue(f)
			}
		}
		return nil, igfplus.Errorf(igfplus.EInvalid, "%s takes a JSON object of its fields.", s.Type)
	}
	return s.checked(v)
}

// DecodeForm reads a posted form into the action, as the client reads the
// same form into a socket message: a field's last value counts (a checkbox
// follows a hidden "false" of the same name, so that unticking it is sent
// too); a list takes every value; fields left out stay zero, or nil for
// an optional one.
func (s Spec) DecodeForm(form url.Values) (Action, error) {
	v := s.newValue()
	for _, f := range s.Fields {
		vals := form[f.Name]
		if len(vals) == 0 {
			continue
		}
		if err := setForm(v.Elem().FieldByIndex(f.index), f, vals); err != nil {
			return nil, s.badValue(f)
		}
	}
	return s.checked(v)
}

// setForm sets field dst from a form's values of it.
func setForm(dst reflect.Value, f Field, vals []string) error {
	if f.Optional {
		dst.Set(reflect.New(dst.Type().Elem()))
		dst = dst.Elem()
	}
	last := vals[len(vals)-1]
	switch f.Kind {
	case Text:
		dst.SetString(last)
	case Bool:
		dst.SetBool(last == "true")
	case Number:
		n, err := strconv.ParseInt(last, 10, 64)
		if err != nil || dst.OverflowInt(n) {
			return errors.New("not a whole number")
		}
		dst.SetInt(n)
	case List:
		list := reflect.MakeSlice(dst.Type(), len(vals), len(vals))
		for i, s := range vals {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || list.Index(i).OverflowInt(n) {
				return errors.New("not a whole number")
			}
			list.Index(i).SetInt(n)
		}
		dst.Set(list)
	}
	return nil
}

// checked refuses an action whose required fields are missing.
func (s Spec) checked(v reflect.Value) (Action, error) {
	for _, f := range s.Fields {
		if !f.Required {
			continue
		}
		fv := v.Elem().FieldByIndex(f.index)
		if fv.IsZero() || (fv.CanInt() && fv.Int() < 0) {
			return nil, igfplus.Errorf(igfplus.EInvalid, "%s needs the field %s.", s.Type, f.Name)
		}
	}
	return v.Interface().(Action), nil
}

func (s Spec) field(name string) (Field, bool) {
	for _, f := range s.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// badValue is the error of a field of the wrong type.
func (s Spec) badValue(f Field) error {
	what := map[Kind]igfplus.Text{Text: "text", Number: "a whole number", Bool: "true or false", List: "a list of whole numbers"}[f.Kind]
	return igfplus.Errorf(igfplus.EInvalid, "%s: %s must be %s.", s.Type, f.Name, what)
}
