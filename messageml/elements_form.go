package messageml

import (
	"regexp/syntax"
	"strconv"
	"strings"
)

// Symphony Elements: forms and the controls inside them.

var (
	formSpec = &spec{
		kind: kindForm, hasID: true,
		attr: func(_ *converter, e *element, a xattr) error {
			if a.name == "id" || a.name == "multi-submit" {
				e.attrs.set(a.name, a.value)
				return nil
			}
			return notAllowedAttr(e, a)
		},
		validate: validateForm,
		render: func(cv *converter, w *writer, e *element) {
			var attrs []attr
			if v, ok := e.attrs.get("id"); ok {
				attrs = append(attrs, attr{name: "id", value: v})
			}
			if v, ok := e.attrs.get("multi-submit"); ok {
				attrs = append(attrs, attr{name: "data-multi-submit", value: v})
			}
			w.open("form", attrs...)
			cv.renderChildren(w, e)
			w.close()
		},
	}
	buttonSpec = &spec{
		kind:     kindButton,
		attr:     buttonAttr,
		validate: validateButton,
		render: func(cv *converter, w *writer, e *element) {
			attrs := append(attrList(nil), e.attrs...)
			for _, rename := range [][2]string{{"title", "data-title"}, {"formnovalidate", "data-formnovalidate"}} {
				if v, ok := attrs.get(rename[0]); ok {
					attrs.del(rename[0])
					attrs.set(rename[1], v)
				}
			}
			w.open("button", attrs...)
			cv.renderChildren(w, e)
			w.close()
		},
	}
)

// copyAttrs copies the named attributes of from that are present into to.
// "a=b" copies a under the name b.
func copyAttrs(to *attrList, from attrList, names ...string) {
	for _, n := range names {
		src, dst, renamed := strings.Cut(n, "=")
		if !renamed {
			dst = src
		}
		if v, ok := from.get(src); ok {
			to.set(dst, v)
		}
	}
}

// withID returns attrs with an id appended, when id is not empty.
func withID(attrs attrList, id string) attrList {
	if id == "" {
		return attrs
	}
	out := append(attrList(nil), attrs...)
	out.set("id", id)
	return out
}

// renderSplittable writes a form control, wrapped, when it has a label or a
// tooltip, in <div class="<kind>-group" data-generated="true"> with the
// <label> and the info-hint <span> pointing at the control's generated id.
func renderSplittable(cv *converter, w *writer, e *element, kind string, control func(id string)) {
	label, hasLabel := e.attrs.get("label")
	title, hasTitle := e.attrs.get("title")
	if !hasLabel && !hasTitle {
		control("")
		return
	}
	w.open("div", attr{name: "class", value: kind + "-group"}, attr{name: "data-generated", value: "true"})
	id := kind + "-" + cv.idgen.next()
	if hasLabel {
		w.leaf("label", label, attr{name: "for", value: id})
	}
	if hasTitle {
		w.open("span", attr{name: "class", value: "info-hint"}, attr{name: "data-target-id", value: id}, attr{name: "data-title", value: title})
		w.close()
	}
	control(id)
	w.close()
}

// validateFormElement makes the checks every form control shares: label
// and tooltip length, a boolean formnovalidate, and being inside a form.
// regex adds the checks of a pattern attribute.
func validateFormElement(e *element, regex bool) error {
	if regex {
		if err := validatePattern(e); err != nil {
			return err
		}
	}
	for _, name := range []string{"label", "title"} {
		if v, ok := e.attrs.get(name); ok && javaLen(v) > 256 {
			return errorf("The attribute %s value is too long. Max length is: 256", name)
		}
	}
	if err := assertOptionalBool(e, "formnovalidate", "data-formnovalidate"); err != nil {
		return err
	}
	return assertAncestor(e, kindForm)
}

// validatePattern checks a pattern attribute and its error message.
func validatePattern(e *element) error {
	pattern, ok := e.attrs.get("pattern")
	if !ok {
		return nil
	}
	msg, ok := e.attrs.get("pattern-error-message")
	if !ok {
		name := "pattern-error-message"
		if e.format == formatPresentationML {
			name = "data-" + name
		}
		return errorf(`The attribute "%s" is mandatory when attribute "pattern" is defined`, name)
	}
	if javaLen(pattern) > 256 {
		return errorf(`The attribute "pattern" value is too long. Max length for this attribute is: 256`)
	}
	if javaLen(msg) > 256 {
		return errorf(`The attribute "pattern-error-message" value is too long. Max length for this attribute is: 256`)
	}
	if !isJavaRegex(pattern) {
		return errorf(`The regex "%s" is not valid`, pattern)
	}
	return nil
}

