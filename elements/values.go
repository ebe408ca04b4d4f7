package elements

import (
	"fmt"
	"regexp"
	"strconv"
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
// action sends, in the shapes the datafeed carries.
func (f *Form) Values(filled Filled, action string) map[string]any {
	out := map[string]any{"action": action}
	for i, fd := range f.Fields {
		text := ""
		if i < len(filled.Text) {
			text = filled.Text[i]
		}
		var ids []string
		if i < len(filled.IDs) {
			ids = filled.IDs[i]
		}
		switch fd.Kind {
		case Text, TextArea, Date, Time, Timezone:
			out[fd.Name] = text
		case Radio:
			if vs := f.chosenValues(filled, i); len(vs) > 0 {
				out[fd.Name] = vs[0]
			}
		case Select:
			vs := f.chosenValues(filled, i)
			switch {
			case fd.Multiple:
				out[fd.Name] = orEmpty(vs)
			case len(vs) > 0:
				out[fd.Name] = vs[0]
			default:
				out[fd.Name] = ""
			}
		case Checkbox:
			vs := f.chosenValues(filled, i)
			switch {
			case len(fd.Options) > 1 && len(vs) > 0:
				out[fd.Name] = vs
			case len(vs) == 1:
				out[fd.Name] = vs[0]
			}
		case Person:
			users := []int64{}
			for _, id := range ids {
				if n, err := strconv.ParseInt(id, 10, 64); err == nil {
					users = append(users, n)
				}
			}
			out[fd.Name] = users
		case Room:
			out[fd.Name] = map[string]any{"userIds": []string{}, "streamIds": orEmpty(ids)}
		}
	}
	return out
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
		text := ""
		if i < len(filled.Text) {
			text = filled.Text[i]
		}
		switch fd.Kind {
		case Text, TextArea, Date, Time, Timezone:
			n := utf8.RuneCountInString(text)
			switch {
			case text == "" && fd.Required:
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
			if fd.Required && len(f.chosenValues(filled, i)) == 0 {
				return bad("choose one")
			}
		case Person, Room:
			if fd.Required && (i >= len(filled.IDs) || len(filled.IDs[i]) == 0) {
				return bad("required")
			}
		}
	}
	return Problem{}, false
}
