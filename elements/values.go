package elements

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Filled is what a person entered in a form, field by field (the indexes
// of Form.Fields): the text of text fields, text areas and pickers, the
// options chosen of drop-downs, checkboxes and radio buttons, and the ids
// picked in person (user ids) and room (stream ids) selectors.
type Filled struct {
	Text   []string
	Chosen [][]bool
	IDs    [][]string
}

// Initial returns the form as it arrives: its fields' initial values.
func (f *Form) Initial() Filled {
	n := len(f.Fields)
	out := Filled{Text: make([]string, n), Chosen: make([][]bool, n), IDs: make([][]string, n)}
	for i, fd := range f.Fields {
		out.Text[i] = fd.Value
		out.IDs[i] = append([]string(nil), fd.Values...)
		out.Chosen[i] = make([]bool, len(fd.Options))
		for j, o := range fd.Options {
			out.Chosen[i][j] = o.Selected
		}
		// A single drop-down with nothing selected shows, and sends, its
		// first option, as a browser's does; a radio group does not.
		if fd.Kind == Select && !fd.Multiple && len(fd.Options) > 0 && !anyTrue(out.Chosen[i]) && fd.Placeholder == "" {
			out.Chosen[i][0] = true
		}
	}
	return out
}

// anyTrue reports whether any of bs is true.
func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

// chosenValues returns the values of the options of field i chosen.
func (f *Form) chosenValues(filled Filled, i int) []string {
	var out []string
	for j, o := range f.Fields[i].Options {
		if i < len(filled.Chosen) && j < len(filled.Chosen[i]) && filled.Chosen[i][j] {
			out = append(out, o.Value)
		}
	}
	return out
}

// Values returns the formValues a submission of filled with the button
// action sends, in the shapes the datafeed carries. The controls sharing a
// name (checkboxes of one name, fields of other kinds) send one array of
// their values, in form order: each text, each box checked, the radio
// button chosen, each option chosen, each user id, a room selector's
// object; it is left out when none of them has one.
func (f *Form) Values(filled Filled, action string) map[string]any {
	out := map[string]any{}
	for i, fd := range f.Fields {
		if f.shared(fd.Name) {
			prev, _ := out[fd.Name].([]any)
			if items := append(prev, f.items(filled, i)...); len(items) > 0 {
				out[fd.Name] = items
			}
			continue
		}
		if v, ok := f.value(filled, i); ok {
			out[fd.Name] = v
		}
	}
	out["action"] = action
	return out
}

// shared reports whether several controls send a value under name: each
// checkbox counts, a group of radio buttons counts once (it sends the one
// chosen), every other field once.
func (f *Form) shared(name string) bool {
	return f.controls(name) > 1
}

// controls counts the controls that send a value under name.
func (f *Form) controls(name string) int {
	n := 0
	for _, fd := range f.Fields {
		switch {
		case fd.Name != name:
		case fd.Kind == Checkbox:
			n += len(fd.Options)
		default:
			n++
		}
	}
	return n
}

// value returns the value field i alone sends, and whether it sends one:
// an unchecked checkbox or a group of radio buttons none of which is
// chosen sends none.
func (f *Form) value(filled Filled, i int) (any, bool) {
	fd := &f.Fields[i]
	switch fd.Kind {
	case Select:
		vs := f.chosenValues(filled, i)
		switch {
		case fd.Multiple:
			return orEmpty(vs), true
		case len(vs) > 0:
			return vs[0], true
		}
		return "", true
	case Checkbox, Radio:
		if vs := f.chosenValues(filled, i); len(vs) > 0 {
			return vs[0], true
		}
		return nil, false
	case Person:
		return userIDs(filledIDs(filled, i)), true
	case Room:
		return roomValue(filledIDs(filled, i)), true
	}
	return filledText(filled, i), true
}

// items returns what field i adds to the array of a name it shares.
func (f *Form) items(filled Filled, i int) []any {
	fd := &f.Fields[i]
	var out []any
	switch fd.Kind {
	case Select, Checkbox:
		if fd.Kind == Select && !fd.Multiple {
			v, _ := f.value(filled, i)
			return []any{v}
		}
		for _, v := range f.chosenValues(filled, i) {
			out = append(out, v)
		}
	case Person:
		for _, id := range userIDs(filledIDs(filled, i)) {
			out = append(out, id)
		}
	default:
		if v, ok := f.value(filled, i); ok {
			out = append(out, v)
		}
	}
	return out
}

// filledText returns the text entered in field i.
func filledText(filled Filled, i int) string {
	if i < len(filled.Text) {
		return filled.Text[i]
	}
	return ""
}

// filledIDs returns the ids picked in field i.
func filledIDs(filled Filled, i int) []string {
	if i < len(filled.IDs) {
		return filled.IDs[i]
	}
	return nil
}

// userIDs returns the user ids among ids, as numbers: [] when none.
func userIDs(ids []string) []int64 {
	users := []int64{}
	for _, id := range ids {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil && n > 0 {
			users = append(users, n)
		}
	}
	return users
}

// roomValue returns a room selector's value for the stream ids picked.
func roomValue(ids []string) map[string]any {
	return map[string]any{"userIds": []string{}, "streamIds": orEmpty(ids)}
}

// orEmpty returns ss, or an empty (not nil) slice: JSON [] rather than
// null.
func orEmpty(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// Problem is a field a form refuses to send as filled, and why.
type Problem struct {
	Field  int // index in Form.Fields
	Reason string
}

// Error says which field and why: "Reason: required".
func (p Problem) Error() string { return p.Reason }

// Check returns the first field of filled the form refuses, as Symphony's
// clients check before sending, and whether there is one.
func (f *Form) Check(filled Filled) (Problem, bool) {
	for i, fd := range f.Fields {
		if fd.Disabled {
			continue
		}
		bad := func(format string, args ...any) (Problem, bool) {
			return Problem{Field: i, Reason: fd.Title() + ": " + fmt.Sprintf(format, args...)}, true
		}
		text := filledText(filled, i)
		switch fd.Kind {
		case Text, TextArea, Date, Time, Timezone, DateSelector:
			n := utf8.RuneCountInString(text)
			switch {
			case strings.TrimSpace(text) == "" && fd.Required:
				return bad("required")
			case text == "":
				continue
			case fd.MinLength > 0 && n < fd.MinLength:
				return bad("at least %d characters", fd.MinLength)
			case fd.MaxLength > 0 && n > fd.MaxLength:
				return bad("at most %d characters", fd.MaxLength)
			}
			if fd.Pattern != "" {
				// A Java pattern RE2 cannot read is left to the bot.
				if re, err := regexp.Compile("^(?:" + fd.Pattern + ")$"); err == nil && !re.MatchString(text) {
					return bad("%s", cmpOr(fd.PatternHelp, "does not match "+fd.Pattern))
				}
			}
			switch fd.Kind {
			case Date:
				if _, err := time.Parse("2006-01-02", text); err != nil {
					return bad("a date as 2026-12-31")
				}
			case Time:
				if _, err := time.Parse("15:04:05", text); err != nil {
					if _, err := time.Parse("15:04", text); err != nil {
						return bad("a time as 14:30 or 14:30:00")
					}
				}
			case Timezone:
				if _, err := time.LoadLocation(text); err != nil {
					return bad("a time zone such as Europe/London")
				}
			}
		case Select, Checkbox, Radio:
			// An option of value "" sends nothing the pod takes as an answer.
			if fd.Required && !slices.ContainsFunc(f.chosenValues(filled, i), func(v string) bool { return v != "" }) {
				return bad("choose one")
			}
		case Person:
			if fd.Required && len(userIDs(filledIDs(filled, i))) == 0 {
				return bad("required")
			}
		case Room:
			if fd.Required && len(filledIDs(filled, i)) == 0 {
				return bad("required")
			}
		}
	}
	return Problem{}, false
}
