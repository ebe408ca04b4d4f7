package simulator

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// fieldKind is the kind of a Symphony Elements form field, as the
// PresentationML of a message shows it; it decides the shape of the
// field's value in formValues.
type fieldKind uint8

const (
	fieldText     fieldKind = iota // text-field, textarea, time-picker, timezone-picker: a string
	fieldCheckbox                  // its value when checked
	fieldRadio                     // the value of the checked radio of the group
	fieldSelect                    // an option's value; an array of them when multiple
	fieldPerson                    // an array of user ids (numbers)
	fieldRoom                      // {"userIds": [...], "streamIds": [...]}
	fieldDate                      // date-picker: "YYYY-MM-DD"
)

// kindNames are the names of the field kinds, for error messages.
var fieldKindNames = [...]string{
	fieldText: "text", fieldCheckbox: "checkbox", fieldRadio: "radio button", fieldSelect: "drop-down",
	fieldPerson: "person selector", fieldRoom: "room selector", fieldDate: "date picker",
}

// formField is one field of a form.
type formField struct {
	name     string
	kind     fieldKind
	required bool
	multiple bool     // a select that takes several options
	values   []string // a checkbox's or radio button's value; a select's options
}

// elementsForm is a form of a message: its action buttons and its fields.
type elementsForm struct {
	id      string
	buttons []string               // names of the action buttons, in order
	fields  map[string][]formField // by name: several fields may share one
	names   []string               // field names in order of appearance
}

// messageForms reads the forms of a message's PresentationML.
func messageForms(pml string) ([]*elementsForm, error) {
	doc, err := html.Parse(strings.NewReader(pml))
	if err != nil {
		return nil, fmt.Errorf("parse the message: %w", err)
	}
	var forms []*elementsForm
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Form {
			f := &elementsForm{id: attrOf(n, "id"), fields: map[string][]formField{}}
			f.read(n)
			forms = append(forms, f)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return forms, nil
}

// read collects the buttons and fields under n.
func (f *elementsForm) read(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if f.readElement(c) {
			continue
		}
		f.read(c)
	}
}

// readElement records c when it is a button or a field and reports
// whether it was one (its children are then not fields).
func (f *elementsForm) readElement(c *html.Node) bool {
	switch c.DataAtom {
	case atom.Button:
		typ := strings.ToLower(strings.TrimSpace(attrOf(c, "type")))
		if name := attrOf(c, "name"); name != "" && (typ == "" || typ == "action") {
			f.buttons = append(f.buttons, name)
		}
		return true
	case atom.Input:
		field := formField{name: attrOf(c, "name"), kind: fieldText, required: truthyAttr(c, "required")}
		switch strings.ToLower(strings.TrimSpace(attrOf(c, "type"))) {
		case "checkbox", "radio":
			field.kind = fieldCheckbox
			if strings.EqualFold(strings.TrimSpace(attrOf(c, "type")), "radio") {
				field.kind = fieldRadio
			}
			field.values = []string{"on"}
			if v, ok := attrValue(c, "value"); ok {
				field.values = []string{v}
			}
		case "date":
			field.kind = fieldDate
		case "hidden", "submit", "button", "reset", "image":
			return true
		}
		f.add(field)
		return true
	case atom.Textarea:
		f.add(formField{name: attrOf(c, "name"), kind: fieldText, required: truthyAttr(c, "required")})
		return true
	case atom.Select:
		field := formField{name: attrOf(c, "name"), kind: fieldSelect, required: truthyAttr(c, "required"),
			multiple: truthyAttr(c, "multiple")}
		var options func(n *html.Node)
		options = func(n *html.Node) {
			for o := n.FirstChild; o != nil; o = o.NextSibling {
				if o.Type == html.ElementNode && o.DataAtom == atom.Option {
					field.values = append(field.values, optionValue(o))
				} else if o.Type == html.ElementNode {
					options(o)
				}
			}
		}
		options(c)
		f.add(field)
		return true
	}
	classes := strings.Fields(attrOf(c, "class"))
	kind, ok := fieldText, true
	switch {
	case slices.Contains(classes, "person-selector"):
		kind = fieldPerson
	case slices.Contains(classes, "room-selector"):
		kind = fieldRoom
	case slices.Contains(classes, "date-selector"), slices.Contains(classes, "timezone-picker"):
	default:
		ok = false
	}
	if ok {
		f.add(formField{name: attrOf(c, "data-name"), kind: kind,
			required: truthyAttr(c, "data-required") || truthyAttr(c, "required")})
	}
	return ok
}

// add records a field that has a name.
func (f *elementsForm) add(field formField) {
	if field.name == "" {
		return
	}
	if _, ok := f.fields[field.name]; !ok {
		f.names = append(f.names, field.name)
	}
	f.fields[field.name] = append(f.fields[field.name], field)
}

// optionValue is an option's value: its value attribute, else its text.
func optionValue(o *html.Node) string {
	if v, ok := attrValue(o, "value"); ok {
		return v
	}
	var b strings.Builder
	var text func(n *html.Node)
	text = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
			text(c)
		}
	}
	text(o)
	return strings.TrimSpace(b.String())
}

// attrValue returns an attribute of n and whether it is there.
func attrValue(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// attrOf returns an attribute of n, "" when it is not there.
func attrOf(n *html.Node, key string) string {
	v, _ := attrValue(n, key)
	return v
}

// truthyAttr reports a boolean attribute that is there and not "false".
func truthyAttr(n *html.Node, key string) bool {
	v, ok := attrValue(n, key)
	return ok && !strings.EqualFold(strings.TrimSpace(v), "false")
}
