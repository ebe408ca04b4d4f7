package simulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// The shapes of formValues follow what the datafeed carries (the Elements
// documentation's "Datafeed Payload" examples): a string for a text
// field, text area, radio group, single select, time or time zone picker;
// a checked checkbox's value (an unchecked one is left out); an array for
// a multiple select or several fields sharing a name (order free); an
// array of user ids, numbers, for a person selector; {"userIds": [...],
// "streamIds": [...]} for a room selector; "YYYY-MM-DD" for a date picker.

// checkSubmission checks a submission of form f: the button pressed, and
// values, by field name, against the fields; known says whether a user
// id is one the pod knows. It returns the formValues of the event,
// "action" set to the button, or an error naming every problem.
func (f *elementsForm) checkSubmission(action string, values map[string]json.RawMessage, known func(int64) bool) (map[string]any, error) {
	var problems []string
	if !slices.Contains(f.buttons, action) {
		problems = append(problems, fmt.Sprintf("the form has no action button named %q (its buttons: %s)",
			action, quoteList(f.buttons)))
	}
	out := map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(values)) {
		fields, ok := f.fields[name]
		switch {
		case name == "action":
			problems = append(problems, `"action" is not a field: the button pressed goes in the request's action`)
			continue
		case !ok:
			problems = append(problems, fmt.Sprintf("the form has no field named %q (its fields: %s)", name, quoteList(f.names)))
			continue
		}
		v, err := decodeValue(values[name])
		if err != nil {
			problems = append(problems, fmt.Sprintf("field %q: %v", name, err))
			continue
		}
		if err := checkValue(fields, v, known); err != nil {
			problems = append(problems, fmt.Sprintf("field %q: %v", name, err))
			continue
		}
		out[name] = v
	}
	for _, name := range f.names {
		if !slices.ContainsFunc(f.fields[name], func(fl formField) bool { return fl.required }) {
			continue
		}
		if v, ok := out[name]; (!ok && values[name] == nil) || ok && isEmptyValue(v) {
			problems = append(problems, fmt.Sprintf("field %q is required", name))
		}
	}
	if len(problems) > 0 {
		return nil, badRequest("Form %q: %s", f.id, strings.Join(problems, "; "))
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

// checkValue checks v against the fields that share its name.
func checkValue(fields []formField, v any, known func(int64) bool) error {
	if len(fields) == 1 {
		return checkFieldValue(fields[0], v, known)
	}
	if !slices.ContainsFunc(fields, func(f formField) bool { return f.kind != fieldRadio }) {
		// A radio group: the value of the radio chosen.
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("a radio group takes a string, the value of the radio chosen")
		}
		return oneOf(s, radioValues(fields))
	}
	items, ok := v.([]any)
	if !ok {
		return fmt.Errorf("%d fields share this name: their values go in an array", len(fields))
	}
	for _, it := range items {
		ok := slices.ContainsFunc(fields, func(f formField) bool {
			_, isList := it.([]any)
			return !isList && checkFieldValue(f, it, known) == nil
		})
		if !ok {
			return fmt.Errorf("%s is the value of none of the fields of this name", compactJSON(it))
		}
	}
	return nil
}

// checkFieldValue checks v against one field.
func checkFieldValue(f formField, v any, known func(int64) bool) error {
	kind := fieldKindNames[f.kind]
	switch f.kind {
	case fieldText:
		if _, ok := v.(string); !ok {
			return fmt.Errorf("a %s field takes a string", kind)
		}
	case fieldCheckbox, fieldRadio:
		s, ok := v.(string)
		if !ok || s != f.values[0] {
			return fmt.Errorf("a %s takes its value %q when checked (and is left out otherwise)", kind, f.values[0])
		}
	case fieldSelect:
		if !f.multiple {
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("a drop-down takes the string value of the option chosen")
			}
			if s == "" {
				return nil // nothing chosen: refused only when required
			}
			return oneOf(s, f.values)
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
			if err := oneOf(s, f.values); err != nil {
				return err
			}
		}
	case fieldPerson:
		return checkPersons(v, known)
	case fieldRoom:
		return checkRooms(v)
	case fieldDate:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("a date picker takes a string \"YYYY-MM-DD\"")
		}
		if _, err := time.Parse(time.DateOnly, s); s != "" && err != nil {
			return fmt.Errorf("%q is not a date \"YYYY-MM-DD\"", s)
		}
	}
	return nil
}

// checkPersons checks a person selector's value: an array of the ids of
// users the pod knows.
func checkPersons(v any, known func(int64) bool) error {
	items, ok := v.([]any)
	if !ok {
		return fmt.Errorf("a person selector takes an array of user ids (numbers)")
	}
	for _, it := range items {
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
	}
	return nil
}

// checkRooms checks a room selector's value: {"userIds": [strings],
// "streamIds": [strings]}, either list left out when empty.
func checkRooms(v any) error {
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf(`a room selector takes {"userIds": [...], "streamIds": [...]}`)
	}
	for key, list := range obj {
		if key != "userIds" && key != "streamIds" {
			return fmt.Errorf("a room selector has userIds and streamIds, not %q", key)
		}
		items, ok := list.([]any)
		if !ok {
			return fmt.Errorf("a room selector's %s is an array of strings", key)
		}
		for _, it := range items {
			if _, ok := it.(string); !ok {
				return fmt.Errorf("a room selector's %s is an array of strings", key)
			}
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

// oneOf checks that s is one of the allowed values.
func oneOf(s string, allowed []string) error {
	if slices.Contains(allowed, s) {
		return nil
	}
	return fmt.Errorf("%q is not one of its values (%s)", s, quoteList(allowed))
}

// radioValues are the values of a radio group.
func radioValues(fields []formField) []string {
	var out []string
	for _, f := range fields {
		out = append(out, f.values...)
	}
	return out
}

// quoteList writes names as "a", "b", or "none".
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
