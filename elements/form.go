// Package elements reads the Symphony Elements forms of a message, as the
// agent delivers them in PresentationML, and builds what submitting one
// sends: the formValues of a SYMPHONYELEMENTSACTION.
//
// Contract:
//   - Forms reads every <form id> of a PresentationML document, in order:
//     its fields in document order (text fields, text areas, drop-downs,
//     checkboxes and radio buttons grouped by name and kind, person, room,
//     date, time and time-zone pickers, legacy date selectors) with their
//     labels, initial values and constraints, and its buttons (action, the
//     default, reset and cancel). Hidden inputs are not fields; an <input>
//     button is not an Elements button. Fields of other kinds sharing a
//     name each stay a field of their own.
//   - Input is remote: every string shown (ids, names, labels, texts,
//     initial values) is sanitised (no control characters) and bounded;
//     the values of options, checkboxes and radio buttons, which a
//     submission sends back, are kept exactly as the form has them
//     (bounded). A malformed document gives the forms it holds as far as
//     the HTML parser recovers them, never a panic.
//   - Values turns what was filled in into formValues with the shapes the
//     datafeed carries: a string for text, text areas, radio buttons,
//     single drop-downs, dates, times and time zones; a checkbox's value
//     (an unchecked one is left out); an array for a multiple drop-down,
//     several checkboxes of one name, and a person selector (user ids as
//     numbers); {"userIds":[],"streamIds":[…]} for a room selector; and
//     "action", the name of the button pressed. Several fields sharing a
//     name send one array of all their values.
//   - Check reports the first field whose value the form refuses
//     (required and empty, too short or long, not matching its pattern, a
//     date or time that is not one), as Symphony's clients check before
//     sending.
//   - Accept checks a submission someone else built, as the pod sees it:
//     the button an action button of the form, every value a field's in
//     the datafeed's shape, every required field answered; it returns the
//     event's formValues or a Refusal naming every problem. What Check
//     passes and Values builds, Accept takes.
package elements

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// Kind is the kind of a form field.
type Kind int

// The kinds of fields.
const (
	Text Kind = iota
	TextArea
	Select
	Checkbox // one or more checkboxes sharing a name
	Radio    // radio buttons sharing a name
	Person   // person selector: user ids
	Room     // room selector: stream ids
	Date     // YYYY-MM-DD
	Time     // HH:MM:SS
	Timezone // an IANA time zone id
	// DateSelector is the legacy date selector: a string.
	DateSelector
)

// String names a kind as the Elements documentation does.
func (k Kind) String() string {
	return [...]string{"text-field", "textarea", "select", "checkbox", "radio", "person-selector",
		"room-selector", "date-picker", "time-picker", "timezone-picker", "date-selector"}[k]
}

// Bounds of what is read from a form: generous, as the message's own size
// bounds it, and a field or option left out would be refused by Accept.
const (
	maxForms   = 50
	maxFields  = 500
	maxOptions = 1000
	maxText    = 4096 // runes of a label, value or option text
)

// Form is one <form> of a message.
type Form struct {
	ID      string
	Fields  []Field
	Buttons []Button
}

// Field is a control of a form, or a group of checkboxes or radio buttons
// sharing a name.
type Field struct {
	Kind        Kind
	Name        string
	Label       string // the label, else the title, else ""
	Placeholder string
	Required    bool
	Multiple    bool     // a drop-down that takes several options
	Masked      bool     // a text field whose text is hidden
	Value       string   // the initial text (text fields, text areas, pickers)
	Values      []string // the initial ids of a person or room selector
	Options     []Option // drop-down options, checkboxes or radio buttons
	MinLength   int      // 0: none
	MaxLength   int      // 0: none
	Pattern     string   // a regular expression the text must match
	PatternHelp string   // what the form says when it does not
	Disabled    bool     // disabled or read-only: shown, not changed
}

// Option is one choice of a drop-down, a checkbox or a radio button.
type Option struct {
	// Value is what a submission sends, exactly as the form has it: its
	// value attribute; else a checkbox's or radio button's is "on", an
	// option's its text. It is never shown: Text is.
	Value    string
	Text     string
	Selected bool // selected, or checked
}

// ButtonKind is what pressing a button does.
type ButtonKind int

// The kinds of buttons, as a <button>'s type says.
const (
	ButtonAction ButtonKind = iota // the default: checks and submits the form, its name the action
	ButtonReset                    // restores the initial values
	ButtonCancel                   // closes the form, sending nothing
)

// String names a kind of button as its type attribute does.
func (k ButtonKind) String() string {
	return [...]string{"action", "reset", "cancel"}[k]
}

// Button is a button of a form. Only action buttons submit, with their
// name as the action; an action button always has a name.
type Button struct {
	Name string
	Text string
	Kind ButtonKind
}

// Title is what a field is called for people: its label, else its
// placeholder, else its name.
func (f *Field) Title() string {
	return cmpOr(f.Label, f.Placeholder, f.Name)
}

