package elements

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Refusal is a submission a form refuses, with every problem found.
type Refusal struct {
	Form     string   // the form's id
	Problems []string // in the order found: the button, the values by name, the required fields
}

// Error says which form and every problem: `form "f": p1; p2`.
func (r *Refusal) Error() string {
	return fmt.Sprintf("form %q: %s", r.Form, strings.Join(r.Problems, "; "))
}

// ActionButtons returns the names of the form's action buttons, in order:
// the actions a submission may name.
func (f *Form) ActionButtons() []string {
	var out []string
	for _, b := range f.Buttons {
		if b.Kind == ButtonAction && b.Name != "" {
			out = append(out, b.Name)
		}
	}
	return out
}

// names returns the names of the form's fields, each once, in order.
func (f *Form) names() []string {
	var out []string
	for _, fd := range f.Fields {
		if !slices.Contains(out, fd.Name) {
			out = append(out, fd.Name)
		}
	}
	return out
}

// named returns the fields of name.
func (f *Form) named(name string) []*Field {
	var out []*Field
	for i := range f.Fields {
		if f.Fields[i].Name == name {
			out = append(out, &f.Fields[i])
		}
	}
	return out
}

// Accept checks a submission of the form as the pod receives it: action,
// the name of the button pressed, must be one of its action buttons;
// values, by field name, each a field's value in the shape the datafeed
// carries (those Values builds); every required field answered, but for
// disabled ones, which cannot be. knownUser says whether a user id is one
// the pod knows (nil: any is). It returns the formValues of the
// SYMPHONYELEMENTSACTION event, values as given (numbers as json.Number)
// with "action" set to the button, or a *Refusal naming every problem.
func (f *Form) Accept(action string, values map[string]json.RawMessage, knownUser func(int64) bool) (map[string]any, error) {
	if knownUser == nil {
		knownUser = func(int64) bool { return true }
	}
	var problems []string
	if buttons := f.ActionButtons(); !slices.Contains(buttons, action) {
		problems = append(problems, fmt.Sprintf("the form has no action button named %q (its buttons: %s)",
			action, quoteList(buttons)))
	}
	out := map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(values)) {
		fields := f.named(name)
		switch {
		case name == "action":
			problems = append(problems, `"action" is not a field: the button pressed goes in the request's action`)
			continue
		case len(fields) == 0:
			problems = append(problems, fmt.Sprintf("the form has no field named %q (its fields: %s)", name, quoteList(f.names())))
			continue
		}
		v, err := decodeValue(values[name])
		if err == nil {
			err = f.acceptNamed(name, fields, v, knownUser)
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("field %q: %v", name, err))
			continue
		}
		out[name] = v
	}
	for _, name := range f.names() {
		required := slices.ContainsFunc(f.named(name), func(fd *Field) bool { return fd.Required && !fd.Disabled })
		if !required {
			continue
		}
		// A value given but refused is reported above.
		if v, ok := out[name]; ok && isEmptyValue(v) || !ok && values[name] == nil {
			problems = append(problems, fmt.Sprintf("field %q is required", name))
		}
	}
	if len(problems) > 0 {
		return nil, &Refusal{Form: f.ID, Problems: problems}
	}
	out["action"] = action
	return out, nil
}

// decodeValue decodes a JSON value, numbers as json.Number so that user
// ids stay exact.
func decodeValue(raw json.RawMessage) (any, error) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, fmt.Errorf("not a JSON value")
	}
	return v, nil
}

// acceptNamed checks v, the value of name, against the fields of that
// name: one control's value alone, else an array of the values of the
// controls sharing the name (Values' items).
func (f *Form) acceptNamed(name string, fields []*Field, v any, known func(int64) bool) error {
	n := f.controls(name)
	if n <= 1 {
		return acceptValue(fields[0], v, known)
	}
	items, ok := v.([]any)
	if !ok {
		return fmt.Errorf("%d fields share this name: their values go in an array", n)
	}
	for _, it := range items {
		if _, isList := it.([]any); isList || !slices.ContainsFunc(fields, func(fd *Field) bool { return acceptItem(fd, it, known) == nil }) {
			return fmt.Errorf("%s is the value of none of the fields of this name", compactJSON(it))
		}
	}
	return nil
}

