package messageml

import (
	"slices"
	"strings"
)

// PresentationML input is checked and written back in the agent's compact
// form; its meaning is not reinterpreted.

// presentationTags are the tags PresentationML is made of.
var presentationTags = setOf(
	"div", "p", "br", "hr", "b", "i", "sub", "sup", "span", "pre", "code", "a", "img",
	"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
	"table", "thead", "tbody", "tfoot", "tr", "th", "td",
	"form", "button", "select", "option", "textarea", "input", "label", "audio", "dialog", "time",
)

// voidTags are written as <tag …/> when they are empty.
var voidTags = setOf("br", "hr", "img", "input", "audio")

// inputTypes are the <input> types PresentationML knows.
var inputTypes = setOf("text", "checkbox", "radio", "date", "time")

// passPresentationML checks a PresentationML message rooted at root and
// writes it to w. Attributes keep their order, so that the agent's own
// output converts to itself.
func (cv *converter) passPresentationML(w *writer, root *xnode) error {
	var dataFormat, version string
	var hasFormat, hasVersion bool
	probe := &element{tag: "messageML", spec: rootSpec}
	for _, a := range sortedAttrs(root) {
		switch a.name {
		case "data-format":
			dataFormat, hasFormat = a.value, true
		case "data-version":
			version, hasVersion = a.value, true
		default:
			if err := baseAttr(cv, probe, a); err != nil {
				return err
			}
		}
	}

	// The body is checked before the root's own attributes, as the agent
	// builds the tree before it validates the root.
	var body writer
	body.keepNL = w.keepNL
	for _, c := range root.children {
		if c.kind == xElement && c.name == "audio" && len(root.children) != 1 {
			return errorf("Chime messages may not have any other content")
		}
		if err := cv.passNode(&body, c, root); err != nil {
			return err
		}
	}
	if !hasFormat || !strings.EqualFold(dataFormat, "PresentationML") || !hasVersion {
		return errorf(`Malformed PresentationML. The attributes "data-format" and "data-version" are required.`)
	}

	w.open("div", attr{name: "data-format", value: "PresentationML"}, attr{name: "data-version", value: version})
	w.out.WriteString(body.out.String())
	w.text.WriteString(body.text.String())
	w.entities += body.entities
	w.close()
	return nil
}

// passNode checks and writes one node of a PresentationML message.
func (cv *converter) passNode(w *writer, x, parent *xnode) error {
	switch x.kind {
	case xText:
		w.textNode(x.text, parent.name == "code" || parent.name == "textarea")
		return nil
	case xElement:
	default:
		return errorf(`Invalid element "%s"`, x.domName())
	}
	if shorthandTags[x.name] {
		return errorf(`Shorthand tag "%s" is not allowed in PresentationML`, x.name)
	}
	if !presentationTags[x.name] {
		return errorf(`Invalid MessageML content at element "%s"`, x.name)
	}
	if x.name == "audio" && parent.kind == xElement && parent.name != "div" {
		return errorf(`Element "chime" has to be the only element in the message.`)
	}
	if x.name == "input" {
		if t, _ := x.attr("type"); !inputTypes[t] {
			return errorf(`The input type "%s" is not allowed on PresentationML`, t)
		}
	}

	var attrs []attr
	for _, a := range x.attrs {
		if a.name == "style" {
			if err := validateStyle(a.value); err != nil {
				return err
			}
		}
		attrs = append(attrs, attr{name: a.name, value: a.value})
	}
	if x.name == "code" {
		attrs = codeAttrs(attrs)
		if lang := attrsValue(attrs, "data-language"); lang != "" && !slices.Contains(codeLanguages, strings.ToLower(lang)) {
			return errorf(`Attribute "data-language" of element "code" can only be one of the following values: [%s].`, strings.Join(codeLanguages, ", "))
		}
	}

	if len(x.children) == 0 && voidTags[x.name] {
		w.empty(x.name, attrs...)
		return nil
	}
	if x.name == "pre" {
		w.keepNL++
		defer func() { w.keepNL-- }()
	}
	w.open(x.name, attrs...)
	for _, c := range x.children {
		if err := cv.passNode(w, c, x); err != nil {
			return err
		}
	}
	w.close()
	return nil
}

// codeAttrs keeps the language of a <code>, as data-language, and drops the
// rest, as the agent does.
func codeAttrs(attrs []attr) []attr {
	lang, ok := "", false
	for _, a := range attrs {
		if a.name == "language" && !ok {
			lang, ok = a.value, true
		}
	}
	for _, a := range attrs {
		if a.name == "data-language" {
			lang, ok = a.value, true
		}
	}
	if !ok {
		return nil
	}
	return []attr{{name: "data-language", value: lang}}
}

// attrsValue returns the value of the named attribute, or "".
func attrsValue(attrs []attr, name string) string {
	for _, a := range attrs {
		if a.name == name {
			return a.value
		}
	}
	return ""
}

// sortedAttrs returns x's attributes by name, the order the agent's DOM
// hands them over in.
func sortedAttrs(x *xnode) []xattr {
	attrs := slices.Clone(x.attrs)
	slices.SortFunc(attrs, func(a, b xattr) int { return strings.Compare(a.name, b.name) })
	return attrs
}