// cmpOr returns the first non-empty string.
func cmpOr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// Forms returns the forms of a PresentationML document.
func Forms(presentationML string) []Form {
	root, err := html.Parse(strings.NewReader(presentationML))
	if err != nil {
		return nil
	}
	var out []Form
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if len(out) >= maxForms {
			return
		}
		if n.Type == html.ElementNode && n.Data == "form" {
			if f, ok := readForm(n); ok {
				out = append(out, f)
			}
			return // forms do not nest
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// FormByID returns the form of id in a PresentationML document.
func FormByID(presentationML, id string) (Form, bool) {
	for _, f := range Forms(presentationML) {
		if f.ID == id {
			return f, true
		}
	}
	return Form{}, false
}

// formReader gathers a form's fields as its tree is walked.
type formReader struct {
	form    Form
	labels  map[string]string // label text by the id it is for
	ids     map[int]string    // the id of each field's control, by field index
	choices map[string][2]int // a checkbox's or radio button's field and option, by its id
}

// readForm reads a <form> element; a form without an id is not one the
// datafeed can name, and is left out.
func readForm(n *html.Node) (Form, bool) {
	id := clean(attr(n, "id"))
	if id == "" {
		return Form{}, false
	}
	r := &formReader{form: Form{ID: id}, labels: map[string]string{}, ids: map[int]string{}, choices: map[string][2]int{}}
	r.walk(n)
	for i, cid := range r.ids {
		f := &r.form.Fields[i]
		if f.Label == "" && r.labels[cid] != "" && f.Kind != Checkbox && f.Kind != Radio {
			f.Label = r.labels[cid]
		}
	}
	// A checkbox's or radio button's text is its label element's.
	for i := range r.form.Fields {
		f := &r.form.Fields[i]
		for j := range f.Options {
			if f.Options[j].Text == "" {
				f.Options[j].Text = f.Options[j].Value
			}
		}
	}
	return r.form, true
}

// walk reads the controls under n.
func (r *formReader) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.Data {
		case "label":
			// A control inside the label is read below, as the pod reads it.
			if f := attr(c, "for"); f != "" {
				r.labels[f] = clean(textOf(c))
				r.labelChoice(f, clean(textOf(c)))
			}
		case "input":
			r.input(c)
			continue
		case "textarea":
			r.add(c, Field{Kind: TextArea, Value: clampLines(textOf(c))})
			continue
		case "select":
			r.selectField(c)
			continue
		case "button":
			r.button(c)
			continue
		case "div":
			if r.selector(c) {
				continue
			}
		}
		r.walk(c)
	}
}

// add appends a field read from control n, with the attributes every
// control shares; a control without a name is not a field. Fields sharing
// a name are each read.
func (r *formReader) add(n *html.Node, f Field) {
	if len(r.form.Fields) >= maxFields {
		return
	}
	f.Name = cmpOr(clean(attr(n, "name")), clean(attr(n, "data-name")))
	if f.Name == "" {
		return
	}
	f.Placeholder = cmpOr(clean(attr(n, "placeholder")), clean(attr(n, "data-placeholder")))
	f.Required = truthy(n, "required") || truthy(n, "data-required")
	f.Disabled = truthy(n, "disabled") || truthy(n, "readonly")
	if id := attr(n, "id"); id != "" {
		r.ids[len(r.form.Fields)] = id
	}
	r.form.Fields = append(r.form.Fields, f)
}

// input reads an <input>: a text field, a date or time picker, or a
// checkbox or radio button joining the group of its name.
func (r *formReader) input(n *html.Node) {
	typ := strings.ToLower(strings.TrimSpace(attr(n, "type")))
	switch typ {
	case "checkbox", "radio":
		kind := Checkbox
		if typ == "radio" {
			kind = Radio
		}
		name := clean(attr(n, "name"))
		if name == "" {
			return
		}
		value := "on"
		if v, ok := attrOK(n, "value"); ok {
			value = exact(v)
		}
		opt := Option{Value: value, Selected: truthy(n, "checked")}
		if i := slices.IndexFunc(r.form.Fields, func(f Field) bool { return f.Name == name && f.Kind == kind }); i >= 0 {
			if fd := &r.form.Fields[i]; len(fd.Options) < maxOptions {
				fd.Options = append(fd.Options, opt)
				// The group is required when one of its controls is.
				fd.Required = fd.Required || truthy(n, "required") || truthy(n, "data-required")
				r.choiceIDs(i, attr(n, "id"))
			}
			return
		}
		r.add(n, Field{Kind: kind, Options: []Option{opt}})
		if len(r.form.Fields) > 0 && r.form.Fields[len(r.form.Fields)-1].Name == name {
			r.choiceIDs(len(r.form.Fields)-1, attr(n, "id"))
		}
	case "hidden", "submit", "reset", "button", "image":
		// Neither fields nor Elements buttons: the agent emits none.
	default:
		f := Field{Kind: Text, Value: clean(attr(n, "value")), Masked: typ == "password" || truthy(n, "data-masked"),
			MinLength: atoi(attr(n, "minlength")), MaxLength: atoi(attr(n, "maxlength")),
			Pattern: attr(n, "pattern"), PatternHelp: clean(attr(n, "data-pattern-error-message"))}
		switch typ {
		case "date":
			f.Kind = Date
		case "time":
			f.Kind = Time
		}
		r.add(n, f)
	}
}