// acceptValue checks v, the value of a field that alone has its name.
func acceptValue(fd *Field, v any, known func(int64) bool) error {
	switch fd.Kind {
	case Checkbox:
		// One checkbox: a group of several shares its name.
		s, ok := v.(string)
		if !ok || s != fd.Options[0].Value {
			return fmt.Errorf("a checkbox takes its value %q when checked (and is left out otherwise)", fd.Options[0].Value)
		}
	case Radio:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("a radio group takes a string, the value of the radio chosen")
		}
		return oneOf(s, optionValues(fd))
	case Select:
		if !fd.Multiple {
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("a drop-down takes the string value of the option chosen")
			}
			if s == "" {
				return nil // nothing chosen: refused only when required
			}
			return oneOf(s, optionValues(fd))
		}
		items, ok := v.([]any)
		if !ok {
			return fmt.Errorf("a multiple drop-down takes an array of the values of the options chosen")
		}
		for _, it := range items {
			s, ok := it.(string)
			if !ok {
				return fmt.Errorf("a multiple drop-down takes an array of strings")
			}
			if err := oneOf(s, optionValues(fd)); err != nil {
				return err
			}
		}
	case Person:
		items, ok := v.([]any)
		if !ok {
			return fmt.Errorf("a person selector takes an array of user ids (numbers)")
		}
		for _, it := range items {
			if err := acceptUser(it, known); err != nil {
				return err
			}
		}
	case Room:
		return acceptRooms(v)
	case Date:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("a date picker takes a string \"YYYY-MM-DD\"")
		}
		if _, err := time.Parse(time.DateOnly, s); s != "" && err != nil {
			return fmt.Errorf("%q is not a date \"YYYY-MM-DD\"", s)
		}
	default:
		if _, ok := v.(string); !ok {
			return fmt.Errorf("a %s takes a string", fd.Kind)
		}
	}
	return nil
}

// acceptItem checks it, one item of the array of a name fd shares: a box
// checked, an option chosen, a user id, else the field's own value.
func acceptItem(fd *Field, it any, known func(int64) bool) error {
	switch {
	case fd.Kind == Checkbox, fd.Kind == Select && fd.Multiple:
		s, ok := it.(string)
		if !ok {
			return fmt.Errorf("not a string")
		}
		return oneOf(s, optionValues(fd))
	case fd.Kind == Person:
		return acceptUser(it, known)
	}
	return acceptValue(fd, it, known)
}

// acceptUser checks a user id of a person selector: a number, the id of
// a user the pod knows.
func acceptUser(it any, known func(int64) bool) error {
	n, ok := it.(json.Number)
	if !ok {
		return fmt.Errorf("a person selector takes an array of user ids (numbers), not %s", compactJSON(it))
	}
	id, err := n.Int64()
	if err != nil || id <= 0 {
		return fmt.Errorf("%s is not a user id", n)
	}
	if !known(id) {
		return fmt.Errorf("no user has the id %d", id)
	}
	return nil
}

// acceptRooms checks a room selector's value: {"userIds": [strings],
// "streamIds": [strings]}, either list left out when empty.
func acceptRooms(v any) error {
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf(`a room selector takes {"userIds": [...], "streamIds": [...]}`)
	}
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		if key != "userIds" && key != "streamIds" {
			return fmt.Errorf("a room selector has userIds and streamIds, not %q", key)
		}
		items, ok := obj[key].([]any)
		if !ok || slices.ContainsFunc(items, func(it any) bool { _, s := it.(string); return !s }) {
			return fmt.Errorf("a room selector's %s is an array of strings", key)
		}
	}
	return nil
}

// isEmptyValue reports a value that answers nothing: an empty string, an
// empty array, a room selection without ids.
func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, list := range x {
			if items, ok := list.([]any); ok && len(items) > 0 {
				return false
			}
		}
		return true
	}
	return false
}

// optionValues returns the values of a field's options.
func optionValues(fd *Field) []string {
	out := make([]string, len(fd.Options))
	for i, o := range fd.Options {
		out[i] = o.Value
	}
	return out
}

// oneOf checks that s is one of the allowed values.
func oneOf(s string, allowed []string) error {
	if slices.Contains(allowed, s) {
		return nil
	}
	return fmt.Errorf("%q is not one of its values (%s)", s, quoteList(allowed))
}

// quoteList writes names as "a", "b", or "none" when there are none.
func quoteList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// compactJSON writes v as JSON for an error message.
func compactJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