// isJavaRegex reports whether a pattern compiles. Go's syntax is a subset of
// Java's, so only structural errors count; constructs Go lacks (look-around,
// back-references, possessive quantifiers) are given the benefit of the
// doubt.
func isJavaRegex(pattern string) bool {
	_, err := syntax.Parse(pattern, syntax.Perl)
	if err == nil {
		return true
	}
	if se, ok := err.(*syntax.Error); ok {
		switch se.Code {
		case syntax.ErrInvalidPerlOp, syntax.ErrInvalidEscape, syntax.ErrInvalidRepeatOp,
			syntax.ErrInvalidNamedCapture, syntax.ErrInvalidRepeatSize, syntax.ErrNestingDepth, syntax.ErrLarge:
			return true
		}
	}
	return false
}

// validateLengths checks minlength and maxlength against the control's
// bounds, and the initial value against them.
func validateLengths(e *element, lowest, highest int) error {
	read := func(name string) (int, bool, error) {
		v, ok := e.attrs.get(name)
		if !ok {
			return 0, false, nil
		}
		n, err := strconv.ParseInt(v, 10, 32)
		if err != nil {
			return 0, false, errorf(`The attribute "%s" must be a valid number.`, name)
		}
		if int(n) < lowest || int(n) > highest {
			return 0, false, errorf(`The attribute "%s" must be between %d and %d`, name, lowest, highest)
		}
		return int(n), true, nil
	}
	maxLen, hasMax, err := read("maxlength")
	if err != nil {
		return err
	}
	minLen, hasMin, err := read("minlength")
	if err != nil {
		return err
	}
	if !hasMin {
		minLen = lowest
	}
	if !hasMax {
		maxLen = highest
	}
	if minLen > maxLen {
		return errorf(`The attribute "minlength" must be lower than the "maxlength" attribute`)
	}
	if len(e.children) == 1 && e.children[0].isText() {
		if n := javaLen(e.children[0].text); n < minLen || n > maxLen {
			return errorf("The length of this %s's initial value must be between %d and %d", e.tag, minLen, maxLen)
		}
	}
	return nil
}

// validateForm checks a <form>: not nested, its id, its action button
// (or its dialog parts), and its multi-submit mode.
func validateForm(_ *converter, e *element) error {
	if e.hasAncestor(kindForm) {
		return errorf(`Element "form" cannot be an inner child of the following elements: [form]`)
	}
	for _, k := range []kind{kindCheckbox, kindRadio} {
		if len(e.find(func(n *element) bool { return n.is(k) })) > 50 {
			return errorf(`Element "form" cannot have more than 50 children of the following elements: [checkbox, radio].`)
		}
	}
	if err := assertNotBlank(e, "id"); err != nil {
		return err
	}
	if e.parent.is(kindDialog) {
		if err := assertContent(e, kindDialogFooter, kindDialogTitle, kindDialogBody); err != nil {
			return err
		}
	} else {
		actions := e.find(func(n *element) bool { return n.is(kindButton) && n.attrs.value("type") == "action" })
		if len(actions) == 0 {
			return errorf("The form with id '%s' should have at least one action button", e.attrs.value("id"))
		}
	}
	if e.attrs.has("multi-submit") {
		return firstError(assertMaxLength(e, "multi-submit", 64), assertValue(e, "multi-submit", "reset", "no-reset"))
	}
	return nil
}

// buttonClasses are the classes a button may have.
var buttonClasses = setOf("primary", "secondary", "tertiary", "destructive",
	"primary-destructive", "secondary-destructive", "primary-link", "destructive-link")

// buttonAttr reads the attributes of a <button>.
func buttonAttr(_ *converter, e *element, a xattr) error {
	switch a.name {
	case "name", "type", "title", "formnovalidate":
		e.attrs.set(a.name, a.value)
	case "icon":
		e.attrs.set("data-icon", a.value)
	case "class":
		e.attrs.set("class", strings.TrimSuffix(a.value, "-destructive"))
	default:
		return notAllowedAttr(e, a)
	}
	return nil
}

// validateButton checks a <button> of a form or of a UI action.
func validateButton(_ *converter, e *element) error {
	if err := assertAncestor(e, kindForm, kindUIAction); err != nil {
		return err
	}
	if c, ok := e.attrs.get("class"); ok && !buttonClasses[c] {
		return errorf(`Attribute "class" must be "primary", "secondary", "tertiary" or "destructive" ("primary-destructive" and "secondary-destructive" are deprecated)`)
	}
	if e.parent.is(kindUIAction) {
		if e.attrs.has("type") || e.attrs.has("name") {
			return errorf(`Attributes "type" and "name" are not allowed on a button inside a UIAction.`)
		}
		return nil
	}
	typ := e.attrs.value("type")
	name, hasName := e.attrs.get("name")
	switch {
	case typ != "action" && typ != "reset" && typ != "cancel":
		return errorf(`Attribute "type" must be "action", "reset" or "cancel"`)
	case (typ == "action" || typ == "cancel") && isBlank(name):
		return errorf(`Attribute "name" is required for %s buttons`, typ)
	case typ == "reset" && hasName:
		return errorf(`Attribute "name" is allowed for action buttons only`)
	}
	return firstError(assertContent(e, kindText), assertContainsChild(e, kindText))
}