// choiceIDs remembers that the control of id is the last option of field
// i, so that its label names the option.
func (r *formReader) choiceIDs(i int, id string) {
	if id != "" {
		r.choices[id] = [2]int{i, len(r.form.Fields[i].Options) - 1}
	}
}

// labelChoice names the option whose control is id, if it is one.
func (r *formReader) labelChoice(id, text string) {
	if at, ok := r.choices[id]; ok {
		r.form.Fields[at[0]].Options[at[1]].Text = text
	}
}

// selectField reads a <select> and its options.
func (r *formReader) selectField(n *html.Node) {
	f := Field{Kind: Select, Multiple: truthy(n, "multiple")}
	var walk func(*html.Node)
	walk = func(p *html.Node) {
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data != "option" {
				walk(c)
				continue
			}
			if len(f.Options) >= maxOptions {
				return
			}
			text := clean(textOf(c))
			value := text
			if v, ok := attrOK(c, "value"); ok {
				value = exact(v)
			}
			f.Options = append(f.Options, Option{Value: value, Text: cmpOr(text, clean(value)), Selected: truthy(c, "selected")})
		}
	}
	walk(n)
	r.add(n, f)
}

// selector reads a person, room, time-zone or legacy date selector
// <div>, reporting whether n was one.
func (r *formReader) selector(n *html.Node) bool {
	classes := strings.Fields(attr(n, "class"))
	var f Field
	switch {
	case slices.Contains(classes, "person-selector"):
		f.Kind = Person
	case slices.Contains(classes, "room-selector"):
		f.Kind = Room
	case slices.Contains(classes, "timezone-picker"):
		f.Kind = Timezone
	case slices.Contains(classes, "date-selector"):
		f.Kind = DateSelector
	default:
		return false
	}
	v := strings.TrimSpace(attr(n, "data-value"))
	if f.Kind == Timezone || f.Kind == DateSelector {
		f.Value = clean(v)
	} else {
		v = strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
		for _, p := range strings.Split(v, ",") {
			if p = clean(strings.Trim(strings.TrimSpace(p), `"'`)); p != "" && len(f.Values) < maxOptions {
				f.Values = append(f.Values, p)
			}
		}
	}
	r.add(n, f)
	return true
}

// button reads a <button> of type action (the default), reset or cancel.
// A button of another type, or an action button without a name (which
// could not say it was pressed), is not one the agent emits, and is left
// out.
func (r *formReader) button(n *html.Node) {
	var kind ButtonKind
	switch strings.ToLower(strings.TrimSpace(attr(n, "type"))) {
	case "", "action":
		kind = ButtonAction
	case "reset":
		kind = ButtonReset
	case "cancel":
		kind = ButtonCancel
	default:
		return
	}
	name := clean(attr(n, "name"))
	if kind == ButtonAction && name == "" {
		return
	}
	text := cmpOr(clean(textOf(n)), name, kind.String())
	r.form.Buttons = append(r.form.Buttons, Button{Name: name, Text: text, Kind: kind})
}

// attr returns the attribute key of n, "" when absent.
func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

// attrOK returns the attribute key of n and whether it is there.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// truthy reports an attribute that is present and not "false".
func truthy(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return !strings.EqualFold(strings.TrimSpace(a.Val), "false")
		}
	}
	return false
}

// textOf returns the text under n, bounded.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(p *html.Node) {
		for c := p.FirstChild; c != nil && b.Len() < maxText*4; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if c.Data == "br" {
					b.WriteByte('\n')
				}
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// clean makes remote text one safe, bounded line.
func clean(s string) string {
	s = strings.Join(strings.Fields(sanitize.Line(s)), " ")
	if rs := []rune(s); len(rs) > maxText {
		s = string(rs[:maxText])
	}
	return s
}

// exact bounds a value a submission sends back, changing nothing else.
func exact(s string) string {
	if utf8.RuneCountInString(s) > maxText {
		s = string([]rune(s)[:maxText])
	}
	return s
}

// clampLines makes a text area's remote text safe and bounded, keeping its
// lines.
func clampLines(s string) string {
	s = strings.Trim(sanitize.Text(s), "\n ")
	if rs := []rune(s); len(rs) > maxText {
		s = string(rs[:maxText])
	}
	return s
}

// atoi reads a small non-negative number, 0 when it is not one.
func atoi(s string) int {
	n := 0
	for _, r := range strings.TrimSpace(s) {
		if r < '0' || r > '9' || n > 1<<20 {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}
